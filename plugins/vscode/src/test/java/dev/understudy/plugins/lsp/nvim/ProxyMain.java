package dev.understudy.plugins.lsp.nvim;

import dev.understudy.plugins.lsp.Direction;
import dev.understudy.plugins.lsp.LspProxy;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The LSP command Neovim starts in the end-to-end test: runs {@link LspProxy} on this process's stdin and
 * stdout in front of the server named after {@code --}, and records what crossed it.
 *
 * <p>System properties (all required, each a file path):
 * <ul>
 *   <li>{@value #FRAMES}: every tapped frame as {@code DIRECTION LENGTH\n<body>\n}, in arrival order per
 *       direction;
 *   <li>{@value #SERVER_BYTES}: the raw bytes the server wrote to its stdout (copied by {@code tee} between
 *       the server and the proxy, so the proxy's own code is not the witness);
 *   <li>{@value #EDITOR_BYTES}: the raw bytes the proxy wrote to its stdout, i.e. what the editor received;
 *   <li>{@value #SERVER_ERR}: the server's stderr.
 * </ul>
 */
public final class ProxyMain {
  static final String FRAMES = "understudy.nvim.frames";
  static final String SERVER_BYTES = "understudy.nvim.serverBytes";
  static final String EDITOR_BYTES = "understudy.nvim.editorBytes";
  static final String SERVER_ERR = "understudy.nvim.serverErr";

  private ProxyMain() {}

  public static void main(String[] args) throws Exception {
    int sep = Arrays.asList(args).indexOf("--");
    if (sep < 0 || sep == args.length - 1) {
      throw new IllegalArgumentException("usage: ProxyMain -- <server command...>");
    }
    List<String> server = Arrays.asList(args).subList(sep + 1, args.length);
    // sh -c '"$@" | tee FILE': tee copies the server's stdout byte for byte before the proxy reads it.
    List<String> command = new ArrayList<>(List.of("sh", "-c", "f=\"$1\"; shift; \"$@\" | tee \"$f\"", "sh",
        required(SERVER_BYTES)));
    command.addAll(server);

    try (OutputStream frames = new BufferedOutputStream(Files.newOutputStream(Path.of(required(FRAMES))));
        OutputStream editorCopy = Files.newOutputStream(Path.of(required(EDITOR_BYTES)));
        OutputStream serverErr = Files.newOutputStream(Path.of(required(SERVER_ERR)))) {
      OutputStream editorOut = new Tee(new FileOutputStream(FileDescriptor.out), editorCopy);
      LspProxy.Result result = LspProxy.builder(command)
          .editorIn(new FileInputStream(FileDescriptor.in))
          .editorOut(editorOut)
          .serverErr(serverErr)
          .tap((direction, body) -> writeFrame(frames, direction, body))
          .build()
          .run();
      serverErr.write(("proxy: " + result + "\n").getBytes(StandardCharsets.UTF_8));
    }
    // The editor-input thread may still block on stdin; it is a daemon, but exit explicitly anyway.
    System.exit(0);
  }

  private static void writeFrame(OutputStream out, Direction direction, byte[] body) {
    try {
      synchronized (out) {
        out.write((direction + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("system property " + property + " is required");
    }
    return value;
  }

  /** Writes to the editor first, then to the copy. */
  private static final class Tee extends OutputStream {
    private final OutputStream primary;
    private final OutputStream copy;

    Tee(OutputStream primary, OutputStream copy) {
      this.primary = primary;
      this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
      primary.write(b);
      copy.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      primary.write(b, off, len);
      copy.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      primary.flush();
      copy.flush();
    }

    @Override
    public void close() throws IOException {
      try {
        primary.close();
      } finally {
        copy.flush();
      }
    }
  }
}
