package dev.understudy.plugins.office.a11y;

import dev.understudy.api.ActionEmitter;
import dev.understudy.api.ActionRefs;
import dev.understudy.api.CaptureContext;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Observation;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.proto.v1.Source;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends an accessibility-tree observation after a backend's actions: stands between the backend and
 * its emitter, and after an action asks for a snapshot of the active window, taken on a thread of its
 * own (never on the application's callback thread, never on the backend's translating thread). Snapshots
 * are at least {@code spacingMillis} apart (default {@value #DEFAULT_SPACING_MILLIS} ms) and at least
 * {@value #SETTLE_MILLIS} ms after the action (so the screen shows its effect): actions in quicker
 * succession share one snapshot, taken after the last of them. The observation names the action it
 * follows through {@link ActionRefs} (the runtime turns that into {@code parent_id}), carries the
 * action's application and the snapshot root's name as window title.
 *
 * <p>Use only when {@link Snapshots#enabled} says so. Thread-safe; {@link #close} once, from the
 * backend's thread.
 */
public final class SnapshotScheduler implements AutoCloseable {
  /** Least time between two snapshots: {@value} ms. */
  public static final long DEFAULT_SPACING_MILLIS = 1_000;
  /** Least time between an action and its snapshot: {@value} ms. */
  static final long SETTLE_MILLIS = 150;
  private static final Logger LOG = Logger.getLogger(SnapshotScheduler.class.getName());

  /** Takes a snapshot of the active window now, on the scheduler's thread; empty when there is none. */
  @FunctionalInterface
  public interface Taker {
    /** @param after where the action it follows happened (application, window title) */
    Optional<TreeWalk.Result> take(Source after) throws Exception;
  }

  private final ActionEmitter out;
  private final Taker taker;
  private final long spacingNanos;
  private final String name;
  private final ScheduledThreadPoolExecutor thread;
  private final AtomicLong refs = new AtomicLong();
  private final AtomicLong taken = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ActionEmitter emitter = new Emitter();
  private Source pendingSource;
  private String pendingRef;
  private boolean scheduled;
  private boolean closed;
  private long lastNanos;

  /**
   * @param name the backend's name, for the thread and the log
   * @param out where actions and observations go
   * @param taker takes one snapshot
   * @param spacingMillis least time between two snapshots
   * @param loader the context class loader of the snapshot thread (the loader of the API's classes), or null
   */
  public SnapshotScheduler(String name, ActionEmitter out, Taker taker, long spacingMillis, ClassLoader loader) {
    this.name = Objects.requireNonNull(name, "name");
    this.out = Objects.requireNonNull(out, "out");
    this.taker = Objects.requireNonNull(taker, "taker");
    if (spacingMillis < 0) {
      throw new IllegalArgumentException("spacingMillis: must not be negative, got " + spacingMillis);
    }
    this.spacingNanos = TimeUnit.MILLISECONDS.toNanos(spacingMillis);
    this.lastNanos = System.nanoTime() - spacingNanos;
    this.thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "understudy-" + name + "-snapshots");
      t.setDaemon(true);
      if (loader != null) {
        t.setContextClassLoader(loader);
      }
      return t;
    });
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** The emitter the backend uses instead of its context's: actions pass on, and ask for a snapshot. */
  public ActionEmitter emitter() {
    return emitter;
  }

  /** {@code context} with {@link #emitter()} in place of its own emitter. */
  public CaptureContext context(CaptureContext context) {
    return dev.understudy.plugins.office.Contexts.withEmitter(context, emitter);
  }

  /** Snapshots sent so far. */
  public long taken() {
    return taken.get();
  }

  private void request(Source source, String ref) {
    synchronized (this) {
      pendingSource = source;
      pendingRef = ref;
      if (scheduled || closed) {
        return;
      }
      scheduled = true;
      long wait = Math.max(TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS), lastNanos + spacingNanos - System.nanoTime());
      thread.schedule(this::take, wait, TimeUnit.NANOSECONDS);
    }
  }

  private void take() {
    Source source;
    String ref;
    synchronized (this) {
      source = pendingSource;
      ref = pendingRef;
      scheduled = false;
      lastNanos = System.nanoTime();
    }
    Optional<TreeWalk.Result> result;
    try {
      result = taker.take(source);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception | LinkageError e) {
      if (failures.getAndIncrement() == 0) {
        LOG.log(Level.WARNING, name + ": could not take an accessibility snapshot (" + e + "); the actions are"
            + " recorded without it", e);
      }
      return;
    }
    if (result.isEmpty()) {
      return;
    }
    TreeWalk.Result r = result.get();
    Action.Builder a = Action.newBuilder()
        .setSource(Source.newBuilder().setAppId(source.getAppId())
            .setWindowTitle(r.rootName().isEmpty() ? source.getWindowTitle() : r.rootName()))
        .setObservation(Observation.newBuilder().setObservationKind(ObservationKind.OBSERVATION_KIND_ACCESSIBILITY_TREE)
            .setMediaType("application/json").setText(r.json()));
    if (ref != null) {
      a.addAttributes(Attribute.newBuilder().setKey(ActionRefs.PARENT_REF).setValue(ref));
    }
    out.emit(a.build());
    taken.incrementAndGet();
  }

  /** Stops taking snapshots: waits for one being taken, drops those asked for. Never throws. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(TreeWalk.DEFAULT_BUDGET_MILLIS * 2, TimeUnit.MILLISECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }

  private final class Emitter implements ActionEmitter {
    @Override
    public boolean emit(Action action) {
      switch (action.getKindCase()) {
        case OBSERVATION, GAP, SESSION_START, SESSION_END, KIND_NOT_SET -> {
          return out.emit(action);
        }
        // Typed text and values are held back and merged by the runtime: they cannot be a cause.
        case TEXT_EDIT, VALUE_CHANGE -> {
          boolean sent = out.emit(action);
          request(action.getSource(), null);
          return sent;
        }
        default -> {
          String ref = "snapshot:" + refs.incrementAndGet();
          boolean sent = out.emit(action.toBuilder().addAttributes(Attribute.newBuilder().setKey(ActionRefs.REF)
              .setValue(ref)).build());
          request(action.getSource(), ref);
          return sent;
        }
      }
    }

    @Override
    public void reportLoss(long count, String detail) {
      out.reportLoss(count, detail);
    }
  }
}
