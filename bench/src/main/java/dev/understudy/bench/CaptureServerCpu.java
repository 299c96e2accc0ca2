package dev.understudy.bench;

import dev.understudy.core.Recording;
import dev.understudy.plugins.lsp.capture.CaptureServer;
import dev.understudy.plugins.lsp.capture.LspCaptureAdapterProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU the editor capture server spends per 1,000 {@code didChange} messages, as an editor sends them with
 * no debounce: one typed character each, with a line break every {@value #LINE} characters (so the
 * coalescer completes an edit per line), into a document of {@value #DOCUMENT_LINES} lines. The messages
 * are framed in advance and read from memory; the figure is the process's CPU time (every thread: LSP4J's
 * reader, the server, the JIT and GC) from the first byte read to {@code exit}, divided by the messages.
 *
 * <p>Two setups: the server alone (actions counted and dropped), and the server recording through a real
 * {@link Recording} into a session store (pipeline, redaction and store included; the recording's close,
 * which drains what is queued, is inside the measurement, its start is not).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.understudy.bench.CaptureServerCpu [messages] [rounds]}.
 */
public final class CaptureServerCpu {

  static final int LINE = 40;
  static final int DOCUMENT_LINES = 200;
  private static final String URI = "file:///bench/project/src/main.py";

  private CaptureServerCpu() {}

  /** One measured round: CPU and wall time, and what the server recorded. */
  record Round(long cpuNanos, long wallNanos, long actions) {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    byte[] input = session(messages);
    System.out.printf(Locale.ROOT, "CaptureServerCpu: %d didChange messages per round (%d bytes framed), %d rounds after 3 warm-up rounds%n",
        messages, input.length, rounds);
    for (boolean withRecording : new boolean[] {false, true}) {
      Path dir = withRecording ? Writers.newDirectory() : null;
      try {
        measure(input, dir, messages, rounds);
      } finally {
        Writers.delete(dir);
      }
    }
  }

  private static void measure(byte[] input, Path dir, int messages, int rounds) throws Exception {
    boolean withRecording = dir != null;
    for (int i = 0; i < 3; i++) {
      round(input, dir, i);
    }
    long[] cpu = new long[rounds];
    long[] wall = new long[rounds];
    long actions = 0;
    for (int i = 0; i < rounds; i++) {
      Round r = round(input, dir, 100 + i);
      cpu[i] = r.cpuNanos();
      wall[i] = r.wallNanos();
      actions = r.actions();
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    double per1000 = 1000.0 / messages;
    System.out.printf(Locale.ROOT, "%-32s CPU per 1,000 didChange: median %.2f ms, min %.2f ms, max %.2f ms;"
            + " wall per 1,000: median %.2f ms; %d actions per round%n",
        withRecording ? "server + recording (store):" : "server alone:",
        cpu[rounds / 2] * per1000 / 1e6, cpu[0] * per1000 / 1e6, cpu[rounds - 1] * per1000 / 1e6,
        wall[rounds / 2] * per1000 / 1e6, actions);
  }

  /** Serves one editor session from memory; with {@code dir}, records it into a store there. */
  static Round round(byte[] input, Path dir, int n) throws Exception {
    AtomicLong actions = new AtomicLong();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    if (dir == null) {
      CaptureServer server = CaptureServer.builder(a -> actions.incrementAndGet()).idle(java.time.Duration.ofHours(1)).build();
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      CaptureServer.Result result = server.run(new ByteArrayInputStream(input), OutputStream.nullOutputStream());
      return new Round(os.getProcessCpuTime() - cpu0, System.nanoTime() - wall0, result.stats().actions());
    }
    LspCaptureAdapterProvider provider = new LspCaptureAdapterProvider();
    // Starting a recording (its store, its redactor) is paid once per session, not per message: outside.
    Recording recording = Recording.builder().storeDirectory(dir.resolve("store-" + n))
        .config("adapter.lsp-capture.idle-ms", "3600000").adapter(provider).start();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    try {
      actions.set(provider.serve(new ByteArrayInputStream(input), OutputStream.nullOutputStream()).stats().actions());
    } finally {
      recording.close();
    }
    return new Round(os.getProcessCpuTime() - cpu0, System.nanoTime() - wall0, actions.get());
  }

  /** initialize, didOpen, {@code messages} didChange of one character each, shutdown, exit: framed. */
  static byte[] session(int messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frame(out, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    frame(out, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < DOCUMENT_LINES; i++) {
      text.append("    value_").append(i).append(" = compute(value_").append(i).append(", factor=2)\\n");
    }
    frame(out, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"" + text + "\"}}}");
    String typed = "result = transform(items, key=len) # note";
    int line = DOCUMENT_LINES / 2;
    int character = 0;
    for (int i = 0; i < messages; i++) {
      String insert;
      if (character == LINE) {
        insert = "\\n";
      } else {
        char c = typed.charAt(character % typed.length());
        insert = String.valueOf(c);
      }
      frame(out, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
          + "\",\"version\":" + (i + 1) + "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":" + line + ",\"character\":"
          + character + "},\"end\":{\"line\":" + line + ",\"character\":" + character + "}},\"text\":\"" + insert + "\"}]}}");
      if (character == LINE) {
        line++;
        character = 0;
      } else {
        character++;
      }
    }
    frame(out, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
    frame(out, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    return out.toByteArray();
  }

  private static void frame(ByteArrayOutputStream out, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(b);
  }
}
