package dev.understudy.bench;

import dev.understudy.proto.v1.Durability;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Acknowledgement latency under a steady load: one host thread emits workload actions at a fixed
 * rate into a running Recording; for each action, the time from just before its {@code emit} to the
 * acknowledgement listener's call that covers its seq (after the group commit, and for power-safe
 * after its fsync). Prints p50, p90, p99, p99.9 and max, and the mean actions per commit, for each
 * durability and rate.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.understudy.bench.AckLatency [seconds] [rate,rate,...]}.
 */
public final class AckLatency {

  /** Seconds measured per durability and rate by default: {@value}. */
  static final int DEFAULT_SECONDS = 4;
  /** Default rates, actions per second. */
  static final int[] DEFAULT_RATES = {1_000, 10_000, 100_000};
  /** Rate and length of the warm-up run before any measurement. */
  static final int WARMUP_RATE = 100_000;
  static final int WARMUP_SECONDS = 3;

  /** Latencies of one run, in nanoseconds, and the commits it took. */
  record Result(long[] sortedLatencies, long commits) {
    long percentile(double p) {
      return sortedLatencies[(int) Math.min(sortedLatencies.length - 1, Math.floor(p * sortedLatencies.length))];
    }
  }

  private AckLatency() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SECONDS;
    int[] rates = args.length > 1
        ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
        : DEFAULT_RATES;
    Workload workload = Workload.generate(1 << 16);
    run(Durability.DURABILITY_POWER_SAFE, WARMUP_RATE, WARMUP_SECONDS, workload);
    System.out.printf("Acknowledgement latency, emit -> acknowledgement listener, %d s per row%n", seconds);
    System.out.printf("%-13s %9s %9s %9s %9s %9s %9s %9s %12s%n",
        "durability", "rate/s", "actions", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "per commit");
    for (Durability d : new Durability[] {Durability.DURABILITY_POWER_SAFE, Durability.DURABILITY_PROCESS_SAFE}) {
      for (int rate : rates) {
        Result r = run(d, rate, seconds, workload);
        int n = r.sortedLatencies().length;
        System.out.printf("%-13s %9d %9d %9.1f %9.1f %9.1f %9.1f %9.1f %12.1f%n",
            d.name().replace("DURABILITY_", ""), rate, n,
            r.percentile(0.50) / 1e3, r.percentile(0.90) / 1e3, r.percentile(0.99) / 1e3,
            r.percentile(0.999) / 1e3, r.sortedLatencies()[n - 1] / 1e3, (double) n / r.commits());
      }
    }
  }

  /** Emits {@code rate * seconds} actions at {@code rate} and measures each one's acknowledgement. */
  static Result run(Durability durability, int rate, int seconds, Workload workload) throws Exception {
    int total = rate * seconds;
    long[] emitted = new long[total];
    // Written by the pipeline thread only, published by the writer's volatile acknowledged seq.
    long[] ackSeq = new long[total + 16];
    long[] ackNanos = new long[total + 16];
    int[] acks = {0};
    Path dir = Writers.newDirectory();
    try (RecordingWriter w = RecordingWriter.start(dir.resolve("store"), durability, total + 1, seq -> {
      if (acks[0] < ackSeq.length) {
        ackNanos[acks[0]] = System.nanoTime();
        ackSeq[acks[0]++] = seq;
      }
    })) {
      long period = TimeUnit.SECONDS.toNanos(1) / rate;
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = start + i * period;
        long now;
        while ((now = System.nanoTime()) < due) {
          if (due - now > 200_000) {
            LockSupport.parkNanos(due - now - 100_000);
          } else {
            Thread.onSpinWait();
          }
        }
        emitted[i] = System.nanoTime();
        if (!w.write(workload.action(i & (workload.size() - 1)))) {
          throw new IllegalStateException("action " + i + " dropped at " + rate + "/s");
        }
      }
      w.acknowledge();
      int count = acks[0];
      long[] latencies = new long[total];
      int k = 0;
      for (int i = 0; i < total; i++) {
        long seq = i + 2; // seq 1 is the session start record
        while (ackSeq[k] < seq) {
          k++;
        }
        latencies[i] = ackNanos[k] - emitted[i];
      }
      Arrays.sort(latencies);
      return new Result(latencies, Math.max(1, count - 1)); // the first ack is the session start's
    } finally {
      Writers.delete(dir);
    }
  }
}
