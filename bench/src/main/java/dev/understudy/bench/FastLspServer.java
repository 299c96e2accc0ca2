package dev.understudy.bench;

import dev.understudy.plugins.lsp.LspFrame;
import dev.understudy.plugins.lsp.LspFrameReader;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A language server that answers at once, so that what is measured is the transport: every request
 * gets its response as soon as it is read. {@code bench/echo} is answered with its params as the result
 * (a large request makes an equally large response); any other request with a one-line hover. Requests
 * must put {@code "id":N} before {@code "method"} and {@code "params"} last, as {@link ProxyLatency}
 * writes them; the server reads no more of them than it needs.
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.understudy.bench.FastLspServer}; ends when stdin ends.
 */
public final class FastLspServer {
  static final String ECHO = "bench/echo";
  private static final String PARAMS = "\"params\":";
  private static final byte[] HOVER = ",\"result\":{\"contents\":{\"kind\":\"markdown\",\"value\":\"greet(name)\"}}}"
      .getBytes(StandardCharsets.US_ASCII);

  private FastLspServer() {}

  public static void main(String[] args) throws IOException {
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    LspFrameReader reader = new LspFrameReader(new FileInputStream(FileDescriptor.in));
    LspFrame frame;
    while ((frame = reader.next()) != null) {
      byte[] body = frame.body();
      String head = new String(body, 0, Math.min(body.length, 96), StandardCharsets.US_ASCII);
      int id = head.indexOf("\"id\":");
      if (id < 0) {
        continue; // a notification
      }
      int end = id + 5;
      while (end < head.length() && Character.isDigit(head.charAt(end))) {
        end++;
      }
      byte[] prefix = ("{\"jsonrpc\":\"2.0\",\"id\":" + head.substring(id + 5, end)).getBytes(StandardCharsets.US_ASCII);
      int length;
      int params = -1;
      if (head.contains("\"method\":\"" + ECHO + "\"")) {
        params = head.indexOf(PARAMS) + PARAMS.length(); // within the head: params come right after the method
        length = prefix.length + ",\"result\":".length() + (body.length - 1 - params) + 1;
      } else {
        length = prefix.length + HOVER.length;
      }
      out.write(("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(prefix);
      if (params >= 0) {
        out.write(",\"result\":".getBytes(StandardCharsets.US_ASCII));
        out.write(body, params, body.length - 1 - params);
        out.write('}');
      } else {
        out.write(HOVER);
      }
      out.flush();
    }
  }
}
