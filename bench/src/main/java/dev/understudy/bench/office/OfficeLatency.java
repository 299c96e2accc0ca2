package dev.understudy.bench.office;

import dev.understudy.proto.v1.Action;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Keystroke → stored action latency for LibreOffice: a key pressed through XTest on the benchmark's own
 * Xvfb (the time taken just before the press, in the key driver), to the moment a recording subscriber
 * receives the action the uno backend made of it, after the privacy pipeline and the session store's
 * acknowledgement. Three paths: Ctrl+B in Writer ({@code .uno:Bold}), Enter in Writer
 * ({@code .uno:InsertPara}), Enter after a number in Calc (the cell entry). Typed characters are held
 * back on purpose until the run of typing ends, so their latency is the idle window, not measured here.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.understudy.bench.office.OfficeLatency [presses]}
 * (default {@value #DEFAULT_PRESSES} per path, after {@value #WARMUP} unmeasured ones).
 */
public final class OfficeLatency {
  static final int DEFAULT_PRESSES = 200;
  static final int WARMUP = 20;

  private OfficeLatency() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PRESSES;
    System.out.printf("Keystroke -> stored action, LibreOffice 7.4 (gen) under Xvfb, %d presses per path after %d warm-up%n",
        n, WARMUP);
    System.out.printf("%-34s %7s %8s %8s %8s %8s%n", "path", "n", "p50 ms", "p95 ms", "p99 ms", "max ms");
    try (OfficeUnderTest writer = OfficeUnderTest.start("writer");
        OfficeRecorder rec = new OfficeRecorder(writer.connect())) {
      TimeUnit.SECONDS.sleep(5); // let the accessibility listeners be placed before measuring
      writer.focus("LibreOffice Writer");
      report("Writer Ctrl+B -> invoke .uno:Bold", measure(writer, rec, n, "ctrl+b", null, command(".uno:Bold")));
      report("Writer Enter -> invoke .uno:InsertPara", measure(writer, rec, n, "Return", null, command(".uno:InsertPara")));
    }
    try (OfficeUnderTest calc = OfficeUnderTest.start("calc");
        OfficeRecorder rec = new OfficeRecorder(calc.connect())) {
      TimeUnit.SECONDS.sleep(5);
      calc.focus("LibreOffice Calc");
      report("Calc 7 Enter -> value_change cell", measure(calc, rec, n, "Return", "7", Action::hasValueChange));
    }
  }

  private static Predicate<Action> command(String command) {
    return a -> a.hasInvoke() && a.getInvoke().getCommand().equals(command);
  }

  private static long[] measure(OfficeUnderTest office, OfficeRecorder rec, int n, String key, String typeFirst,
      Predicate<Action> expected) throws Exception {
    Random pauses = new Random(20240701);
    long[] latencies = new long[n];
    for (int i = -WARMUP; i < n; i++) {
      if (typeFirst != null) {
        office.type(typeFirst, 0);
      }
      rec.clear();
      long pressed = office.key(key);
      long stored = rec.next(expected, 10).nanos();
      if (i >= 0) {
        latencies[i] = stored - pressed;
      }
      TimeUnit.MILLISECONDS.sleep(80 + pauses.nextInt(80)); // a person's pace, not a flood
    }
    Arrays.sort(latencies);
    return latencies;
  }

  private static void report(String path, long[] sorted) {
    System.out.printf("%-34s %7d %8.1f %8.1f %8.1f %8.1f%n", path, sorted.length, pct(sorted, 0.50), pct(sorted, 0.95),
        pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}
