package dev.understudy.bench;

import dev.understudy.proto.v1.Durability;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same end-to-end writes power-safe: every commit is forced to the device (our group commit:
 * one {@code force} per pipeline batch; SQLite: WAL with synchronous=FULL, {@value
 * ActionWriter#GROUP} rows per transaction; JSON lines: flush and {@code force} every {@value
 * ActionWriter#GROUP} lines).
 *
 * <ul>
 *   <li>{@link #writeAndAcknowledge}: actions/s, {@value #ACTIONS} actions per operation.
 *   <li>{@link #oneActionAcknowledged}: the latency of one action written alone until it is
 *       acknowledged (for ours: emit until the acknowledgement listener reports its seq), i.e. the
 *       cost of one commit with its fsync when nothing else is in flight.
 * </ul>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PowerSafeBenchmark {

  /** Actions per throughput operation: {@value}. */
  public static final int ACTIONS = 50_000;

  @Param({Writers.UNDERSTUDY, Writers.JSONL, Writers.SQLITE})
  public String writer;

  private Workload workload;
  private Writers.Fresh out;
  private int next;

  @Setup(Level.Trial)
  public void generate() {
    workload = Workload.generate(ACTIONS);
  }

  @Setup(Level.Iteration)
  public void open() throws Exception {
    out = Writers.openFresh(writer, Durability.DURABILITY_POWER_SAFE, 2 * ACTIONS);
  }

  @TearDown(Level.Iteration)
  public void close() throws Exception {
    out.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(ACTIONS)
  public void writeAndAcknowledge() throws Exception {
    ActionWriter.writeAll(out.writer(), workload);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void oneActionAcknowledged() throws Exception {
    if (!out.writer().write(workload.action(next))) {
      throw new IllegalStateException("dropped");
    }
    out.writer().acknowledge();
    next = next + 1 == workload.size() ? 0 : next + 1;
  }
}
