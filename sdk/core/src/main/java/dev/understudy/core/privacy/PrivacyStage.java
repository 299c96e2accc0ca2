package dev.understudy.core.privacy;

import dev.understudy.proto.v1.Action;

/**
 * One privacy step the runtime runs on every action an adapter emits, after the capability check and
 * before plugin processors, the store and any sink. Stages are the runtime's own: no plugin can skip
 * them.
 *
 * <p>Threading: called on the single pipeline thread, one action at a time. Must not block.
 *
 * <p>Errors: fail-closed. An exception drops the action, counts it as lost and records a Gap, because
 * passing on an action a privacy step could not handle might store what it should have removed.
 */
public interface PrivacyStage {

  /**
   * Returns the action to keep — the same instance, or a copy with content removed and a
   * {@code Redaction} entry for each removal — or {@code null} to drop it on purpose (a denied app, a
   * paused capture), which is counted as filtered, not lost.
   *
   * @param action the action as emitted, with source (including {@code adapter_id}) and time stamped;
   *     {@code id}, {@code session_id} and {@code seq} are not assigned yet
   */
  Action apply(Action action);

  /** A short name for counters and logs: "policy", "secure-fields", "redaction". */
  String name();
}
