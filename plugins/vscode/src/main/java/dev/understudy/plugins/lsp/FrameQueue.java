package dev.understudy.plugins.lsp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands frames to a {@link Handler} on a thread of its own, in the order they were offered, from any
 * number of forwarding threads. A proxy shares one between its two pipes, so the tap sees the
 * conversation in the order it crossed the proxy (a response before the changes the editor made
 * because of it).
 *
 * <p>Offering is cheap enough for the forwarding path: a slot in a ring of {@code capacity} frames is
 * claimed with one compare-and-set and the frame's reference published into it, with no allocation, no
 * lock and no wake-up; the tap thread polls (every {@value #BUSY_PARK_MILLIS} ms while frames are
 * flowing, every {@value #IDLE_PARK_MILLIS} ms after a second without). When {@code capacity} frames
 * wait, or the frames waiting hold {@value #DEFAULT_MAX_WAITING_BYTES} bytes or more (unless set), new ones are dropped and
 * counted. The capacity is what absorbs the tap thread's waits for a core on a busy machine (and its
 * slow start, before the JIT has compiled it): the default, {@value #DEFAULT_CAPACITY} frames, is a
 * second of an editor and a fast server exchanging 30,000 small requests a second, the most the
 * proxy's benchmark sends; the ring's slots cost 8 bytes a frame whether used or not. What the handler throws is counted and logged once; the next
 * frame is offered as usual (fail-open).
 */
final class FrameQueue {
  /** Default number of frames waiting for the tap before new ones are dropped: 65536. */
  static final int DEFAULT_CAPACITY = 65_536;
  /** Default bytes the frames waiting for the tap may hold before new ones are dropped: 256 MiB. */
  static final long DEFAULT_MAX_WAITING_BYTES = 256L << 20;
  static final long BUSY_PARK_MILLIS = 1;
  static final long IDLE_PARK_MILLIS = 10;
  private static final long IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Logger LOG = Logger.getLogger(FrameQueue.class.getName());
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(LspFrame[].class);

  /**
   * Receives each frame on the queue's thread: the frame as read, shared with the forwarding thread
   * (read it, do not change it). May throw (counted, logged once) and may block (frames then wait, and
   * past the capacity are dropped).
   */
  @FunctionalInterface
  interface Handler {
    void onFrame(Direction direction, LspFrame frame);
  }

  private final Handler handler;
  private final int capacity;
  private final long maxWaitingBytes;
  private final String threadName;
  private final int mask;
  /** The ring: a slot holds a frame from its claim's publication until the tap thread takes it. */
  private final LspFrame[] frames;
  private final Direction[] directions;
  /** Slots claimed so far (frames offered and not dropped); forwarding threads advance it. */
  private final AtomicLong claimed = new AtomicLong();
  /** Slots taken so far; only the tap thread writes it. */
  private volatile long taken;
  private volatile long delivered;
  /** Bytes of the frames claimed and not yet handed over. */
  private final AtomicLong waitingBytes = new AtomicLong();
  private final AtomicLong drops = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean closed;
  private volatile Thread thread;

  FrameQueue(Handler handler, int capacity, String threadName) {
    this(handler, capacity, DEFAULT_MAX_WAITING_BYTES, threadName);
  }

  FrameQueue(Handler handler, int capacity, long maxWaitingBytes, String threadName) {
    if (maxWaitingBytes < 1) {
      throw new IllegalArgumentException("maxWaitingBytes must be positive, got " + maxWaitingBytes);
    }
    this.maxWaitingBytes = maxWaitingBytes;
    this.handler = Objects.requireNonNull(handler, "handler");
    if (capacity < 1 || capacity > 1 << 30) {
      throw new IllegalArgumentException("capacity must be between 1 and 2^30, got " + capacity);
    }
    this.capacity = capacity;
    this.threadName = Objects.requireNonNull(threadName, "threadName");
    int slots = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
    this.mask = slots - 1;
    this.frames = new LspFrame[slots];
    this.directions = new Direction[slots];
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
    long slot;
    do {
      slot = claimed.get();
      if (slot - taken >= capacity || waitingBytes.get() >= maxWaitingBytes) {
        drops.incrementAndGet();
        return;
      }
    } while (!claimed.compareAndSet(slot, slot + 1));
    waitingBytes.addAndGet(frame.rawBytes().length);
    int i = (int) slot & mask;
    directions[i] = direction;
    SLOT.setRelease(frames, i, frame); // publishes the direction too
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
    long next = taken;
    int spins = 0;
    while (true) {
      int i = (int) next & mask;
      LspFrame frame = (LspFrame) SLOT.getAcquire(frames, i);
      if (frame == null) {
        if (claimed.get() != next) { // claimed, and about to be published
          if (++spins % 64 == 0) {
            Thread.yield(); // its forwarding thread may have lost its core in between
          } else {
            Thread.onSpinWait();
          }
          continue;
        }
        if (closed && claimed.get() == next) {
          return;
        }
        boolean idle = System.nanoTime() - lastWork > IDLE_AFTER_NANOS;
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(idle ? IDLE_PARK_MILLIS : BUSY_PARK_MILLIS));
        continue;
      }
      Direction direction = directions[i];
      directions[i] = null;
      SLOT.setRelease(frames, i, null);
      taken = ++next; // the slot is free for a forwarding thread again
      waitingBytes.addAndGet(-frame.rawBytes().length);
      lastWork = System.nanoTime();
      try {
        handler.onFrame(direction, frame);
      } catch (RuntimeException | Error x) {
        if (errors.incrementAndGet() == 1) {
          LOG.log(Level.WARNING, "LSP frame tap failed; forwarding goes on", x);
        }
      }
      delivered = next;
    }
  }

  /** Waits until every frame offered so far has been handed to the tap; returns whether it was. */
  boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (delivered < claimed.get()) {
      Thread t = thread;
      if (System.nanoTime() >= deadline || t == null || !t.isAlive()) {
        return delivered >= claimed.get();
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
    return delivered;
  }
}
