package dev.understudy.plugins.browser.nativehost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Reads native messaging frames as the browser writes them: a 32-bit length in the machine's byte order,
 * then that many bytes of UTF-8 JSON.
 *
 * <p>Bad frames: a zero length is rejected and reading goes on; a frame over the limit is skipped (its
 * bytes read and discarded, so memory stays bounded) and rejected, and reading goes on; a length with the
 * sign bit set, or a stream that ends inside a frame, is rejected as fatal: nothing after it can be
 * framed. Not thread-safe: one thread reads.
 */
final class FrameReader {
  private static final int SKIP_CHUNK = 64 * 1024;

  private final InputStream in;
  private final int maxMessageBytes;
  private final ByteOrder order;

  FrameReader(InputStream in, int maxMessageBytes, ByteOrder order) {
    this.in = Objects.requireNonNull(in, "in");
    this.order = Objects.requireNonNull(order, "order");
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 1, got " + maxMessageBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * The next frame's bytes, or {@code null} when the browser closed the port between frames.
   *
   * @throws FrameException when the frame is rejected; see {@link FrameException#fatal()}
   * @throws IOException when reading fails
   */
  byte[] next() throws IOException {
    byte[] prefix = new byte[4];
    int got = in.readNBytes(prefix, 0, 4);
    if (got == 0) {
      return null;
    }
    if (got < 4) {
      throw new FrameException(HostError.TRUNCATED, true, "stream ended inside a length prefix (" + got + " of 4 bytes)");
    }
    int length = ByteBuffer.wrap(prefix).order(order).getInt();
    if (length < 0) {
      throw new FrameException(HostError.NEGATIVE_LENGTH, true,
          "length prefix " + Integer.toUnsignedString(length) + " has the sign bit set; the stream cannot be framed after it");
    }
    if (length == 0) {
      throw new FrameException(HostError.ZERO_LENGTH, false, "empty frame");
    }
    if (length > maxMessageBytes) {
      long skipped = discard(length);
      if (skipped < length) {
        throw new FrameException(HostError.TRUNCATED, true,
            "stream ended inside an oversized frame (" + skipped + " of " + length + " bytes)");
      }
      throw new FrameException(HostError.OVERSIZED, false,
          "frame of " + length + " bytes is over the limit of " + maxMessageBytes + " bytes; skipped");
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new FrameException(HostError.TRUNCATED, true,
          "stream ended inside a frame (" + body.length + " of " + length + " bytes)");
    }
    return body;
  }

  /** Reads and drops up to {@code length} bytes; returns how many there were. */
  private long discard(int length) throws IOException {
    byte[] scratch = new byte[Math.min(SKIP_CHUNK, length)];
    long done = 0;
    while (done < length) {
      int n = in.read(scratch, 0, (int) Math.min(scratch.length, length - done));
      if (n < 0) {
        break;
      }
      done += n;
    }
    return done;
  }
}
