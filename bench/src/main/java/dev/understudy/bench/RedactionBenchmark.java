package dev.understudy.bench;

import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.core.privacy.redact.MatchEngine;
import dev.understudy.core.privacy.redact.Redactor;
import dev.understudy.proto.v1.Action;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Redaction on realistic action text ({@link TextWorkload}), in actions/s, two ways:
 *
 * <ul>
 *   <li>{@link #redactor}: {@code Redactor.apply} alone on the benchmark thread over a pool of
 *       {@value #POOL} workload actions, with the default engine ({@code RE2J_PREFILTERED}: RE2/J
 *       behind prefilters and anchors) and with the baseline ({@code JAVA_REGEX_UNFILTERED}: every
 *       rule's expression with {@code java.util.regex} over every scanned field, no prefilters, the
 *       same validators). Same rules, same actions, same run.
 *   <li>{@link #pipeline}: the whole pipeline as {@link ThroughputBenchmark} measures it (emit on the
 *       benchmark thread into a running Recording, pipeline thread, session store, process-safe,
 *       acknowledged), {@value #ACTIONS} text-workload actions per operation, with the runtime's
 *       default redaction on, and off for comparison; see {@link PipelineState} for the policies.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// Longer than the other benchmarks: C2 has much of the redactor to compile (see bench/run.sh).
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
public class RedactionBenchmark {

  /** Actions in the redactor-alone pool: {@value}. */
  public static final int POOL = 10_000;
  /** Actions per pipeline operation: {@value}. */
  public static final int ACTIONS = 100_000;

  /** The redactor alone, per engine. */
  @State(Scope.Thread)
  public static class RedactorState {
    @Param({"RE2J_PREFILTERED", "JAVA_REGEX_UNFILTERED"})
    public String engine;

    Redactor redactor;
    Action[] pool;

    @Setup(Level.Trial)
    public void setUp() {
      redactor = Redactor.builder().matchEngine(MatchEngine.valueOf(engine)).build();
      TextWorkload workload = TextWorkload.generate(POOL);
      pool = new Action[POOL];
      for (int i = 0; i < POOL; i++) {
        pool[i] = workload.action(i);
      }
    }
  }

  /**
   * The whole pipeline, with the default redaction on or off, under the default policy or under the
   * default policy without its built-in deny-lists ({@code no-deny-lists}: the same capabilities, no
   * app, title, URL or path patterns to match), which shows what the deny-list matching costs.
   */
  @State(Scope.Thread)
  public static class PipelineState {
    @Param({"on", "off"})
    public String redaction;

    @Param({"default", "no-deny-lists"})
    public String policy;

    TextWorkload workload;
    Writers.Fresh out;

    @Setup(Level.Trial)
    public void generate() {
      workload = TextWorkload.generate(ACTIONS);
    }

    @Setup(Level.Iteration)
    public void open() throws Exception {
      PrivacyPolicy p = switch (policy) {
        case "default" -> PrivacyPolicy.defaults();
        case "no-deny-lists" -> PrivacyPolicy.builder().includeDefaults(false).build();
        default -> throw new IllegalArgumentException("policy: unknown '" + policy + "'");
      };
      out = Writers.openRecording(Durability.DURABILITY_PROCESS_SAFE, 2 * ACTIONS, redaction.equals("on"), p);
    }

    @TearDown(Level.Iteration)
    public void close() throws Exception {
      out.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(POOL)
  public void redactor(RedactorState s, Blackhole bh) {
    Redactor r = s.redactor;
    for (Action a : s.pool) {
      bh.consume(r.apply(a));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ACTIONS)
  public void pipeline(PipelineState s) throws Exception {
    ActionWriter.writeAll(s.out.writer(), s.workload);
  }
}
