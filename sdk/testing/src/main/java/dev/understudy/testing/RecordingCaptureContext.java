package dev.understudy.testing;

import dev.understudy.api.ActionEmitter;
import dev.understudy.api.CaptureClock;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.api.Policy;
import dev.understudy.proto.v1.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A {@link CaptureContext} for unit-testing an {@link dev.understudy.api.Adapter} without the runtime:
 * it keeps every emitted action and every reported loss in memory, in arrival order.
 *
 * <pre>{@code
 * RecordingCaptureContext context = RecordingCaptureContext.builder()
 *     .config(Map.of("delay-ms", "0"))
 *     .build();
 * adapter.start(context);
 * List<Action> actions = context.awaitActions(3, Duration.ofSeconds(5));
 * adapter.stop();
 * }</pre>
 *
 * <p>Defaults: an empty {@link PluginConfig}, a {@link ManualClock} at {@link ManualClock#DEFAULT_START},
 * a {@link TestPolicy#permissive() permissive} policy, and no capacity limit. Unlike the runtime, the
 * emitter stamps nothing (no id, sequence or adapter identity): what the test sees is exactly what the
 * adapter built. With a {@link Builder#capacity capacity}, emits past it return {@code false} and are
 * counted in {@link #refusedCount()}, as when the runtime's queue is full.
 *
 * <p>Thread-safe: adapters may emit from any thread; the await methods block the test thread until
 * enough has arrived.
 */
public final class RecordingCaptureContext implements CaptureContext {

  /** The prefix {@link Builder#config(Map)} quotes in configuration errors. */
  public static final String DEFAULT_CONFIG_PREFIX = "adapter.test.";

  private final PluginConfig config;
  private final CaptureClock clock;
  private final Policy policy;
  private final int capacity;
  private final Object lock = new Object();
  private final List<Action> actions = new ArrayList<>();
  private final List<ReportedLoss> losses = new ArrayList<>();
  private long refused;
  private final ActionEmitter emitter = new RecordingEmitter();

  private RecordingCaptureContext(Builder builder) {
    this.config = builder.config;
    this.clock = builder.clock;
    this.policy = builder.policy;
    this.capacity = builder.capacity;
  }

  /** A context with every default. */
  public static RecordingCaptureContext create() {
    return builder().build();
  }

  /** A builder to set configuration, clock, policy or capacity. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ActionEmitter emitter() {
    return emitter;
  }

  @Override
  public PluginConfig config() {
    return config;
  }

  @Override
  public CaptureClock clock() {
    return clock;
  }

  @Override
  public Policy policy() {
    return policy;
  }

  /** The actions emitted and accepted so far, in order. */
  public List<Action> actions() {
    synchronized (lock) {
      return List.copyOf(actions);
    }
  }

  /** The losses reported so far, in order (calls with a count below 1 are ignored, as by the runtime). */
  public List<ReportedLoss> losses() {
    synchronized (lock) {
      return List.copyOf(losses);
    }
  }

  /** The sum of the reported loss counts. */
  public long lostCount() {
    synchronized (lock) {
      return losses.stream().mapToLong(ReportedLoss::count).sum();
    }
  }

  /** How many emits were refused because the capacity was reached. */
  public long refusedCount() {
    synchronized (lock) {
      return refused;
    }
  }

  /**
   * Waits until at least {@code count} actions were accepted and returns all accepted so far.
   *
   * @throws AssertionError on timeout, saying how many arrived
   */
  public List<Action> awaitActions(int count, Duration timeout) throws InterruptedException {
    synchronized (lock) {
      await(() -> actions.size() >= count, timeout, () -> "expected at least " + count + " actions within "
          + timeout + " but got " + actions.size() + ": " + actions);
      return List.copyOf(actions);
    }
  }

  /**
   * Waits until at least {@code count} losses were reported and returns all reported so far.
   *
   * @throws AssertionError on timeout, saying how many arrived
   */
  public List<ReportedLoss> awaitLosses(int count, Duration timeout) throws InterruptedException {
    synchronized (lock) {
      await(() -> losses.size() >= count, timeout, () -> "expected at least " + count + " reported losses within "
          + timeout + " but got " + losses.size() + ": " + losses);
      return List.copyOf(losses);
    }
  }

  // Caller holds the lock.
  private void await(BooleanSupplier done, Duration timeout,
      Supplier<String> failure) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new AssertionError(failure.get());
      }
      TimeUnit.NANOSECONDS.timedWait(lock, remaining);
    }
  }

  private final class RecordingEmitter implements ActionEmitter {

    @Override
    public boolean emit(Action action) {
      // The runtime would count a null and carry on; a test wants to see the bug.
      Objects.requireNonNull(action, "action");
      synchronized (lock) {
        if (actions.size() >= capacity) {
          refused++;
          return false;
        }
        actions.add(action);
        lock.notifyAll();
        return true;
      }
    }

    @Override
    public void reportLoss(long count, String detail) {
      if (count < 1) {
        return;
      }
      synchronized (lock) {
        losses.add(new ReportedLoss(count, String.valueOf(detail)));
        lock.notifyAll();
      }
    }
  }

  /** Configures a {@link RecordingCaptureContext}. Not thread-safe. */
  public static final class Builder {

    private PluginConfig config = PluginConfig.empty();
    private CaptureClock clock = ManualClock.create();
    private Policy policy = TestPolicy.permissive();
    private int capacity = Integer.MAX_VALUE;

    private Builder() {}

    /** The adapter's configuration. */
    public Builder config(PluginConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The adapter's configuration, with keys quoted as {@value #DEFAULT_CONFIG_PREFIX}{@code <key>}. */
    public Builder config(Map<String, String> values) {
      return config(PluginConfig.of(DEFAULT_CONFIG_PREFIX, Objects.requireNonNull(values, "values")));
    }

    /** The clock the adapter stamps with; default a {@link ManualClock}. */
    public Builder clock(CaptureClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The policy the adapter sees; default {@link TestPolicy#permissive()}. */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How many actions to accept before refusing; default unlimited. */
    public Builder capacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException("capacity: must not be negative, got " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    /** Builds the context. */
    public RecordingCaptureContext build() {
      return new RecordingCaptureContext(this);
    }
  }
}
