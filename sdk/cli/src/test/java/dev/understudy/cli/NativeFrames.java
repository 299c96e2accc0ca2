package dev.understudy.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Native messaging streams as the browser writes and reads them: a native-order length, then JSON. */
final class NativeFrames {
  private NativeFrames() {}

  static byte[] of(String... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String m : messages) {
      byte[] body = m.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(body.length).array());
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  static List<String> parse(byte[] stream) {
    List<String> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(stream).order(ByteOrder.nativeOrder());
    while (b.remaining() >= 4) {
      byte[] body = new byte[b.getInt()];
      b.get(body);
      out.add(new String(body, StandardCharsets.UTF_8));
    }
    if (b.hasRemaining()) {
      throw new AssertionError(b.remaining() + " stray bytes on the browser's stdout");
    }
    return out;
  }
}
