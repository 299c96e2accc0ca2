package dev.understudy.plugins.lsp;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny language "server" run as a real child process by {@link LspProxyTest}: answers every request
 * (a frame with an id) with a response frame, and records every byte it writes to stdout in a file.
 *
 * <p>Arguments: {@code <record file>} then optional {@code exit-after=N exit-code=C} (exit with C after
 * answering N requests), {@code garbage} (write a malformed frame, then hang) or {@code truncate} (after the
 * first request, write half a frame and exit).
 */
public final class EchoLspServer {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  private EchoLspServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path record = Path.of(args[0]);
    int exitAfter = Integer.MAX_VALUE;
    int exitCode = 0;
    boolean garbage = false;
    boolean truncate = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("exit-after=")) {
        exitAfter = Integer.parseInt(args[i].substring("exit-after=".length()));
      } else if (args[i].startsWith("exit-code=")) {
        exitCode = Integer.parseInt(args[i].substring("exit-code=".length()));
      } else if (args[i].equals("garbage")) {
        garbage = true;
      } else if (args[i].equals("truncate")) {
        truncate = true;
      }
    }
    System.err.println("echo server ready");
    System.err.flush();
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
    if (garbage) {
      write(out, record, "Content-Length: lots\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(Long.MAX_VALUE);
    }
    LspFrameReader reader = new LspFrameReader(System.in);
    int answered = 0;
    LspFrame frame;
    while ((frame = reader.next()) != null) {
      Matcher m = ID.matcher(new String(frame.body(), StandardCharsets.UTF_8));
      if (!m.find()) {
        continue; // a notification: no answer
      }
      if (truncate) {
        write(out, record, "Content-Length: 50\r\n\r\n{\"jsonrpc\":".getBytes(StandardCharsets.US_ASCII));
        System.exit(0);
      }
      String body = "{\"jsonrpc\":\"2.0\",\"id\":" + m.group(1) + ",\"result\":\"échο " + m.group(1) + "\"}";
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      // An unusual but valid header: Content-Type first.
      String header = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: " + b.length + "\r\n\r\n";
      write(out, record, Frames.concat(header.getBytes(StandardCharsets.US_ASCII), b));
      if (++answered == exitAfter) {
        System.exit(exitCode);
      }
    }
    System.exit(0);
  }

  private static void write(OutputStream out, Path record, byte[] bytes) throws IOException {
    Files.write(record, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    out.write(bytes);
    out.flush();
  }
}
