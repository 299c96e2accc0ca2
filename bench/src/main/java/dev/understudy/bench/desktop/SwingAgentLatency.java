package dev.understudy.bench.desktop;

import dev.understudy.core.Recording;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.plugins.office.desktop.Child;
import dev.understudy.plugins.office.desktop.Xvfb;
import dev.understudy.proto.v1.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Keystroke → stored action latency for Swing applications through the Understudy agent: a key
 * pressed through XTest on the benchmark's own Xvfb (the time taken just before the press) to the
 * moment a recording subscriber receives the action the agent backend made of it — through the
 * application's event thread, the agent's queue and socket, the office adapter, the privacy pipeline
 * and the session store's acknowledgement. Two paths: Space on a focused check box (a checked-state
 * value change) and Space on a focused button (an invocation). The agent is loaded by dynamic attach,
 * as {@code record --set adapter.office.agent.attach=PID} does. Typed text is held on purpose until
 * the person pauses or moves on, so its latency is the idle window, not measured here.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.understudy.bench.desktop.SwingAgentLatency [presses]}
 * (default {@value #DEFAULT_PRESSES} per path after {@value #WARMUP} unmeasured ones). Needs Xvfb and
 * xdotool.
 */
public final class SwingAgentLatency {
  static final int DEFAULT_PRESSES = 300;
  static final int WARMUP = 30;

  private record Stored(Action action, long nanos) {}

  private SwingAgentLatency() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PRESSES;
    Path dir = Files.createTempDirectory("understudy-bench-swing");
    String jar = Path.of(SwingAgentLatency.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    try (Xvfb x = Xvfb.start(); Child app = Child.start("bench-swing",
        List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar, BenchSwingApp.class.getName()),
        x.env())) {
      app.awaitLine("READY"::equals, Duration.ofSeconds(60));
      // Without a window manager a click is what gives a Java window the keyboard (on the check box).
      x.xdotool("search", "--sync", "--onlyvisible", "--name", BenchSwingApp.TITLE,
          "mousemove", "--window", "%1", "10", "15", "click", "1");
      BlockingQueue<Stored> stored = new LinkedBlockingQueue<>();
      try (Recording recording = Recording.builder().storeDirectory(dir.resolve("sessions"))
          .adapter(new OfficeAdapterProvider())
          .config(Map.of("adapter.office.backends", "agent", "adapter.office.agent.socket", dir.resolve("a.sock").toString(),
              "adapter.office.agent.attach", Long.toString(app.pid()), "adapter.office.agent.focus", "false"))
          .start();
          XKeys keys = new XKeys(x.display())) {
        recording.subscribe(a -> stored.add(new Stored(a, System.nanoTime())));
        System.out.printf("Keystroke -> stored action, Swing agent (dynamic attach) under Xvfb, %d presses per path after %d warm-up%n",
            n, WARMUP);
        System.out.printf("%-38s %5s %8s %8s %8s %8s%n", "path", "n", "p50 ms", "p95 ms", "p99 ms", "max ms");
        // The agent attaches and connects on its own schedule: press until the first action is stored.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stored.poll(500, TimeUnit.MILLISECONDS) == null) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the agent never reported a key press");
          }
          keys.tap(XKeys.SPACE);
        }
        Thread.sleep(500);
        stored.clear();
        report("check box Space -> value_change checked", measure(keys, stored, n, Action::hasValueChange));
        keys.tap(XKeys.TAB);
        Thread.sleep(300);
        stored.clear();
        report("button Space -> invoke", measure(keys, stored, n, Action::hasInvoke));
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long[] measure(XKeys keys, BlockingQueue<Stored> stored, int n, Predicate<Action> expected)
      throws InterruptedException {
    Random pauses = new Random(20240701);
    long[] latencies = new long[n];
    for (int i = -WARMUP; i < n; i++) {
      long pressed = keys.tap(XKeys.SPACE);
      Stored s;
      do {
        s = stored.poll(10, TimeUnit.SECONDS);
        if (s == null) {
          throw new IllegalStateException("no action stored within 10 s of press " + i);
        }
      } while (!expected.test(s.action()));
      if (i >= 0) {
        latencies[i] = s.nanos() - pressed;
      }
      Thread.sleep(20 + pauses.nextInt(60));
    }
    Arrays.sort(latencies);
    return latencies;
  }

  private static void report(String path, long[] sorted) {
    System.out.printf("%-38s %5d %8.1f %8.1f %8.1f %8.1f%n", path, sorted.length, pct(sorted, 0.50), pct(sorted, 0.95),
        pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}
