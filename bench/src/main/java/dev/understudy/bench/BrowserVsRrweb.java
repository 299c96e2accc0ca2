package dev.understudy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.core.Recording;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.browser.BrowserAdapterProvider;
import dev.understudy.plugins.browser.cdp.ChromiumProcess;
import dev.understudy.proto.v1.Action;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Understudy's browser capture against rrweb on the same scripted task ({@link BrowserTask}, 50
 * interactions through {@code Input.*}) on the same page (about 10,000 nodes), in the same run:
 * rounds of three runs, each in a fresh headless Chromium, alternating no recorder (the baseline),
 * Understudy (a real {@link Recording} with the browser adapter attached to the run's Chromium) and
 * rrweb (its recorder bundled by npm, injected with {@code Page.addScriptToEvaluateOnNewDocument}
 * before the page loads, its events sent through a binding and appended to a file).
 *
 * <p>Per run: the page's main-thread script and task time over the task ({@code Performance.getMetrics}
 * ScriptDuration and TaskDuration, after the page loaded and settled, to {@link #SETTLE_MS} after the last
 * interaction), the same counters at load, and the bytes stored (Understudy: the session's segment
 * files; rrweb: the JSON of its events, one a line). For Understudy, the latency from each page event
 * (the event's own timestamp, carried in the action's time) to the wall clock at the acknowledgement
 * listener's call covering the action's seq.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.understudy.bench.BrowserVsRrweb [rounds] [rows]}
 * (defaults {@value #DEFAULT_ROUNDS} and {@value #DEFAULT_ROWS}).
 */
public final class BrowserVsRrweb {
  static final int DEFAULT_ROUNDS = 5;
  static final int DEFAULT_ROWS = 1000;
  /** Wait after load and after the task for recorders to finish their pending work: {@value} ms. */
  static final long SETTLE_MS = 1500;
  static final String BINDING = "__rrwebBenchEmit";
  /** Put before rrweb's bundle for {@link Recorder#RRWEB_UNSENT}: the bundle then sends its first event only. */
  static final String SEND_NOTHING = "globalThis.__rrwebBenchSendNothing = true;\n";
  /** System property: when true, each recorder run also prints the page's hottest functions over the task (V8 sampling profile). */
  static final String PROFILE_PROPERTY = "understudy.bench.profile";
  /** Which recorders run, comma-separated (none, understudy, rrweb, rrweb_page_world); all when unset. */
  static final String RECORDERS_PROPERTY = "understudy.bench.recorders";
  /** The profiler's sampling interval in microseconds (default 1,000). */
  static final String PROFILE_INTERVAL_PROPERTY = "understudy.bench.profile.interval";

  /** Who records a run. */
  /**
   * The recorders compared. {@code RRWEB} is injected the way Understudy's recorder is: into an isolated world of
   * its own, its binding visible only there ({@code Page.addScriptToEvaluateOnNewDocument} with a world name,
   * {@code Runtime.addBinding} with that context name). {@code RRWEB_PAGE_WORLD} runs in the page's own world, as a
   * page that bundles rrweb itself would run it (DOM access from an isolated world goes through that world's own
   * wrappers, which costs more per node). {@code RRWEB_UNSENT} is {@code RRWEB} turning each event into JSON but
   * sending only the first: rrweb's own work over the task, without the binding calls that carry its events.
   */
  enum Recorder { NONE, UNDERSTUDY, RRWEB, RRWEB_PAGE_WORLD, RRWEB_UNSENT }

  /** The isolated world rrweb runs in when injected as Understudy is. */
  static final String RRWEB_WORLD = "rrweb-bench";

  /**
   * One run's figures.
   *
   * @param scriptMs ScriptDuration over the task
   * @param taskMs TaskDuration over the task
   * @param loadScriptMs ScriptDuration from navigation to the settled page
   * @param loadTaskMs TaskDuration from navigation to the settled page
   * @param bytes bytes stored (0 without a recorder)
   * @param records actions stored (Understudy, session records included) or events emitted (rrweb)
   * @param latenciesMs by action kind, event to acknowledgement (Understudy only)
   */
  record Run(Recorder recorder, double scriptMs, double taskMs, double loadScriptMs, double loadTaskMs,
      long bytes, long records, Map<String, List<Double>> latenciesMs) {}

  private BrowserVsRrweb() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROWS;
    System.out.println(report(measure(rounds, rows, Writers.newDirectory()), rows));
  }

  /** Runs the rounds, writing stores and event files under {@code dir} (deleted after). */
  static List<Run> measure(int rounds, int rows, Path dir) throws Exception {
    String script = rrwebScript();
    List<Run> runs = new ArrayList<>();
    try (PageServer pages = PageServer.start()) {
      String url = pages.url("orders.html?rows=" + rows);
      for (int round = 0; round < rounds; round++) {
        for (Recorder r : recorders()) {
          Run run = run(r, url, rows, dir.resolve(r.name().toLowerCase() + "-" + round), script);
          System.err.printf("round %d %-10s script %7.1f ms task %7.1f ms  load script %7.1f ms  bytes %,10d  records %,6d%n",
              round + 1, r, run.scriptMs(), run.taskMs(), run.loadScriptMs(), run.bytes(), run.records());
          runs.add(run);
        }
      }
    } finally {
      Writers.delete(dir);
    }
    return runs;
  }

  /** The recorders to run, in order: all three, or those named in {@value #RECORDERS_PROPERTY} (e.g. {@code understudy}). */
  static List<Recorder> recorders() {
    String names = System.getProperty(RECORDERS_PROPERTY, "");
    if (names.isBlank()) {
      return List.of(Recorder.values());
    }
    List<Recorder> out = new ArrayList<>();
    for (String name : names.split(",")) {
      out.add(Recorder.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
    }
    return out;
  }

  static Run run(Recorder recorder, String url, int rows, Path dir, String rrweb) throws Exception {
    Files.createDirectories(dir);
    try (ChromiumProcess chromium = ChromiumProcess.builder().launch();
        BenchTab tab = BenchTab.firstTab(chromium.webSocketUrl())) {
      ProcessHandle browser = ProcessHandle.of(chromium.pid()).orElseThrow();
      return switch (recorder) {
        case NONE -> task(recorder, browser, tab, url, rows, () -> new long[] {0, 0}, Map.of());
        case RRWEB -> rrweb(recorder, browser, tab, url, rows, dir, rrweb, true);
        case RRWEB_PAGE_WORLD -> rrweb(recorder, browser, tab, url, rows, dir, rrweb, false);
        case RRWEB_UNSENT -> rrweb(recorder, browser, tab, url, rows, dir, SEND_NOTHING + rrweb, true);
        case UNDERSTUDY -> understudy(chromium, browser, tab, url, rows, dir);
      };
    }
  }

  private static Run rrweb(Recorder recorder, ProcessHandle browser, BenchTab tab, String url, int rows, Path dir, String script,
      boolean isolated)
      throws Exception {
    Path file = dir.resolve("rrweb-events.jsonl");
    AtomicLong events = new AtomicLong();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      tab.cdp().onEvent(e -> {
        if (e.method().equals("Runtime.bindingCalled") && BINDING.equals(e.params().path("name").asText())) {
          try {
            synchronized (out) {
              out.write(e.params().path("payload").asText().getBytes(StandardCharsets.UTF_8));
              out.write('\n');
            }
            events.incrementAndGet();
          } catch (IOException x) {
            throw new IllegalStateException("cannot write rrweb's events", x);
          }
        }
      });
      if (isolated) {
        tab.call("Runtime.addBinding", tab.cdp().params().put("name", BINDING).put("executionContextName", RRWEB_WORLD));
        tab.call("Page.addScriptToEvaluateOnNewDocument", tab.cdp().params().put("source", script).put("worldName", RRWEB_WORLD)
            .put("runImmediately", true));
      } else {
        tab.call("Runtime.addBinding", tab.cdp().params().put("name", BINDING));
        tab.call("Page.addScriptToEvaluateOnNewDocument", tab.cdp().params().put("source", script));
      }
      Run run = task(recorder, browser, tab, url, rows, () -> {
        tab.cdp().awaitEventsHandled(BenchTab.TIMEOUT);
        synchronized (out) {
          out.flush();
        }
        return new long[] {Files.size(file), events.get()};
      }, Map.of());
      if (run.records() == 0) {
        throw new IllegalStateException("rrweb emitted no event: its recorder did not run");
      }
      return run;
    }
  }

  private static Run understudy(ChromiumProcess chromium, ProcessHandle browser, BenchTab tab, String url, int rows, Path dir)
      throws Exception {
    Path store = dir.resolve("store");
    List<long[]> acks = new ArrayList<>(); // {seq, wall clock ns}, appended on the pipeline thread
    String http = "http://127.0.0.1:" + chromium.webSocketUrl().getPort();
    Recording recording = Recording.builder().storeDirectory(store).adapter(new BrowserAdapterProvider())
        .config("adapter.browser.attach", http).policy(PrivacyPolicy.defaults())
        .acknowledgementListener(seq -> {
          Instant now = Instant.now();
          synchronized (acks) {
            acks.add(new long[] {seq, now.getEpochSecond() * 1_000_000_000L + now.getNano()});
          }
        })
        .startTimeout(Duration.ofSeconds(60)).stopTimeout(Duration.ofSeconds(30)).start();
    String session = recording.sessionIdText();
    Run measured;
    try {
      if (recording.stats().plugins().stream().anyMatch(p -> !p.lastError().isEmpty())) {
        throw new IllegalStateException("the browser adapter did not start: " + recording.stats().plugins());
      }
      measured = task(Recorder.UNDERSTUDY, browser, tab, url, rows, () -> new long[] {0, 0}, Map.of());
      recording.flush(BenchTab.TIMEOUT);
    } finally {
      recording.close();
    }
    List<Action> actions;
    try (SessionReader reader = SessionStore.open(store).reader(SessionId.parse(session))) {
      actions = reader.readAll();
    }
    long bytes;
    try (Stream<Path> files = Files.list(store.resolve(session))) {
      bytes = files.filter(p -> p.getFileName().toString().startsWith("seg-")).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).sum();
    }
    if (actions.stream().noneMatch(a -> a.hasInvoke())) {
      throw new IllegalStateException("Understudy stored no click: the recorder did not run; " + actions.size() + " records");
    }
    return new Run(Recorder.UNDERSTUDY, measured.scriptMs(), measured.taskMs(), measured.loadScriptMs(), measured.loadTaskMs(),
        bytes, actions.size(), latencies(actions, acks));
  }

  /** Event time to the first acknowledgement covering the action's seq, by kind; session records left out. */
  static Map<String, List<Double>> latencies(List<Action> actions, List<long[]> acks) {
    List<long[]> sorted;
    synchronized (acks) {
      sorted = new ArrayList<>(acks);
    }
    Map<String, List<Double>> out = new TreeMap<>();
    for (Action a : actions) {
      if (a.hasSessionStart() || a.hasSessionEnd() || a.hasGap() || a.hasPause() || a.getTimeUnixNano() == 0) {
        continue;
      }
      for (long[] ack : sorted) {
        if (ack[0] >= a.getSeq()) {
          out.computeIfAbsent(a.getKindCase().name().toLowerCase(), k -> new ArrayList<>())
              .add((ack[1] - a.getTimeUnixNano()) / 1e6);
          break;
        }
      }
    }
    return out;
  }

  @FunctionalInterface
  private interface Stored {
    long[] bytesAndRecords() throws Exception;
  }

  /** Loads the page, settles, runs the task, settles, and reads the counters. */
  private static Run task(Recorder recorder, ProcessHandle browser, BenchTab tab, String url, int rows, Stored stored,
      Map<String, List<Double>> latencies) throws Exception {
    tab.navigate(url);
    JsonNode nodes = tab.eval("document.getElementsByTagName('*').length");
    if (nodes.asInt() < rows * 10) {
      throw new IllegalStateException("the page has " + nodes + " elements, expected at least " + rows * 10);
    }
    Thread.sleep(SETTLE_MS);
    Map<String, Double> before = tab.metrics();
    long[] cpuBefore = cpu(browser);
    boolean profile = Boolean.getBoolean(PROFILE_PROPERTY) && recorder != Recorder.NONE;
    if (profile) {
      tab.call("Profiler.enable", tab.cdp().params());
      tab.call("Profiler.setSamplingInterval", tab.cdp().params().put("interval", Integer.getInteger(PROFILE_INTERVAL_PROPERTY, 1000)));
      tab.call("Profiler.start", tab.cdp().params());
    }
    BrowserTask.run(tab, BrowserTask.steps(rows));
    Thread.sleep(SETTLE_MS);
    Map<String, Double> after = tab.metrics();
    long[] cpuAfter = cpu(browser);
    System.err.printf("  %s CPU over the task (/proc): this JVM (driver%s) %d ms, Chromium's processes %d ms%n", recorder,
        recorder == Recorder.UNDERSTUDY ? " and Understudy's recording" : "", cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]);
    if (profile) {
      System.err.println(PageProfile.top(recorder.name(), tab.call("Profiler.stop", tab.cdp().params()).path("profile"), 25));
    }
    long[] bytes = stored.bytesAndRecords();
    return new Run(recorder, delta(before, after, "ScriptDuration"), delta(before, after, "TaskDuration"),
        before.getOrDefault("ScriptDuration", 0d) * 1e3, before.getOrDefault("TaskDuration", 0d) * 1e3,
        bytes[0], bytes[1], latencies);
  }

  /** CPU ms so far of this JVM and of the browser's processes, from /proc (0 where /proc cannot be read). */
  private static long[] cpu(ProcessHandle browser) {
    return new long[] {ProcessCpu.nanosOrZero(ProcessHandle.current().pid()) / 1_000_000, ProcessCpu.treeNanos(browser) / 1_000_000};
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
    if (!after.containsKey(name)) {
      throw new IllegalStateException("Performance.getMetrics has no " + name + ": " + after.keySet());
    }
    return (after.get(name) - before.getOrDefault(name, 0d)) * 1e3;
  }

  static String rrwebScript() throws IOException {
    try (InputStream in = BrowserVsRrweb.class.getResourceAsStream("rrweb-record.js")) {
      if (in == null) {
        throw new IllegalStateException("rrweb-record.js is not on the class path: build bench with Maven (npm bundles it)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static double percentile(List<Double> values, double p) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v[(int) Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  }

  private static double[] of(List<Run> runs, Recorder r, java.util.function.ToDoubleFunction<Run> f) {
    return runs.stream().filter(x -> x.recorder() == r).mapToDouble(f).toArray();
  }

  /** The table of medians, overheads over the baseline, ratios and latency percentiles. */
  static String report(List<Run> runs, int rows) {
    StringBuilder out = new StringBuilder();
    long n = runs.stream().filter(r -> r.recorder() == Recorder.NONE).count();
    out.append(String.format("Browser capture vs rrweb 2.2.2: %d rounds, %d-row page, %d interactions, medians%n",
        n, rows, BrowserTask.steps(rows).size()));
    out.append(String.format("%-11s %10s %10s %12s %12s %12s %9s%n", "recorder", "script ms", "task ms",
        "load scr ms", "load task ms", "bytes", "records"));
    Map<Recorder, double[]> med = new LinkedHashMap<>();
    for (Recorder r : Recorder.values()) {
      if (runs.stream().noneMatch(x -> x.recorder() == r)) {
        continue;
      }
      double[] m = {
        median(of(runs, r, Run::scriptMs)), median(of(runs, r, Run::taskMs)),
        median(of(runs, r, Run::loadScriptMs)), median(of(runs, r, Run::loadTaskMs)),
        median(of(runs, r, x -> x.bytes())), median(of(runs, r, x -> x.records()))};
      med.put(r, m);
      out.append(String.format("%-11s %10.1f %10.1f %12.1f %12.1f %,12.0f %9.0f%n", r, m[0], m[1], m[2], m[3], m[4], m[5]));
    }
    double[] base = med.get(Recorder.NONE);
    double[] us = med.get(Recorder.UNDERSTUDY);
    if (base != null && us != null) {
      for (Recorder peer : List.of(Recorder.RRWEB, Recorder.RRWEB_PAGE_WORLD)) {
        double[] rr = med.get(peer);
        if (rr == null) {
          continue;
        }
        String name = peer == Recorder.RRWEB ? "rrweb (isolated world, as Understudy)" : "rrweb (page world)";
        out.append(String.format("overhead over no recorder, task: Understudy script %.1f ms, task %.1f ms; %s script %.1f ms, task %.1f ms%n",
            us[0] - base[0], us[1] - base[1], name, rr[0] - base[0], rr[1] - base[1]));
        out.append(String.format("overhead ratio Understudy/%s, task: script %.3f, task %.3f (target <= 0.200)%n",
            name, (us[0] - base[0]) / (rr[0] - base[0]), (us[1] - base[1]) / (rr[1] - base[1])));
        out.append(String.format("overhead ratio Understudy/%s, load: script %.3f, task %.3f%n",
            name, (us[2] - base[2]) / (rr[2] - base[2]), (us[3] - base[3]) / (rr[3] - base[3])));
        out.append(String.format("overhead ratio Understudy/%s, whole session (load + task): script %.3f, task %.3f%n", name,
            (us[0] + us[2] - base[0] - base[2]) / (rr[0] + rr[2] - base[0] - base[2]),
            (us[1] + us[3] - base[1] - base[3]) / (rr[1] + rr[3] - base[1] - base[3])));
        out.append(String.format("bytes ratio Understudy/%s: %.4f (target <= 0.100)%n", name, us[4] / rr[4]));
      }
      double[] sent = med.get(Recorder.RRWEB);
      double[] unsent = med.get(Recorder.RRWEB_UNSENT);
      if (sent != null && unsent != null) {
        out.append(String.format("rrweb (isolated world) over the task, script: its own work %.1f ms (events turned into JSON, not sent),"
            + " sending them %.1f ms; Understudy/rrweb's own work: script %.3f%n",
            unsent[0] - base[0], sent[0] - unsent[0], (us[0] - base[0]) / (unsent[0] - base[0])));
      }
    }
    Map<String, List<Double>> all = new TreeMap<>();
    runs.stream().filter(r -> r.recorder() == Recorder.UNDERSTUDY)
        .forEach(r -> r.latenciesMs().forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v)));
    List<Double> every = all.values().stream().flatMap(List::stream).toList();
    if (!every.isEmpty()) {
      out.append(String.format("page event -> acknowledged action, all runs: %d actions, p50 %.1f ms, p95 %.1f ms, max %.1f ms (target p95 <= 100)%n",
          every.size(), percentile(every, 0.5), percentile(every, 0.95), percentile(every, 1.0)));
      all.forEach((kind, v) -> out.append(String.format("  %-13s %4d actions, p50 %7.1f ms, p95 %7.1f ms, max %7.1f ms%n",
          kind, v.size(), percentile(v, 0.5), percentile(v, 0.95), percentile(v, 1.0))));
    }
    return out.toString();
  }
}
