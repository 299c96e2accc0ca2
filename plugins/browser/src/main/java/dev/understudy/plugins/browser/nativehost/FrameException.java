package dev.understudy.plugins.browser.nativehost;

import java.io.IOException;

/** A frame the browser sent that the host rejects; {@link #fatal()} says whether the stream can go on. */
final class FrameException extends IOException {
  private static final long serialVersionUID = 1L;

  private final HostError reason;
  private final boolean fatal;

  FrameException(HostError reason, boolean fatal, String message) {
    super(message);
    this.reason = reason;
    this.fatal = fatal;
  }

  HostError reason() {
    return reason;
  }

  /** True when the framing is lost (no further frame can be read). */
  boolean fatal() {
    return fatal;
  }
}
