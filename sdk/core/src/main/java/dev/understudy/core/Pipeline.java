package dev.understudy.core;

import com.google.protobuf.ByteString;
import dev.understudy.api.CaptureClock;
import dev.understudy.api.Policy;
import dev.understudy.core.privacy.KeystrokeCoalescer;
import dev.understudy.core.privacy.PrivacyStage;
import dev.understudy.core.store.ActionIds;
import dev.understudy.core.store.ActionLog;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.Gap;
import dev.understudy.proto.v1.GapReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves queued actions through capability and policy checks, the processors, the log (group commit)
 * and on to the sinks, on one thread.
 *
 * <p>Threading: one worker thread at a time owns all mutable state here. A watchdog thread abandons a
 * worker stuck in a processor past the timeout: it wins a compare-and-set on the in-flight call,
 * disables the processor, records the lost action as a Gap, and starts a new worker that resumes the
 * batch after the lost action. The abandoned worker, should its call ever return, loses that
 * compare-and-set and exits without touching anything.
 */
final class Pipeline {

  private static final Logger logger = Logger.getLogger(Pipeline.class.getName());
  static final int MAX_BATCH = 1024;
  /**
   * How long the worker sleeps when the queue is empty. Emitters never wake it: waking a parked
   * thread costs the emitting (host) thread several microseconds, so the worker wakes on a timer
   * instead — often while work is arriving, less often once capture has been idle for a while.
   */
  static final long PARK_BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  static final long PARK_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** After this long without work the worker sleeps {@link #PARK_IDLE_NANOS} at a time. */
  static final long IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final EmitQueue<Emission> queue;
  private final ActionLog log;
  private final List<ProcessorSlot> processors;
  private final List<PrivacyStage> stagesBeforeCoalescing;
  private final List<PrivacyStage> stagesAfterCoalescing;
  private final KeystrokeCoalescer<AdapterSlot> coalescer;
  private final CopyOnWriteArrayList<SinkSlot> sinks;
  private final ByteString sessionId;
  private final byte[] sessionIdBytes;
  private final CaptureClock clock;
  private final Policy policy;
  private final long processorTimeoutNanos;
  private final LongConsumer ackListener;

  // Owned by the current worker (handed over by the watchdog; see class comment).
  private long seq;
  private final ArrayList<Emission> batch = new ArrayList<>(MAX_BATCH);
  private int batchIndex;
  private final ArrayList<Action> appended = new ArrayList<>(MAX_BATCH);
  private final Map<String, Gap.Builder> pendingGaps = new LinkedHashMap<>();
  /** Runtime records that found the queue full; written with the gaps. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Action> lateControls = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<AdapterSlot> adapters;
  private final ParentRefs parentRefs = new ParentRefs();
  private boolean storeErrorLogged;
  private final java.util.Set<String> privacyFailureLogged = new java.util.HashSet<>();
  /** Emissions handled since the last commit; moved to {@link #handled} once committed. */
  private long handledSinceCommit;
  /** Records appended since the last commit: what a failed commit loses. */
  private long appendedSinceCommit;

  private long lastWorkNanos = System.nanoTime();
  private final AtomicReference<Call> inCall = new AtomicReference<>();
  private volatile Thread worker;
  private volatile int generation;
  private volatile boolean stopping;
  private final ScheduledExecutorService watchdog;

  private final LongAdder written = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final LongAdder lost = new LongAdder();
  private final LongAdder storeErrors = new LongAdder();
  /** Requests to release held keystroke runs now ({@link #requestRelease}), and the last one served. */
  private final AtomicLong releaseRequests = new AtomicLong();
  private volatile long releaseCompletions;
  /** Emissions fully handled (written, dropped or refused) and committed. */
  private final AtomicLong handled = new AtomicLong();

  /** A processor call in flight, for the watchdog. */
  private record Call(ProcessorSlot processor, long startNanos, int generation) {}

  Pipeline(
      EmitQueue<Emission> queue,
      ActionLog log,
      List<AdapterSlot> adapters,
      List<PrivacyStage> stagesBeforeCoalescing,
      KeystrokeCoalescer<AdapterSlot> coalescer,
      List<PrivacyStage> stagesAfterCoalescing,
      List<ProcessorSlot> processors,
      CopyOnWriteArrayList<SinkSlot> sinks,
      byte[] sessionId,
      CaptureClock clock,
      Policy policy,
      long processorTimeoutNanos,
      LongConsumer ackListener) {
    this.queue = queue;
    this.log = log;
    this.adapters = adapters;
    this.stagesBeforeCoalescing = List.copyOf(stagesBeforeCoalescing);
    this.coalescer = coalescer;
    this.stagesAfterCoalescing = List.copyOf(stagesAfterCoalescing);
    this.processors = processors;
    this.sinks = sinks;
    this.sessionIdBytes = sessionId.clone();
    this.sessionId = ByteString.copyFrom(sessionId);
    this.clock = clock;
    this.policy = policy;
    this.processorTimeoutNanos = processorTimeoutNanos;
    this.ackListener = ackListener;
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "understudy-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Writes a record the runtime itself makes (session start or end) with the next seq. Only before
   * {@link #start()} or after {@link #stop(long)} has returned.
   */
  Action writeControl(Action.Builder record) throws IOException {
    Action unstamped = record.build();
    Action action = stamped(unstamped, append(unstamped, unstamped.getTimeUnixNano()), unstamped.getTimeUnixNano());
    appendedSinceCommit++;
    appended.add(action);
    commitAndDispatch();
    return action;
  }

  /**
   * Queues a record the runtime makes while running (a pause marker) behind the actions already
   * emitted, so readers see it in order. Any thread; never blocks.
   */
  void enqueueControl(Action record) {
    if (!queue.offer(new Emission(record, record.getTimeUnixNano(), null))) {
      lateControls.add(record); // queue full: written with the next gaps, still in the session
    }
  }

  void start() {
    if (!processors.isEmpty()) {
      long period = Math.max(TimeUnit.MILLISECONDS.toNanos(5), processorTimeoutNanos / 4);
      watchdog.scheduleAtFixedRate(this::checkHung, period, period, TimeUnit.NANOSECONDS);
    }
    startWorker();
  }

  private void startWorker() {
    int gen = ++generation;
    Thread t = new Thread(() -> run(gen), "understudy-pipeline-" + gen);
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  /**
   * Stops taking from the queue once it is empty and waits for the worker to finish, then flushes
   * pending gaps. Control thread.
   *
   * @return false if the worker did not finish in time
   */
  boolean stop(long timeoutMillis) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    Thread current;
    while ((current = worker) != null && current.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      current.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      if (worker == current && !current.isAlive()) {
        break;
      }
    }
    watchdog.shutdownNow();
    collectLosses();
    flushGaps();
    commitAndDispatch();
    return true;
  }

  private void run(int gen) {
    try {
      while (gen == generation) {
        if (batchIndex >= batch.size()) {
          batch.clear();
          batchIndex = 0;
          Emission first = queue.poll();
          if (first == null) {
            long now = System.nanoTime();
            LockSupport.parkNanos(now - lastWorkNanos < IDLE_AFTER_NANOS ? PARK_BUSY_NANOS : PARK_IDLE_NANOS);
            first = queue.poll();
          }
          if (first != null) {
            lastWorkNanos = System.nanoTime();
          }
          if (first == null) {
            long releaseWanted = releaseRequests.get();
            if (!releaseHeld(releaseWanted > releaseCompletions || (stopping && queue.isEmpty()), gen)) {
              return;
            }
            collectLosses();
            if (!pendingGaps.isEmpty() || appendedSinceCommit > 0 || !lateControls.isEmpty()) {
              flushGaps();
              commitAndDispatch();
            }
            releaseCompletions = releaseWanted;
            if (stopping && queue.isEmpty()) {
              return;
            }
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        while (batchIndex < batch.size()) {
          Emission next = batch.get(batchIndex);
          if (next.origin() == null) {
            appendControl(next.action());
            batchIndex++;
            continue; // not an emitted action: not counted as handled
          }
          if (!handle(next, gen)) {
            return; // abandoned by the watchdog: the new worker owns everything now
          }
          batchIndex++;
          handledSinceCommit++;
        }
        collectLosses();
        flushGaps();
        commitAndDispatch();
      }
    } catch (Throwable e) {
      // A bug here must not take the recording down silently.
      logger.log(Level.SEVERE, "pipeline worker failed", e);
    }
  }

  /**
   * Runs one emission through the checks and the privacy stages up to the keystroke coalescer, then
   * finishes whatever the coalescer releases.
   *
   * @return false when this worker was abandoned during a processor call
   */
  private boolean handle(Emission emission, int gen) {
    AdapterSlot origin = emission.origin();
    Action action = emission.action();
    Set<Capability> required = CapabilityRules.required(action);
    if (required == null || !origin.capabilities().containsAll(required)) {
      String what = required == null ? "kind " + action.getKindCase() + " is not for adapters" : "needs " + required;
      origin.recordError(new IllegalStateException("capability violation: " + what));
      origin.countRefused();
      addGap(GapReason.GAP_REASON_CAPABILITY_VIOLATION, origin.name(), 1, emission.observedUnixNanos(), what);
      lost.increment();
      return true;
    }
    Action.Builder builder = action.toBuilder().clearId().clearSeq().clearSessionId();
    long time = action.getTimeUnixNano();
    if (time == 0) {
      time = emission.observedUnixNanos();
      builder.setTimeUnixNano(time).clearObservedTimeUnixNano();
    } else if (time != emission.observedUnixNanos()) {
      builder.setObservedTimeUnixNano(emission.observedUnixNanos());
    }
    builder.setSource(origin.stampedSource(action.getSource()));
    if (builder.getAttributesCount() > 0) {
      parentRefs.resolveParent(builder, origin.name());
    }
    Action current = runStages(stagesBeforeCoalescing, builder.build());
    if (current == null) {
      return true;
    }
    // After the policy stage, so that it may clear a refused field (clipboard content) and keep the
    // rest; what still needs a refused capability is dropped whole.
    if (current != action) {
      required = CapabilityRules.required(current);
    }
    if (required == null) {
      filtered.increment();
      return true;
    }
    for (Capability capability : required) {
      if (!policy.allows(capability)) {
        filtered.increment();
        return true;
      }
    }
    for (KeystrokeCoalescer.Released<AdapterSlot> ready : coalescer.offer(current, origin, System.nanoTime())) {
      if (!finish(ready.action(), ready.origin(), gen)) {
        return false;
      }
    }
    return true;
  }

  /** Releases keystroke runs idle past the window (or all, at the end) and finishes them. */
  private boolean releaseHeld(boolean all, int gen) {
    if (!coalescer.holding()) {
      return true;
    }
    List<KeystrokeCoalescer.Released<AdapterSlot>> ready =
        all ? coalescer.releaseAll() : coalescer.releaseIdle(System.nanoTime());
    for (KeystrokeCoalescer.Released<AdapterSlot> r : ready) {
      if (!finish(r.action(), r.origin(), gen)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs the privacy stages after coalescing, then the processors, then stamps and appends.
   *
   * @return false when this worker was abandoned during a processor call
   */
  private boolean finish(Action action, AdapterSlot origin, int gen) {
    long time = action.getTimeUnixNano();
    Action current = runStages(stagesAfterCoalescing, action);
    if (current == null) {
      return true;
    }
    for (ProcessorSlot slot : processors) {
      if (!slot.enabled()) {
        continue;
      }
      Call call = new Call(slot, System.nanoTime(), gen);
      inCall.set(call);
      Action out;
      try {
        slot.countSeen();
        out = slot.processor.process(current);
      } catch (Throwable e) {
        if (!inCall.compareAndSet(call, null)) {
          return false;
        }
        slot.recordError(e);
        addGap(GapReason.GAP_REASON_PROCESSOR_FAILED, slot.name, 1, time, String.valueOf(e));
        lost.increment();
        return true;
      }
      if (!inCall.compareAndSet(call, null)) {
        return false;
      }
      if (out == null) {
        slot.countDropped();
        filtered.increment();
        return true;
      }
      current = out;
    }
    boolean stampedByProcessor = current.getSeq() != 0 || !current.getId().isEmpty() || !current.getSessionId().isEmpty();
    String ref = null;
    if (stampedByProcessor || ParentRefs.hasRef(current)) {
      Action.Builder b = current.toBuilder();
      if (stampedByProcessor) {
        // A processor stamped it: the runtime's stamps win, as they always have.
        b.clearSeq().clearId().clearSessionId();
      }
      ref = ParentRefs.takeRef(b);
      current = b.build();
    }
    long appendedSeq;
    try {
      appendedSeq = append(current, time);
      appendedSinceCommit++;
    } catch (IOException | RuntimeException e) {
      storeFailed(e, 1, time);
      return true;
    }
    if (ref != null) {
      parentRefs.remember(origin.name(), ref, id(appendedSeq, time));
    }
    written.increment();
    origin.countWritten();
    if (!sinks.isEmpty()) {
      appended.add(stamped(current, appendedSeq, time));
    }
    return true;
  }

  /** Runs privacy stages in order; null when one dropped the action (counted here). Fail-closed. */
  private Action runStages(List<PrivacyStage> stages, Action action) {
    Action current = action;
    for (PrivacyStage stage : stages) {
      try {
        current = stage.apply(current);
      } catch (Throwable e) {
        // Fail closed: an action a privacy step could not handle is not stored.
        addGap(GapReason.GAP_REASON_PROCESSOR_FAILED, "privacy:" + stage.name(), 1, action.getTimeUnixNano(), String.valueOf(e));
        lost.increment();
        logPrivacyFailureOnce(stage, e);
        return null;
      }
      if (current == null) {
        filtered.increment();
        return null;
      }
    }
    return current;
  }

  /**
   * Gives the record the next seq and appends it stamped with it, the session id and the id derived
   * from both and the time; the log makes the stamped record (or leaves the stamps out of what it
   * stores) without the pipeline copying it first.
   *
   * @return the seq given
   */
  private long append(Action unstamped, long time) throws IOException {
    long next = ++seq;
    log.append(unstamped, next, sessionId, id(next, time));
    return next;
  }

  /** The record as appended with this seq: for the sinks and the caller of {@link #writeControl}. */
  private Action stamped(Action unstamped, long appendedSeq, long time) {
    return unstamped.toBuilder().setSessionId(sessionId).setSeq(appendedSeq).setId(id(appendedSeq, time)).build();
  }

  private ByteString id(long seq, long time) {
    return ByteString.copyFrom(ActionIds.derive(sessionIdBytes, seq, time));
  }

  /** Watchdog thread: abandons a worker stuck in a processor call. */
  private void checkHung() {
    Call call = inCall.get();
    if (call == null || call.generation() != generation) {
      return;
    }
    long elapsed = System.nanoTime() - call.startNanos();
    if (elapsed < processorTimeoutNanos || !inCall.compareAndSet(call, null)) {
      return;
    }
    // We own the pipeline state now: the stuck worker will find its call taken and exit.
    String detail = "processor '" + call.processor().name + "' did not return within "
        + TimeUnit.NANOSECONDS.toMillis(processorTimeoutNanos) + " ms; disabled for this session";
    logger.warning(detail);
    call.processor().disable(PluginState.TIMED_OUT);
    call.processor().recordTimeout(detail);
    Emission stuck = batch.get(batchIndex);
    addGap(GapReason.GAP_REASON_PROCESSOR_TIMEOUT, call.processor().name, 1, stuck.observedUnixNanos(), detail);
    lost.increment();
    batchIndex++;
    handledSinceCommit++;
    startWorker();
  }

  private void collectLosses() {
    for (AdapterSlot slot : adapters) {
      AdapterSlot.PendingLoss loss = slot.takePendingLoss();
      if (loss != null) {
        addGap(loss.reason(), slot.name(), loss.count(), loss.sinceUnixNanos(), loss.detail());
        lost.add(loss.count());
      }
    }
  }

  private void addGap(GapReason reason, String pluginId, long count, long sinceUnixNanos, String detail) {
    long now = clock.nowUnixNanos();
    Gap.Builder gap = pendingGaps.computeIfAbsent(
        reason.getNumber() + "/" + pluginId,
        k -> Gap.newBuilder().setGapReason(reason).setPluginId(pluginId).setStartTimeUnixNano(sinceUnixNanos));
    gap.setCount(gap.getCount() + count).setEndTimeUnixNano(now).setDetail(detail);
  }

  /** Stamps and appends a record the runtime makes (a gap, a pause marker). */
  private void appendControl(Action record) {
    try {
      long appendedSeq = append(record, record.getTimeUnixNano());
      appendedSinceCommit++;
      if (!sinks.isEmpty()) {
        appended.add(stamped(record, appendedSeq, record.getTimeUnixNano()));
      }
    } catch (IOException | RuntimeException e) {
      storeFailed(e, 0, record.getTimeUnixNano());
    }
  }

  private void flushGaps() {
    Action late;
    while ((late = lateControls.poll()) != null) {
      appendControl(late);
    }
    if (pendingGaps.isEmpty()) {
      return;
    }
    long now = clock.nowUnixNanos();
    for (Gap.Builder gap : pendingGaps.values()) {
      appendControl(Action.newBuilder().setTimeUnixNano(now).setGap(gap).build());
    }
    pendingGaps.clear();
  }

  private void commitAndDispatch() {
    long acked;
    try {
      acked = log.commit();
    } catch (IOException | RuntimeException e) {
      storeFailed(e, appendedSinceCommit, clock.nowUnixNanos());
      appendedSinceCommit = 0;
      appended.clear();
      handled.addAndGet(handledSinceCommit);
      handledSinceCommit = 0;
      return;
    }
    appendedSinceCommit = 0;
    handled.addAndGet(handledSinceCommit);
    handledSinceCommit = 0;
    for (int i = 0; i < appended.size(); i++) {
      Action action = appended.get(i);
      for (SinkSlot sink : sinks) {
        sink.offer(action);
      }
    }
    appended.clear();
    if (ackListener != null) {
      try {
        ackListener.accept(acked);
      } catch (RuntimeException e) {
        logger.log(Level.WARNING, "acknowledgement listener threw", e);
      }
    }
  }

  private void logPrivacyFailureOnce(PrivacyStage stage, Throwable e) {
    if (privacyFailureLogged.add(stage.name())) {
      logger.log(Level.SEVERE, "privacy stage '" + stage.name() + "' failed; the action was dropped, further failures are only counted", e);
    }
  }

  private void storeFailed(Exception e, long count, long time) {
    storeErrors.increment();
    if (count > 0) {
      lost.add(count);
      addGap(GapReason.GAP_REASON_STORE_FAILED, "store", count, time, String.valueOf(e));
    }
    if (!storeErrorLogged) {
      storeErrorLogged = true;
      logger.log(Level.SEVERE, "writing to the session store failed; further failures are only counted", e);
    }
  }

  /**
   * Asks the worker to release held keystroke runs at its next idle moment and commit them; returns
   * a ticket that {@link #releaseServed} reports on. Any thread.
   */
  long requestRelease() {
    return releaseRequests.incrementAndGet();
  }

  /** Whether the release asked for with this ticket has been committed. */
  boolean releaseServed(long ticket) {
    return releaseCompletions >= ticket;
  }

  long written() {
    return written.sum();
  }

  long filtered() {
    return filtered.sum();
  }

  long lost() {
    return lost.sum();
  }

  long storeErrors() {
    return storeErrors.sum();
  }

  long handled() {
    return handled.get();
  }

  long lastSeq() {
    return seq;
  }
}
