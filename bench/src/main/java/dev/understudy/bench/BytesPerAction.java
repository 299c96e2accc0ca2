package dev.understudy.bench;

import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionReader;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Bytes on disk per action for the same workload written by each writer: prints the figures.
 *
 * <ul>
 *   <li>Ours: written through a running Recording; per action, its frame plus the dictionary
 *       definitions first written for it, read from the segment (median over click-like actions),
 *       and segment bytes / actions. Once with actions that leave the time to the runtime (the
 *       workload as is) and once with actions carrying their own event time, to which the runtime
 *       adds the time it observed them (observed_time_unix_nano).
 *   <li>Plain protobuf: the serialized size of the same stamped action as read back.
 *   <li>JSON lines: each click's line length in bytes, newline included.
 *   <li>SQLite: database file size (after a checkpoint into the main file) / actions.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.understudy.bench.BytesPerAction [actions]}.
 */
public final class BytesPerAction {

  /** Actions written by default: {@value}. */
  public static final int DEFAULT_ACTIONS = 20_000;
  /** How long before the runtime sees an action its adapter time-stamps: {@value} ns. */
  static final long EVENT_LEAD_NANOS = 3_000_000;

  /**
   * The figures, in bytes.
   *
   * @param oursClickMedian our median bytes per click
   * @param oursMean our segment bytes per action, all kinds, session records included
   * @param oursTimedClickMedian our median bytes per click when the adapter sets the event time
   * @param protobufClickMedian median serialized size of the stamped click
   * @param jsonlClickMedian median JSON line of a click
   * @param jsonlMean JSON lines file bytes per action
   * @param sqliteMean SQLite database bytes per action
   */
  record Figures(
      int actions,
      long oursClickMedian,
      double oursMean,
      long oursTimedClickMedian,
      long protobufClickMedian,
      long jsonlClickMedian,
      double jsonlMean,
      double sqliteMean) {}

  private BytesPerAction() {}

  public static void main(String[] args) throws Exception {
    int actions = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ACTIONS;
    Path dir = Writers.newDirectory();
    try {
      Figures f = measure(Workload.generate(actions), dir);
      System.out.printf("Bytes per action, %d workload actions (%d%% click-like)%n", f.actions(),
          Math.round(100.0 * clicks(Workload.generate(actions)) / actions));
      System.out.printf("  understudy  click median (frame + first-use dictionary defs): %d B%n", f.oursClickMedian());
      System.out.printf("  understudy  click median, adapter-set event time:             %d B%n", f.oursTimedClickMedian());
      System.out.printf("  understudy  segment bytes / actions (all kinds):               %.1f B%n", f.oursMean());
      System.out.printf("  protobuf    click median, plain serialized stamped Action:     %d B%n", f.protobufClickMedian());
      System.out.printf("  jsonl       click median line (newline included):              %d B%n", f.jsonlClickMedian());
      System.out.printf("  jsonl       file bytes / actions:                              %.1f B%n", f.jsonlMean());
      System.out.printf("  sqlite      database bytes / actions (WAL checkpointed):       %.1f B%n", f.sqliteMean());
      System.out.printf("  ratio understudy / jsonl (click medians): %.3f  (target <= 0.333)%n",
          (double) f.oursClickMedian() / f.jsonlClickMedian());
      System.out.printf("  ratio understudy / sqlite (means):        %.3f%n", f.oursMean() / f.sqliteMean());
    } finally {
      Writers.delete(dir);
    }
  }

  /** Writes the workload with each writer under {@code dir} and measures. */
  static Figures measure(Workload workload, Path dir) throws Exception {
    int n = workload.size();
    Path store = dir.resolve("store");
    String session;
    try (RecordingWriter w = RecordingWriter.start(store, Durability.DURABILITY_PROCESS_SAFE, n + 1, null)) {
      ActionWriter.writeAll(w, workload);
      session = w.sessionIdText();
    }
    Path sessionDir = store.resolve(session);
    long[] frames = SegmentFrames.actionBytes(sessionDir);
    if (frames.length != n + 2) {
      throw new IllegalStateException("expected " + (n + 2) + " action records, found " + frames.length);
    }
    List<Action> read;
    try (SessionReader r = SessionStore.open(store).reader(SessionId.parse(session))) {
      read = r.readAll();
    }
    long[] oursClicks = clickValues(workload, i -> frames[i + 1]);
    long[] protobufClicks = clickValues(workload, i -> read.get(i + 1).getSerializedSize());

    Path timedStore = dir.resolve("store-timed");
    String timedSession;
    try (RecordingWriter w = RecordingWriter.start(timedStore, Durability.DURABILITY_PROCESS_SAFE, n + 1, null)) {
      for (int i = 0; i < n; i++) {
        long eventTime = System.currentTimeMillis() * 1_000_000L - EVENT_LEAD_NANOS;
        w.write(workload.action(i).toBuilder().setTimeUnixNano(eventTime).build());
      }
      w.acknowledge();
      timedSession = w.sessionIdText();
    }
    long[] timedFrames = SegmentFrames.actionBytes(timedStore.resolve(timedSession));
    long[] timedClicks = clickValues(workload, i -> timedFrames[i + 1]);

    Path jsonl = dir.resolve("actions.jsonl");
    try (JsonLinesWriter w = new JsonLinesWriter(jsonl, false)) {
      ActionWriter.writeAll(w, workload);
    }
    List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
    long[] jsonClicks = clickValues(workload, i -> lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1);

    Path db = dir.resolve("actions.db");
    try (SqliteWriter w = new SqliteWriter(db, false)) {
      ActionWriter.writeAll(w, workload);
    }
    return new Figures(n,
        SegmentFrames.median(oursClicks),
        (double) SegmentFrames.segmentBytes(sessionDir) / n,
        SegmentFrames.median(timedClicks),
        SegmentFrames.median(protobufClicks),
        SegmentFrames.median(jsonClicks),
        (double) Files.size(jsonl) / n,
        (double) filesStartingWith(dir, "actions.db") / n);
  }

  private static long[] clickValues(Workload workload, java.util.function.IntToLongFunction value) {
    return LongStream.range(0, workload.size())
        .filter(i -> workload.kind((int) i) == Workload.Kind.CLICK)
        .map(i -> value.applyAsLong((int) i))
        .toArray();
  }

  private static long clicks(Workload workload) {
    return LongStream.range(0, workload.size()).filter(i -> workload.kind((int) i) == Workload.Kind.CLICK).count();
  }

  /** The database with its WAL and shared-memory files, should any remain. */
  private static long filesStartingWith(Path dir, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith(prefix))::iterator) {
        total += Files.size(p);
      }
      return total;
    }
  }
}
