package dev.understudy.api;

import dev.understudy.proto.v1.Action;

/**
 * Transforms or drops actions on their way to the store, after the runtime's own privacy steps.
 *
 * <p>What it sees: the action after the capability and policy checks, with time and source stamped,
 * but before the runtime assigns {@code id}, {@code session_id} and {@code seq} — so an action a
 * processor drops leaves no hole in the session's sequence.
 *
 * <p>Threading: called on the single pipeline thread, one action at a time, in emit order. It must
 * not block: a call that has not returned within the runtime's processor timeout is abandoned, the
 * processor is disabled for the rest of the session, and the actions it held are recorded as a Gap.
 *
 * <p>Errors: fail-closed. When {@link #process} throws, the action is dropped (a processor may be
 * removing something private, so passing the original on would be wrong), the error is counted, and a
 * Gap record says so.
 */
public interface ActionProcessor {

  /**
   * Returns the action to keep (the same instance, or a modified copy), or {@code null} to drop it on
   * purpose. An intentional drop is counted but is not a loss, so it writes no Gap.
   */
  Action process(Action action) throws Exception;

  /** Releases resources at the end of the session. Called on the runtime's control thread. */
  default void close() throws Exception {}
}
