package dev.understudy.plugins.browser.nativehost;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes native messaging frames to the browser: a 32-bit length in the machine's byte order, then the
 * UTF-8 JSON. Chromium refuses messages from a host over {@value #MAX_HOST_MESSAGE_BYTES} bytes (and
 * closes the port), so larger ones are refused here before a byte is written.
 *
 * <p>Thread-safe: a frame is written and flushed whole under a lock, so replies and unsolicited status
 * messages from other threads never interleave.
 */
final class FrameWriter {
  /** Chromium's limit on one message from a native host to the browser: 1 MiB. */
  static final int MAX_HOST_MESSAGE_BYTES = 1024 * 1024;

  private final OutputStream out;
  private final ByteOrder order;

  FrameWriter(OutputStream out, ByteOrder order) {
    this.out = Objects.requireNonNull(out, "out");
    this.order = Objects.requireNonNull(order, "order");
  }

  /**
   * Writes one frame and flushes it.
   *
   * @throws IllegalArgumentException when the message is empty or over {@value #MAX_HOST_MESSAGE_BYTES} bytes
   */
  void write(byte[] json) throws IOException {
    if (json.length == 0 || json.length > MAX_HOST_MESSAGE_BYTES) {
      throw new IllegalArgumentException("a message to the browser must have 1 to " + MAX_HOST_MESSAGE_BYTES
          + " bytes, got " + json.length);
    }
    byte[] prefix = ByteBuffer.allocate(4).order(order).putInt(json.length).array();
    synchronized (this) {
      out.write(prefix);
      out.write(json);
      out.flush();
    }
  }
}
