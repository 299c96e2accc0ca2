package dev.understudy.core;

import dev.understudy.api.ActionProcessor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** One processor in a recording, with its counters. Called on the pipeline thread only. */
final class ProcessorSlot {

  final String name;
  final String pluginId;
  final String version;
  final ActionProcessor processor;
  private volatile PluginState state = PluginState.RUNNING;
  private final LongAdder seen = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<String> lastError = new AtomicReference<>("");

  ProcessorSlot(String name, String pluginId, String version, ActionProcessor processor) {
    this.name = name;
    this.pluginId = pluginId;
    this.version = version;
    this.processor = processor;
  }

  boolean enabled() {
    return state == PluginState.RUNNING;
  }

  void disable(PluginState newState) {
    state = newState;
  }

  void countSeen() {
    seen.increment();
  }

  void countDropped() {
    dropped.increment();
  }

  void recordError(Throwable error) {
    errors.increment();
    lastError.set(String.valueOf(error));
  }

  void recordTimeout(String detail) {
    errors.increment();
    dropped.increment();
    lastError.set(detail);
  }

  PluginStats stats() {
    return new PluginStats(name, "processor", state, seen.sum(), dropped.sum(), errors.sum(), lastError.get());
  }
}
