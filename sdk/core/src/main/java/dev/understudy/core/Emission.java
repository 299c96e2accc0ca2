package dev.understudy.core;

import dev.understudy.proto.v1.Action;

/** One queued action with what the host thread knew when it was emitted. Immutable. */
record Emission(Action action, long observedUnixNanos, AdapterSlot origin) {}
