package dev.understudy.plugins.lsp;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test helpers that build LSP frames and odd streams. */
final class Frames {
  private Frames() {}

  static byte[] frame(String body) {
    return frame("", body);
  }

  /** A frame whose header lines are {@code extraHeaders} (each ending in CRLF) then Content-Length. */
  static byte[] frame(String extraHeaders, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return concat(
        (extraHeaders + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), b);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A stream that gives at most one byte per read, like a slow pipe. */
  static InputStream oneByteAtATime(byte[] data) {
    return new InputStream() {
      private int pos;

      @Override
      public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
  }
}
