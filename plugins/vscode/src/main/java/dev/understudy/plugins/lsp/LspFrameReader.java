package dev.understudy.plugins.lsp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads LSP base-protocol frames: header lines ({@code Content-Length: N}, optionally
 * {@code Content-Type: ...}, any other field kept but ignored), each ended by {@code \r\n}, a blank line,
 * then exactly N body bytes.
 *
 * <p>Limits: header block at most {@value #DEFAULT_MAX_HEADER_BYTES} bytes and body at most
 * {@value #DEFAULT_MAX_BODY_BYTES} bytes unless set otherwise, so malformed input costs bounded memory.
 * Reads block only as long as the underlying stream does. Not thread-safe: one reader per stream, one
 * thread at a time.
 */
public final class LspFrameReader {
  /** Default limit of the header block, including its closing blank line: 8 KiB. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
  /** Default limit of a frame body: 64 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

  private static final String CONTENT_LENGTH = "content-length";

  private static final byte[] PLAIN_HEADER = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

  private final Input in;
  private final int maxHeaderBytes;
  /** The header block being read, reused from frame to frame (a frame gets its own copy). */
  private byte[] header = new byte[128];
  private final int maxBodyBytes;

  /** A reader with the default limits. */
  public LspFrameReader(InputStream in) {
    this(in, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);
  }

  /** A reader with the given limits, both in bytes and positive. */
  public LspFrameReader(InputStream in, int maxHeaderBytes, int maxBodyBytes) {
    Objects.requireNonNull(in, "in");
    if (maxHeaderBytes < 4) {
      throw new IllegalArgumentException("maxHeaderBytes must be at least 4, got " + maxHeaderBytes);
    }
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + maxBodyBytes);
    }
    this.in = new Input(in);
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * The next frame, or {@code null} when the stream ends cleanly between frames.
   *
   * @throws LspFrameException when the input is not a well-formed frame; the stream cannot be
   *     resynchronised after that
   * @throws IOException when the underlying stream fails
   */
  public LspFrame next() throws IOException {
    int size = 0;
    int matched = 0; // how much of "\r\n\r\n" the last bytes match
    while (matched < 4) {
      int b = in.next();
      if (b < 0) {
        if (size == 0) {
          return null;
        }
        throw new LspFrameException(
            LspFrameException.Reason.TRUNCATED_HEADER,
            "stream ended after " + size + " header bytes");
      }
      if (size == maxHeaderBytes) {
        throw new LspFrameException(
            LspFrameException.Reason.HEADER_TOO_LONG,
            "no blank line within " + maxHeaderBytes + " header bytes");
      }
      if (size == header.length) {
        header = Arrays.copyOf(header, Math.min(maxHeaderBytes, header.length * 2));
      }
      header[size++] = (byte) b;
      if (b == '\r') {
        matched = (matched == 2) ? 3 : 1;
      } else if (b == '\n' && (matched == 1 || matched == 3)) {
        matched++;
      } else {
        matched = 0;
      }
    }
    int bodyLength = plainContentLength(size);
    if (bodyLength < 0) {
      bodyLength = contentLength(new String(header, 0, size, StandardCharsets.US_ASCII));
    }
    byte[] raw = new byte[size + bodyLength];
    System.arraycopy(header, 0, raw, 0, size);
    int read = in.readNBytes(raw, size, bodyLength);
    if (read < bodyLength) {
      throw new LspFrameException(
          LspFrameException.Reason.TRUNCATED_BODY,
          "stream ended after " + read + " of " + bodyLength + " body bytes");
    }
    return new LspFrame(raw, size);
  }

  /**
   * The body length of the header almost every editor and server sends, exactly
   * {@code Content-Length: N\r\n\r\n} with N in canonical digits within the limit, read without
   * building strings; -1 for any other header, which {@link #contentLength(String)} then reads (and
   * judges).
   */
  private int plainContentLength(int size) {
    int digits = size - PLAIN_HEADER.length - 4;
    if (digits < 1 || digits > 9 || !Arrays.equals(header, 0, PLAIN_HEADER.length, PLAIN_HEADER, 0, PLAIN_HEADER.length)
        || (digits > 1 && header[PLAIN_HEADER.length] == '0')) {
      return -1;
    }
    int n = 0;
    for (int i = PLAIN_HEADER.length; i < PLAIN_HEADER.length + digits; i++) {
      int d = header[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      n = n * 10 + d;
    }
    return n <= maxBodyBytes ? n : -1;
  }

  private int contentLength(String headerBlock) throws LspFrameException {
    // The block ends with "\r\n\r\n": drop it, then every line must be "Name: value".
    String[] lines = headerBlock.substring(0, headerBlock.length() - 4).split("\r\n", -1);
    String value = null;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new LspFrameException(
            LspFrameException.Reason.MALFORMED_HEADER, "header line is not 'Name: value': " + quote(line));
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      if (name.equals(CONTENT_LENGTH)) {
        if (value != null) {
          throw new LspFrameException(
              LspFrameException.Reason.DUPLICATE_CONTENT_LENGTH, "Content-Length given more than once");
        }
        value = line.substring(colon + 1).trim();
      }
    }
    if (value == null) {
      throw new LspFrameException(
          LspFrameException.Reason.MISSING_CONTENT_LENGTH, "no Content-Length in header " + quote(headerBlock));
    }
    if (value.startsWith("-") && value.length() > 1 && allDigits(value.substring(1))) {
      throw new LspFrameException(
          LspFrameException.Reason.NEGATIVE_CONTENT_LENGTH, "Content-Length is negative: " + quote(value));
    }
    if (value.isEmpty() || !allDigits(value)) {
      throw new LspFrameException(
          LspFrameException.Reason.MALFORMED_CONTENT_LENGTH, "Content-Length is not a number: " + quote(value));
    }
    // Compare digit counts first so a huge number cannot overflow the parse.
    String digits = value.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 10 || Long.parseLong(digits) > maxBodyBytes) {
      throw new LspFrameException(
          LspFrameException.Reason.BODY_TOO_LARGE,
          "Content-Length " + digits + " is above the limit of " + maxBodyBytes + " bytes");
    }
    return Integer.parseInt(digits);
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String quote(String s) {
    String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "'" + shown.replace("\r", "\\r").replace("\n", "\\n") + "'";
  }

  /**
   * The buffered input: a byte of the header comes out of the buffer without a call that locks (as
   * {@link BufferedInputStream#read()} does), and, as there, a read returns what one underlying read
   * gives, never waiting to fill the buffer.
   */
  private static final class Input extends BufferedInputStream {
    Input(InputStream in) {
      super(in);
    }

    /** The next byte, or -1 at the end of the stream. One reader thread only. */
    int next() throws IOException {
      return pos < count ? buf[pos++] & 0xff : read();
    }
  }
}
