package dev.understudy.bench;

import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.plugins.lsp.LspFrame;
import dev.understudy.plugins.lsp.LspFrameReader;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the LSP proxy adds to an editor's wait: request → response round trips from a Java client to
 * {@link FastLspServer}, three ways in the same run: directly, through the bare proxy, and through the
 * proxy recording into a session store (as {@code understudy lsp-proxy} does). Each is its own process,
 * talking over pipes as an editor and a language server do. The three are measured in interleaved rounds
 * (their order rotating) so that a change in the machine's load falls on all of them alike.
 *
 * <p>Two workloads: small requests (a hover, about 150 bytes, answered with about 90) and large ones
 * ({@code bench/echo} with a 1 MiB text, answered with the same). Prints p50/p90/p99/p99.9/max per way,
 * and the proxy's addition as the difference of each percentile from the direct one.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.understudy.bench.ProxyLatency [rounds] [small per round]
 * [large per round] [large bytes]}.
 */
public final class ProxyLatency {
  static final int DEFAULT_ROUNDS = 20;
  static final int DEFAULT_SMALL = 2_000;
  static final int DEFAULT_LARGE = 10;
  static final int DEFAULT_LARGE_BYTES = 1 << 20;
  /** Requests of each kind sent to each way before the first round, and not measured. */
  static final int WARMUP_SMALL = 20_000;
  static final int WARMUP_LARGE = 30;

  static final String DIRECT = "direct";
  static final String PROXY = "proxy";
  static final String CAPTURE = "proxy+capture";

  /** Round-trip times of one way, in nanoseconds, sorted. */
  record Samples(long[] small, long[] large) {
    static long percentile(long[] sorted, double p) {
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
  }

  /**
   * The figures of one run, by way; what the capturing proxy recorded, and the frames it forwarded but
   * could not record (its capture queue full) and counted in the session's gaps.
   */
  record Figures(Map<String, Samples> byWay, long actionsRecorded, long framesLost, long hoversSent) {}

  private ProxyLatency() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
    int small = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SMALL;
    int large = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_LARGE;
    int largeBytes = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_LARGE_BYTES;
    Path dir = Writers.newDirectory();
    Figures f;
    try {
      f = measure(rounds, small, large, largeBytes, WARMUP_SMALL, WARMUP_LARGE, dir);
    } finally {
      Writers.delete(dir);
    }
    System.out.printf(Locale.ROOT, "LSP proxy latency: request -> response round trip from a Java client, %d interleaved rounds%n",
        rounds);
    print("small requests (hover, ~150 B, answered with ~90 B)", f, true, 1e3, "us");
    print(String.format(Locale.ROOT, "large requests (bench/echo, %d KiB, answered with as much)", largeBytes / 1024), f, false,
        1e6, "ms");
    System.out.printf(Locale.ROOT, "proxy+capture recorded %d actions for %d hover round trips; %d frames forwarded but not"
        + " recorded (capture queue full), counted in the session's gaps%n", f.actionsRecorded(), f.hoversSent(), f.framesLost());
  }

