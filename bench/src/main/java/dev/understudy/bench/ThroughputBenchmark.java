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
 * Actions per second from the host thread to acknowledged on disk, process-safe: each operation
 * writes {@value #ACTIONS} workload actions and waits until all are acknowledged. The score is
 * actions/s.
 *
 * <ul>
 *   <li>{@code understudy}: emit on the benchmark thread into a running Recording (queue sized to
 *       hold a whole operation, so nothing is dropped), pipeline thread stamping and group-committing
 *       into the session store; then wait for the acknowledgement of the last seq.
 *   <li>{@code store}: the session store alone, stamped and committed on the benchmark thread.
 *   <li>{@code jsonl}, {@code sqlite}: the peers (Jackson JSON lines; SQLite WAL, synchronous=NORMAL),
 *       on the benchmark thread, committing every {@value ActionWriter#GROUP} actions.
 * </ul>
 *
 * Every writer starts a new file or session in a new directory for each iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ThroughputBenchmark {

  /** Actions per operation: {@value}. */
  public static final int ACTIONS = 100_000;

  @Param({Writers.UNDERSTUDY, Writers.STORE, Writers.JSONL, Writers.SQLITE})
  public String writer;

  private Workload workload;
  private Writers.Fresh out;

  @Setup(Level.Trial)
  public void generate() {
    workload = Workload.generate(ACTIONS);
  }

  @Setup(Level.Iteration)
  public void open() throws Exception {
    out = Writers.openFresh(writer, Durability.DURABILITY_PROCESS_SAFE, 2 * ACTIONS);
  }

  @TearDown(Level.Iteration)
  public void close() throws Exception {
    out.close();
  }

  @Benchmark
  @OperationsPerInvocation(ACTIONS)
  public void writeAndAcknowledge() throws Exception {
    ActionWriter.writeAll(out.writer(), workload);
  }
}
