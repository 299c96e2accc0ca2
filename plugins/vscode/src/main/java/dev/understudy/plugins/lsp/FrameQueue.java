package dev.understudy.plugins.lsp;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands frames to a {@link FrameTap} on a thread of its own, in the order they were offered, from any
 * number of forwarding threads. A proxy shares one between its two pipes, so the tap sees the
 * conversation in the order it crossed the proxy (a response before the changes the editor made
 * because of it).
 *
 * <p>Offering is cheap enough for the forwarding path: a lock-free append of a reference, with no
 * wake-up; the tap thread polls (every {@value #BUSY_PARK_MILLIS} ms while frames are flowing, every
 * {@value #IDLE_PARK_MILLIS} ms after a second without). At most {@code capacity} frames wait; past that
 * new ones are dropped and counted. What the tap throws is counted and logged once; the next frame is
 * offered as usual (fail-open).
 */
final class FrameQueue {
  /** Default number of frames waiting for the tap before new ones are dropped: 1024. */
  static final int DEFAULT_CAPACITY = 1024;
  static final long BUSY_PARK_MILLIS = 1;
  static final long IDLE_PARK_MILLIS = 10;
  private static final long IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Logger LOG = Logger.getLogger(FrameQueue.class.getName());

  private record Entry(Direction direction, LspFrame frame) {}

  private final FrameTap tap;
  private final int capacity;
  private final String threadName;
  private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong drops = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean closed;
  private volatile Thread thread;

  FrameQueue(FrameTap tap, int capacity, String threadName) {
    this.tap = Objects.requireNonNull(tap, "tap");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.threadName = Objects.requireNonNull(threadName, "threadName");
  }

  /** Starts the tap thread; later calls do nothing. */
  synchronized void start() {
    if (thread == null) {
      Thread t = new Thread(this::drain, threadName);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  /** Queues a frame for the tap, or drops and counts it when the queue is full (ignores it once closed). Never blocks. */
  void offer(Direction direction, LspFrame frame) {
    if (closed) {
      return;
    }
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      drops.incrementAndGet();
      return;
    }
    offered.incrementAndGet();
    queue.add(new Entry(direction, frame));
  }

  /** No more frames: the tap thread hands over what is queued, then ends. */
  void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void drain() {
    long lastWork = System.nanoTime();
    while (true) {
      Entry e = queue.poll();
      if (e == null) {
        if (closed && queue.isEmpty()) {
          return;
        }
        boolean idle = System.nanoTime() - lastWork > IDLE_AFTER_NANOS;
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(idle ? IDLE_PARK_MILLIS : BUSY_PARK_MILLIS));
        continue;
      }
      size.decrementAndGet();
      lastWork = System.nanoTime();
      try {
        tap.onFrame(e.direction(), e.frame().body());
      } catch (RuntimeException | Error x) {
        if (errors.incrementAndGet() == 1) {
          LOG.log(Level.WARNING, "LSP frame tap failed; forwarding goes on", x);
        }
      }
      delivered.incrementAndGet();
    }
  }

  /** Waits until every frame offered so far has been handed to the tap; returns whether it was. */
  boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (delivered.get() < offered.get()) {
      Thread t = thread;
      if (System.nanoTime() >= deadline || t == null || !t.isAlive()) {
        return delivered.get() >= offered.get();
      }
      Thread.sleep(1);
    }
    return true;
  }

  /** Waits for the tap thread to end after {@link #close()}; returns whether it has. */
  boolean awaitClosed(long timeoutMillis) throws InterruptedException {
    Thread t = thread;
    if (t == null) {
      return true;
    }
    t.join(Math.max(1, timeoutMillis));
    return !t.isAlive();
  }

  long drops() {
    return drops.get();
  }

  long errors() {
    return errors.get();
  }

  long delivered() {
    return delivered.get();
  }
}