  private static void print(String title, Figures f, boolean small, double unit, String unitName) {
    System.out.println();
    long[] direct = pick(f.byWay().get(DIRECT), small);
    System.out.printf(Locale.ROOT, "%s: %d samples per way%n", title, direct.length);
    System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10s %10s%n", "", "p50 " + unitName, "p90 " + unitName,
        "p99 " + unitName, "p99.9 " + unitName, "max " + unitName);
    double[] qs = {0.50, 0.90, 0.99, 0.999};
    for (Map.Entry<String, Samples> e : f.byWay().entrySet()) {
      long[] s = pick(e.getValue(), small);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-26s", e.getKey()));
      for (double q : qs) {
        row.append(String.format(Locale.ROOT, " %10.3f", Samples.percentile(s, q) / unit));
      }
      System.out.println(row.append(String.format(Locale.ROOT, " %10.3f", s[s.length - 1] / unit)));
    }
    for (String way : List.of(PROXY, CAPTURE)) {
      long[] s = pick(f.byWay().get(way), small);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-26s", "added by " + way));
      for (double q : qs) {
        row.append(String.format(Locale.ROOT, " %10.3f", (Samples.percentile(s, q) - Samples.percentile(direct, q)) / unit));
      }
      System.out.println(row);
    }
  }

  private static long[] pick(Samples s, boolean small) {
    return small ? s.small() : s.large();
  }

  /** Runs the three ways in interleaved rounds; {@code dir} takes the capturing proxy's session store. */
  static Figures measure(int rounds, int small, int large, int largeBytes, int warmupSmall, int warmupLarge, Path dir)
      throws IOException, InterruptedException {
    List<String> server = java(FastLspServer.class);
    List<String> proxy = new ArrayList<>(java(BenchLspProxy.class));
    proxy.addAll(List.of("--capture", "none", "--"));
    proxy.addAll(server);
    Path store = dir.resolve("sessions");
    List<String> capture = new ArrayList<>(java(BenchLspProxy.class));
    capture.addAll(List.of("--capture", store.toString(), "--"));
    capture.addAll(server);
    Map<String, Client> clients = new LinkedHashMap<>();
    Map<String, long[][]> samples = new LinkedHashMap<>();
    try {
      clients.put(DIRECT, new Client(server));
      clients.put(PROXY, new Client(proxy));
      clients.put(CAPTURE, new Client(capture));
      for (Client c : clients.values()) {
        c.runInto(warmupSmall, false, 0, null, 0);
        c.runInto(warmupLarge, true, largeBytes, null, 0);
      }
      for (String way : clients.keySet()) {
        samples.put(way, new long[][] {new long[rounds * small], new long[rounds * large]});
      }
      List<String> order = new ArrayList<>(clients.keySet());
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < order.size(); i++) {
          String way = order.get((r + i) % order.size());
          long[][] s = samples.get(way);
          clients.get(way).runInto(small, false, 0, s[0], r * small);
          clients.get(way).runInto(large, true, largeBytes, s[1], r * large);
        }
      }
    } finally {
      for (Client c : clients.values()) {
        c.close();
      }
    }
    Map<String, Samples> byWay = new LinkedHashMap<>();
    samples.forEach((way, s) -> {
      Arrays.sort(s[0]);
      Arrays.sort(s[1]);
      byWay.put(way, new Samples(s[0], s[1]));
    });
    long recorded = 0;
    long lost = 0;
    for (SessionSummary summary : SessionStore.open(store).list()) {
      recorded += summary.actionCount();
      lost += summary.droppedCount();
    }
    return new Figures(byWay, recorded, lost, warmupSmall + (long) rounds * small);
  }

  /** A java command running {@code main} from this program's class path. */
  private static List<String> java(Class<?> main) {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(Path.of(e).toAbsolutePath().toString());
    }
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        String.join(File.pathSeparator, entries), main.getName());
  }

  /** One editor-like client of one way: a process on the other end of two pipes. */
  static final class Client implements AutoCloseable {
    private final Process process;
    private final OutputStream out;
    private final LspFrameReader in;
    private int nextId = 1;

    Client(List<String> command) throws IOException {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
      in = new LspFrameReader(process.getInputStream());
    }

    /**
     * Sends {@code n} requests one after another, each waiting for its response, and writes each round
     * trip's nanoseconds into {@code times} from {@code at} (null: not kept).
     */
    void runInto(int n, boolean large, int largeBytes, long[] times, int at) throws IOException {
      String text = large ? "x".repeat(largeBytes) : null;
      for (int i = 0; i < n; i++) {
        int id = nextId++;
        byte[] frame = large
            ? frame("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + FastLspServer.ECHO + "\",\"params\":{\"text\":\"" + text + "\"}}")
            : frame("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"file:///bench/project/greet.py\"},\"position\":{\"line\":4,\"character\":7}}}");
        long t0 = System.nanoTime();
        out.write(frame);
        out.flush();
        LspFrame response = in.next();
        long t1 = System.nanoTime();
        if (response == null) {
          throw new IOException("the other side ended; exit code " + (process.isAlive() ? "-" : process.exitValue()));
        }
        if (times != null) {
          times[at + i] = t1 - t0;
        }
      }
    }

    private static byte[] frame(String body) {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      byte[] h = ("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] f = Arrays.copyOf(h, h.length + b.length);
      System.arraycopy(b, 0, f, h.length, b.length);
      return f;
    }

    @Override
    public void close() throws InterruptedException {
      try {
        out.close(); // the server, or the proxy and then its server, end when their input does
      } catch (IOException e) {
        // already gone
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
