package dev.understudy.bench;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code emit()} as a person's pace makes it: the emitting thread sleeps between actions (5 ms here),
 * so every call starts with cold caches. Measured in the same run as two baselines that any emit must
 * also pay cold — reading the wall clock ({@code Instant.now()}) and one insert into a lock-free queue —
 * so the figure can be told apart from what this machine charges for running anything after a sleep.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.understudy.bench.ColdEmit [samples]}.
 */
public final class ColdEmit {

  private static final long SLEEP_MILLIS = 5;

  private ColdEmit() {}

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    Workload workload = Workload.generate(1 << 12);
    Path dir = Writers.newDirectory();
    RecordingWriter recording = RecordingWriter.start(dir.resolve("store"), Durability.DURABILITY_PROCESS_SAFE,
        dev.understudy.core.Recording.Builder.DEFAULT_QUEUE_CAPACITY, null);
    ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    Thread drainer = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        while (queue.poll() != null) {
          // drain
        }
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
    }, "cold-emit-drainer");
    drainer.setDaemon(true);
    drainer.start();
    long[] emit = new long[samples];
    long[] clock = new long[samples];
    long[] offer = new long[samples];
    try {
      // Warm the code paths first, so that what is measured is the cold cache, not the JIT.
      for (int i = 0; i < 20_000; i++) {
        recording.write(workload.action(i & 4095));
        Instant.now();
        queue.offer(new long[4]);
      }
      Thread.sleep(200);
      for (int i = 0; i < samples; i++) {
        Action action = workload.action(i & 4095);
        Thread.sleep(SLEEP_MILLIS);
        long t0 = System.nanoTime();
        recording.write(action);
        long t1 = System.nanoTime();
        emit[i] = t1 - t0;
        Thread.sleep(SLEEP_MILLIS);
        long t2 = System.nanoTime();
        Instant.now();
        long t3 = System.nanoTime();
        clock[i] = t3 - t2;
        Thread.sleep(SLEEP_MILLIS);
        long t4 = System.nanoTime();
        queue.offer(new long[4]);
        long t5 = System.nanoTime();
        offer[i] = t5 - t4;
      }
    } finally {
      drainer.interrupt();
      recording.close();
      Writers.delete(dir);
    }
    System.out.printf(Locale.ROOT, "cold calls after a %d ms sleep, %d samples each (ns):%n", SLEEP_MILLIS, samples);
    row("emit()", emit);
    row("baseline: Instant.now()", clock);
    row("baseline: lock-free queue insert", offer);
  }

  private static void row(String name, long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    System.out.printf(Locale.ROOT, "  %-34s p50 %7d   p90 %7d   p99 %7d%n", name,
        v[v.length / 2], v[(int) (v.length * 0.9)], v[(int) (v.length * 0.99)]);
  }
}
