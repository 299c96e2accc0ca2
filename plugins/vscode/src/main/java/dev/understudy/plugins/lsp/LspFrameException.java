package dev.understudy.plugins.lsp;

import java.io.IOException;
import java.util.Objects;

/** Input that is not a well-formed LSP base-protocol frame; {@link #reason()} says which rule it broke. */
public final class LspFrameException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the frame. */
  public enum Reason {
    /** The header block has no {@code Content-Length} field. */
    MISSING_CONTENT_LENGTH,
    /** The header block has more than one {@code Content-Length} field. */
    DUPLICATE_CONTENT_LENGTH,
    /** {@code Content-Length} is not a decimal number of bytes. */
    MALFORMED_CONTENT_LENGTH,
    /** {@code Content-Length} is negative. */
    NEGATIVE_CONTENT_LENGTH,
    /** {@code Content-Length} is above the reader's body limit. */
    BODY_TOO_LARGE,
    /** A header line is not {@code Name: value}. */
    MALFORMED_HEADER,
    /** The header block is longer than the reader's header limit without its closing blank line. */
    HEADER_TOO_LONG,
    /** The stream ended inside a header block. */
    TRUNCATED_HEADER,
    /** The stream ended before {@code Content-Length} body bytes arrived. */
    TRUNCATED_BODY
  }

  private final Reason reason;

  LspFrameException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message);
    this.reason = reason;
  }

  /** Which framing rule the input broke. */
  public Reason reason() {
    return reason;
  }
}
