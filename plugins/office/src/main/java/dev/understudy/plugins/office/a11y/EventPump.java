package dev.understudy.plugins.office.a11y;

import dev.understudy.api.CaptureContext;
import dev.understudy.proto.v1.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries a desktop API's events from the threads it calls back on to one worker that translates and
 * emits them: a bounded queue the callbacks offer to without ever blocking (what does not fit is
 * dropped and counted), a worker that gives the translator every event and, every
 * {@value #TICK_MILLIS} ms, a chance to end held typing, and a loss report once a second — queue
 * drops and the translator's own losses, each with its reason, as gaps.
 *
 * <p>Threading: {@link #offer} and {@link #lose} from any thread; {@link #start} and {@link #stop}
 * from the backend's thread; the translator on the worker only.
 *
 * @param <E> the API's event type
 */
public final class EventPump<E> {
  private static final Logger LOG = Logger.getLogger(EventPump.class.getName());
  /** How long the worker waits for an event before ticking the translator: {@value} ms. */
  public static final long TICK_MILLIS = 100;
  /** How often losses are reported: {@value} ms. */
  public static final long REPORT_MILLIS = 1000;

  /** Turns events into actions on the worker thread. */
  public interface Translator<E> {
    /** The actions one event makes. */
    List<Action> accept(E event);

    /** Actions held long enough (a pause in typing). */
    List<Action> idle(long nowUnixNanos);

    /** Everything still held (the pump is stopping). */
    List<Action> finish();
  }

  private final String name;
  private final int capacity;
  private final BlockingQueue<E> queue;
  private final CaptureContext context;
  private final Translator<E> translator;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong dropsReported = new AtomicLong();
  private final AtomicLong translated = new AtomicLong();
  private final AtomicLong emitted = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger highWater = new java.util.concurrent.atomic.AtomicInteger();
  private final Map<String, Long> losses = new LinkedHashMap<>();
  private volatile boolean stopping;
  private Thread worker;

  /**
   * @param name the API, in thread names and gap details ("AT-SPI", "UI Automation")
   * @param capacity events held at most
   */
  public EventPump(String name, int capacity, CaptureContext context, Translator<E> translator) {
    this.name = Objects.requireNonNull(name, "name");
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.context = Objects.requireNonNull(context, "context");
    this.translator = Objects.requireNonNull(translator, "translator");
  }

  /** Starts the worker. */
  public void start() {
    worker = new Thread(this::work, "understudy-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    worker.setDaemon(true);
    worker.start();
  }

  /** Offers an event; never blocks. Returns false when the queue was full (the drop is counted). */
  public boolean offer(E event) {
    if (stopping) {
      return false;
    }
    if (queue.offer(event)) {
      int size = queue.size();
      if (size > highWater.get()) {
        highWater.accumulateAndGet(size, Math::max);
      }
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  /** Counts one event lost for this reason; reported with the others of the second. */
  public void lose(String reason) {
    synchronized (losses) {
      losses.merge(reason, 1L, Long::sum);
    }
  }

  private void work() {
    long nextReport = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPORT_MILLIS);
    while (true) {
      E e;
      try {
        e = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        if (e != null) {
          translated.incrementAndGet();
          emit(translator.accept(e));
        } else if (stopping) {
          break;
        }
        emit(translator.idle(context.clock().nowUnixNanos()));
      } catch (RuntimeException ex) {
        LOG.log(Level.WARNING, name + " event could not be translated", ex);
        lose(name + " event could not be translated: " + ex);
      }
      if (System.nanoTime() >= nextReport) {
        report();
        nextReport = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPORT_MILLIS);
      }
    }
    try {
      emit(translator.finish());
    } catch (RuntimeException ex) {
      lose(name + " event could not be translated: " + ex);
    }
    report();
  }

  private void emit(List<Action> actions) {
    for (Action a : actions) {
      context.emitter().emit(a);
      emitted.incrementAndGet();
    }
  }

  private void report() {
    long total = dropped.get();
    long overflow = total - dropsReported.getAndSet(total);
    if (overflow > 0) {
      context.emitter().reportLoss(overflow, name + " event queue full (" + capacity + " events): events dropped");
    }
    Map<String, Long> now;
    synchronized (losses) {
      now = new LinkedHashMap<>(losses);
      losses.clear();
    }
    now.forEach((reason, count) -> context.emitter().reportLoss(count, reason));
  }

  /** Stops taking events, lets the worker translate what is queued, end held typing and report; waits up to 5 s. */
  public void stop() {
    stopping = true;
    Thread w = worker;
    if (w != null) {
      try {
        w.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      worker = null;
    }
  }

  /** Events the full queue dropped so far. */
  public long dropped() {
    return dropped.get();
  }

  /** Events the worker took so far. */
  public long translated() {
    return translated.get();
  }

  /** Actions emitted so far. */
  public long emitted() {
    return emitted.get();
  }

  /** The most events that waited at once since the last call, then starts over. */
  public int takeHighWater() {
    return highWater.getAndSet(queue.size());
  }

  /** Events waiting now. */
  public int queued() {
    return queue.size();
  }
}
