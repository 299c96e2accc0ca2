package dev.understudy.plugins.browser.nativehost;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds and parses native messaging byte streams for tests (little-endian, as on x86). */
final class Frames {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** A frame holding this text. */
  Frames json(String text) {
    return frame(text.getBytes(StandardCharsets.UTF_8));
  }

  Frames frame(byte[] body) {
    prefix(body.length);
    bytes.writeBytes(body);
    return this;
  }

  /** A length prefix alone, with whatever length. */
  Frames prefix(int length) {
    bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
    return this;
  }

  Frames raw(byte... raw) {
    bytes.writeBytes(raw);
    return this;
  }

  byte[] bytes() {
    return bytes.toByteArray();
  }

  /** The frames in a stream the host wrote, as text. */
  static List<String> parse(byte[] stream) {
    List<String> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
    while (b.remaining() >= 4) {
      int n = b.getInt();
      byte[] body = new byte[n];
      b.get(body);
      out.add(new String(body, StandardCharsets.UTF_8));
    }
    if (b.hasRemaining()) {
      throw new AssertionError(b.remaining() + " stray bytes after the last frame");
    }
    return out;
  }
}
