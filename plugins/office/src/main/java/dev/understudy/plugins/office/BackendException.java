package dev.understudy.plugins.office;

/** A backend could not start: the message says what is missing and how to get it. */
public final class BackendException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a readable cause. */
  public BackendException(String message) {
    super(message);
  }

  /** A failure with a readable cause and the exception behind it. */
  public BackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
