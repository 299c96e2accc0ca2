package dev.understudy.cli;

/** The exit codes of the {@code understudy} command; {@link Understudy}'s help footer and the README list them. */
final class ExitCodes {

  private ExitCodes() {}

  /** It did what was asked. */
  static final int OK = 0;
  /** Something went wrong inside Understudy; the message says what. */
  static final int INTERNAL = 1;
  /** The command line or configuration is wrong: unknown option, bad value, invalid key, unknown plugin. */
  static final int USAGE = 2;
  /** Something named does not exist or cannot be read: a session, a file, a directory. */
  static final int NOT_FOUND = 3;
  /** {@code verify} found damage in a session; {@code replay} rebuilt a document unlike the one saved. */
  static final int DAMAGED = 4;
  /** {@code record} could not capture: no adapter started. What was recorded is kept. */
  static final int CAPTURE_FAILED = 5;
  /** {@code record} (or {@code lsp-capture}) has no consent for any adapter it was asked to record with. Nothing is recorded. */
  static final int NO_CONSENT = 6;
}
