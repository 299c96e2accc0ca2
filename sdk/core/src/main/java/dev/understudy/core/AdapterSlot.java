package dev.understudy.core;

import dev.understudy.api.ActionEmitter;
import dev.understudy.api.Adapter;
import dev.understudy.api.CaptureClock;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.api.Policy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.GapReason;
import dev.understudy.proto.v1.Source;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One adapter in a recording: its emitter, its context and its counters.
 *
 * <p>Threading: {@link #emit} and {@link #reportLoss} run on the adapter's (host's) threads, any number
 * at once; they only read volatile state, offer to the queue and bump counters. The pipeline thread
 * takes pending losses with {@link #takePendingLoss}.
 */
final class AdapterSlot implements ActionEmitter, CaptureContext {

  private final String name;
  private final String pluginId;
  private final String version;
  private final Set<Capability> capabilities;
  private final PluginConfig config;
  private final CaptureClock clock;
  private final Policy policy;
  private final EmitQueue<Emission> queue;
  /** The adapter's identity as written into every action's source. */
  final Source identity;

  private volatile Adapter adapter;
  private volatile PluginState state = PluginState.CREATED;
  private volatile boolean accepting;
  /** True while the recording is paused; shared by every slot of a recording. */
  private volatile java.util.function.BooleanSupplier paused = () -> false;
  /** Set once consent for this adapter is gone: emits are refused from then on. */
  private volatile boolean consentWithdrawn;
  private final AtomicReference<String> lastError = new AtomicReference<>("");

  private final LongAdder accepted = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder written = new LongAdder();
  /** Emits refused on purpose (paused, consent withdrawn): counted as filtered, not lost. */
  private final LongAdder refusedAtEmit = new LongAdder();
  /** Losses not yet written as a Gap, and when the first of them happened. */
  private final AtomicLong pendingLoss = new AtomicLong();
  private final AtomicLong pendingLossSinceNanos = new AtomicLong();
  /** Why the latest pending loss happened; a Gap takes the reason and detail of the last one. */
  private final AtomicReference<LossCause> pendingLossCause =
      new AtomicReference<>(new LossCause(GapReason.GAP_REASON_UNSPECIFIED, ""));

  AdapterSlot(
      String name,
      String pluginId,
      String version,
      Set<Capability> capabilities,
      PluginConfig config,
      CaptureClock clock,
      Policy policy,
      EmitQueue<Emission> queue) {
    this.name = name;
    this.pluginId = pluginId;
    this.version = version;
    // An EnumSet: the pipeline asks containsAll of it for every action.
    this.capabilities = capabilities.isEmpty()
        ? java.util.Collections.unmodifiableSet(java.util.EnumSet.noneOf(Capability.class))
        : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(capabilities));
    this.config = config;
    this.clock = clock;
    this.policy = policy;
    this.queue = queue;
    this.identity = Source.newBuilder().setAdapterId(name).setAdapterVersion(version).build();
  }

  @Override
  public boolean emit(Action action) {
    try {
      if (action == null) {
        errors.increment();
        lastError.set("emit(null)");
        return false;
      }
      if (consentWithdrawn || paused.getAsBoolean()) {
        refusedAtEmit.increment();
        return false;
      }
      if (!accepting) {
        loss(1, GapReason.GAP_REASON_SHUTDOWN, state == PluginState.CREATED ? "emitted before start" : "emitted after stop");
        return false;
      }
      if (queue.offer(new Emission(action, clock.nowUnixNanos(), this))) {
        accepted.increment();
        return true;
      }
      loss(1, GapReason.GAP_REASON_QUEUE_FULL, "queue full");
      return false;
    } catch (RuntimeException e) {
      // emit() never throws into the host application.
      errors.increment();
      lastError.set(String.valueOf(e));
      return false;
    }
  }

  @Override
  public void reportLoss(long count, String detail) {
    if (count < 1) {
      return;
    }
    loss(count, GapReason.GAP_REASON_ADAPTER_REPORTED, detail == null || detail.isBlank() ? "reported by adapter" : detail);
  }

  private void loss(long count, GapReason reason, String detail) {
    dropped.add(count);
    pendingLossSinceNanos.compareAndSet(0, clock.nowUnixNanos());
    pendingLossCause.set(new LossCause(reason, detail));
    pendingLoss.addAndGet(count);
  }

  /**
   * Takes the losses not yet recorded. Pipeline thread only.
   *
   * @return {@code null} when there are none
   */
  PendingLoss takePendingLoss() {
    long count = pendingLoss.getAndSet(0);
    if (count == 0) {
      return null;
    }
    long since = pendingLossSinceNanos.getAndSet(0);
    LossCause cause = pendingLossCause.get();
    return new PendingLoss(count, since == 0 ? clock.nowUnixNanos() : since, cause.reason(), cause.detail());
  }

  /** Losses taken from a slot, to be written as one Gap. */
  record PendingLoss(long count, long sinceUnixNanos, GapReason reason, String detail) {}

  private record LossCause(GapReason reason, String detail) {}

  // Pipeline thread only: the last source stamped, so an unchanged source is one shared instance
  // (cheap for the store's dictionary to recognise) instead of a new message per action.
  private Source lastSourceIn;
  private Source lastSourceOut;

  /** Pipeline thread: the action's source with this adapter's id and version written in. */
  Source stampedSource(Source in) {
    if (in != lastSourceIn && !in.equals(lastSourceIn)) {
      lastSourceIn = in;
      lastSourceOut = in.toBuilder().setAdapterId(name).setAdapterVersion(version).build();
    }
    return lastSourceOut;
  }

  /** Pipeline thread: one of this adapter's actions reached the store. */
  void countWritten() {
    written.increment();
  }

  /** Pipeline thread: one of this adapter's actions was refused (capability); the Gap is written by the caller. */
  void countRefused() {
    dropped.increment();
  }

  /** Emits refused on purpose (paused or no consent). */
  long refusedAtEmitCount() {
    return refusedAtEmit.sum();
  }

  void pausedBy(java.util.function.BooleanSupplier paused) {
    this.paused = paused;
  }

  /** Refuses every emit from now on; the adapter is being stopped because its consent is gone. */
  void withdrawConsent(String reason) {
    consentWithdrawn = true;
    lastError.set(reason);
    state = PluginState.NO_CONSENT;
  }

  boolean consentWithdrawn() {
    return consentWithdrawn;
  }

  long writtenCount() {
    return written.sum();
  }

  void recordError(Throwable error) {
    errors.increment();
    lastError.set(String.valueOf(error));
  }

  void attach(Adapter adapter) {
    this.adapter = adapter;
  }

  Adapter adapter() {
    return adapter;
  }

  void setState(PluginState state) {
    this.state = state;
  }

  PluginState state() {
    return state;
  }

  void setAccepting(boolean accepting) {
    this.accepting = accepting;
  }

  String name() {
    return name;
  }

  String pluginId() {
    return pluginId;
  }

  String version() {
    return version;
  }

  Set<Capability> capabilities() {
    return capabilities;
  }

  long droppedCount() {
    return dropped.sum();
  }

  long errorCount() {
    return errors.sum();
  }

  PluginStats stats() {
    return new PluginStats(name, "adapter", state, accepted.sum(), dropped.sum(), errors.sum(), lastError.get());
  }

  @Override
  public ActionEmitter emitter() {
    return this;
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
}
