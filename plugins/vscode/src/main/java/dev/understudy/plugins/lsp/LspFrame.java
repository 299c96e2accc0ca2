package dev.understudy.plugins.lsp;

import java.util.Arrays;
import java.util.Objects;

/**
 * One LSP base-protocol frame exactly as it was read: the header block (including its closing blank line)
 * followed by the body. Forward {@link #raw()} unchanged to stay byte-transparent.
 */
public final class LspFrame {
  private final byte[] raw;
  private final int headerLength;

  LspFrame(byte[] raw, int headerLength) {
    this.raw = Objects.requireNonNull(raw, "raw");
    if (headerLength < 0 || headerLength > raw.length) {
      throw new IllegalArgumentException("headerLength out of range: " + headerLength);
    }
    this.headerLength = headerLength;
  }

  /** A frame of this header block (with its closing blank line) and body. */
  static LspFrame of(byte[] header, byte[] body) {
    byte[] raw = new byte[header.length + body.length];
    System.arraycopy(header, 0, raw, 0, header.length);
    System.arraycopy(body, 0, raw, header.length, body.length);
    return new LspFrame(raw, header.length);
  }

  /** The frame's bytes as read, header and body; shared, do not modify. */
  byte[] rawBytes() {
    return raw;
  }

  /** A copy of the frame's bytes as read, header and body. */
  public byte[] raw() {
    return raw.clone();
  }

  /** A copy of the body: exactly {@code Content-Length} bytes. */
  public byte[] body() {
    return Arrays.copyOfRange(raw, headerLength, raw.length);
  }

  /** Length of the header block including its closing {@code \r\n\r\n}. */
  public int headerLength() {
    return headerLength;
  }

  /** Length of the body in bytes. */
  public int bodyLength() {
    return raw.length - headerLength;
  }
}
