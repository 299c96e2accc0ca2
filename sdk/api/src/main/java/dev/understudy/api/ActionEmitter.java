package dev.understudy.api;

import dev.understudy.proto.v1.Action;

/**
 * Hands actions from an adapter to the runtime.
 *
 * <p>Threading: may be called from any thread, including the host application's UI or event thread,
 * concurrently. {@link #emit} only stamps and enqueues: it never blocks and never throws. When the
 * runtime's queue is full the action is dropped, counted, and a Gap record in the session says how many
 * were lost and why.
 *
 * <p>The adapter fills the semantic part of the action (kind, target, source app and window, and
 * optionally {@code time_unix_nano} when the application gave an event time). The runtime assigns the
 * id, session id, sequence number and adapter identity; values the adapter puts there are overwritten.
 * To make one action the {@code parent_id} of others without knowing its id, see {@link ActionRefs}.
 */
public interface ActionEmitter {

  /**
   * Offers an action to the runtime.
   *
   * @return {@code true} if it was queued; {@code false} if it was dropped (queue full, adapter stopped,
   *     or capture paused) — the drop is already counted, the caller need do nothing
   */
  boolean emit(Action action);

  /**
   * Reports actions the adapter itself could not capture (its own buffer overflowed, the application
   * dropped events), so the session carries a Gap record for them. Never blocks, never throws.
   *
   * @param count how many actions were lost; values below 1 are ignored
   * @param detail a short readable cause, e.g. "CDP binding queue overflow"
   */
  void reportLoss(long count, String detail);
}
