package dev.understudy.plugins.browser.cdp;

/** A DevTools command failed: the browser answered with an error, the connection closed, or time ran out. */
public final class CdpException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming the command. */
  public CdpException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public CdpException(String message, Throwable cause) {
    super(message, cause);
  }
}
