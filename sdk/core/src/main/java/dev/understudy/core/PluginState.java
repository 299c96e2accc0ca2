package dev.understudy.core;

/** Where a component of a recording stands. */
public enum PluginState {
  /** Created, not yet started. */
  CREATED,
  /** Running normally. */
  RUNNING,
  /** Its start or create threw; the session goes on without it. */
  FAILED,
  /** Its start, stop or a processing call did not return in time; the session goes on without it. */
  TIMED_OUT,
  /** Stopped at the end of the session. */
  STOPPED,
  /**
   * An adapter not started, or stopped during the session, because no consent in force covers it
   * (none given, revoked or expired).
   */
  NO_CONSENT
}
