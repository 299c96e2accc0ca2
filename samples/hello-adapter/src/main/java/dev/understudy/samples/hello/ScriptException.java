package dev.understudy.samples.hello;

/** A script line that does not parse. The message names the line number. */
final class ScriptException extends Exception {

  private final int lineNumber;

  ScriptException(int lineNumber, String problem) {
    super("script line " + lineNumber + ": " + problem);
    this.lineNumber = lineNumber;
  }

  /** The 1-based number of the offending line. */
  int lineNumber() {
    return lineNumber;
  }
}
