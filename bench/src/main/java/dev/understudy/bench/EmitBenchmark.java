package dev.understudy.bench;

import dev.understudy.core.PluginStats;
import dev.understudy.proto.v1.Durability;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host thread's cost of {@code emit(action)} into a running Recording that writes to the session
 * store (process-safe, default queue capacity), sampled per call, under three loads:
 *
 * <ul>
 *   <li>{@link #emitIdle}: before each call the pipeline has acknowledged everything, as when a person
 *       clicks now and then: each emit finds the pipeline thread asleep and wakes it.
 *   <li>{@link #emitBusy}: the pipeline is kept busy but never more than {@value Paced#BACKLOG}
 *       actions behind, so nothing is dropped.
 *   <li>{@link #emitSaturated}: the benchmark thread emits as fast as it can, far faster than any
 *       person; once the queue is full most calls are drops (counted, written as a Gap). The share
 *       dropped is printed after each iteration.
 * </ul>
 *
 * <p>The paced variants wait in a per-invocation setup, which JMH leaves out of the measured time.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class EmitBenchmark {

  /** Workload actions cycled through: {@value}. */
  static final int POOL = 1 << 16;

  /** A running recording and the workload; counts what the adapter had accepted and dropped. */
  @State(Scope.Thread)
  public static class Running {
    Workload workload;
    RecordingWriter recording;
    private Path dir;
    private int next;
    private long acceptedBefore;
    private long droppedBefore;

    @Setup(Level.Trial)
    public void start() throws Exception {
      workload = Workload.generate(POOL);
      dir = Writers.newDirectory();
      recording = RecordingWriter.start(dir.resolve("store"), Durability.DURABILITY_PROCESS_SAFE,
          dev.understudy.core.Recording.Builder.DEFAULT_QUEUE_CAPACITY, null);
    }

    @TearDown(Level.Iteration)
    public void report() {
      PluginStats s = recording.adapterStats();
      long accepted = s.accepted() - acceptedBefore;
      long dropped = s.dropped() - droppedBefore;
      acceptedBefore = s.accepted();
      droppedBefore = s.dropped();
      System.out.printf("%n[emit] %s: accepted %d, dropped %d (%.1f%% of calls dropped)%n",
          getClass().getSimpleName(), accepted, dropped,
          accepted + dropped == 0 ? 0.0 : 100.0 * dropped / (accepted + dropped));
    }

    @TearDown(Level.Trial)
    public void stop() {
      try {
        recording.close();
      } finally {
        Writers.delete(dir);
      }
    }

    boolean emitNext() {
      boolean ok = recording.write(workload.action(next));
      next = (next + 1) & (POOL - 1);
      return ok;
    }
  }

  /** No pacing. */
  @State(Scope.Thread)
  public static class Free extends Running {}

  /** Waits, before each call, until the pipeline is at most {@link #BACKLOG} actions behind. */
  @State(Scope.Thread)
  public static class Paced extends Running {
    /** Most actions emitted but not yet acknowledged: {@value}, a quarter of the default queue. */
    static final long BACKLOG = 4096;

    @Setup(Level.Invocation)
    public void pace() {
      await(recording, BACKLOG);
    }
  }

  /** Waits, before each call, until the pipeline has acknowledged everything. */
  @State(Scope.Thread)
  public static class Idle extends Running {
    @Setup(Level.Invocation)
    public void pace() {
      await(recording, 0);
    }
  }

  /** Spins until at most {@code backlog} accepted actions are unacknowledged. */
  static void await(RecordingWriter recording, long backlog) {
    long lastAccepted = recording.nextSeq() - 1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RecordingWriter.ACK_TIMEOUT_SECONDS);
    while (lastAccepted - recording.acknowledged() > backlog) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pipeline stopped acknowledging at seq " + recording.acknowledged());
      }
      Thread.onSpinWait();
    }
  }

  @Benchmark
  public boolean emitIdle(Idle s) {
    return s.emitNext();
  }

  @Benchmark
  public boolean emitBusy(Paced s) {
    return s.emitNext();
  }

  @Benchmark
  public boolean emitSaturated(Free s) {
    return s.emitNext();
  }
}
