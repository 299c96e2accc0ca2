package dev.understudy.plugins.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies LSP frames one way, byte for byte: each frame's exact bytes are written and flushed to the
 * output first, and only then is a copy of its body offered to a {@link FrameTap} through a bounded queue
 * (capacity {@value #DEFAULT_TAP_QUEUE_CAPACITY} unless set), consumed on a separate daemon thread. The
 * forwarding thread never waits for the tap: when the queue is full the copy is dropped and counted, and
 * what the tap throws is counted and logged. A frame whose write fails is offered to the tap too: the
 * other side never got it, but it was sent.
 *
 * <p>On malformed input (see {@link LspFrameException}) the pipe stops and reports the error rather than
 * forwarding further: a byte stream with a bad {@code Content-Length} cannot be resynchronised, so
 * anything sent after it would be guesswork. The frames before it have been forwarded intact.
 *
 * <p>{@link #run()} is called once, on the forwarding thread; the counters may be read from any thread.
 * The pipe does not close its streams; its owner does.
 */
public final class TransparentPipe {
  /** Default number of frame copies waiting for the tap before new ones are dropped. */
  public static final int DEFAULT_TAP_QUEUE_CAPACITY = 1024;

  private static final Logger LOG = Logger.getLogger(TransparentPipe.class.getName());
  private static final long TAP_POLL_MILLIS = 50;

  /** How a pipe ended. */
  public enum End {
    /** The input ended cleanly between frames. */
    INPUT_CLOSED,
    /** The input was not well-formed LSP framing; {@link Result#error()} is an {@link LspFrameException}. */
    MALFORMED_INPUT,
    /** Reading the input failed. */
    INPUT_FAILED,
    /** Writing the output failed (for example, the other side exited). */
    OUTPUT_FAILED
  }

  /**
   * How a pipe ended, and the error if any.
   *
   * @param end why forwarding stopped
   * @param error the error that stopped it, or {@code null} for {@link End#INPUT_CLOSED}
   */
  public record Result(End end, IOException error) {
    public Result {
      Objects.requireNonNull(end, "end");
    }
  }

  private final Direction direction;
  private final InputStream in;
  private final OutputStream out;
  private final FrameTap tap;
  private final int maxHeaderBytes;
  private final int maxBodyBytes;
  private final BlockingQueue<byte[]> tapQueue;
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong tapDrops = new AtomicLong();
  private final AtomicLong tapErrors = new AtomicLong();
  private final AtomicLong tapDelivered = new AtomicLong();
  private final AtomicLong tapOffered = new AtomicLong();
  private volatile boolean forwardingDone;
  private volatile Thread tapThread;

  private TransparentPipe(Builder b) {
    this.direction = b.direction;
    this.in = b.in;
    this.out = b.out;
    this.tap = b.tap;
    this.maxHeaderBytes = b.maxHeaderBytes;
    this.maxBodyBytes = b.maxBodyBytes;
    this.tapQueue = new ArrayBlockingQueue<>(b.tapQueueCapacity);
  }

  /** A builder; direction, input and output are required. */
  public static Builder builder(Direction direction, InputStream in, OutputStream out) {
    return new Builder(direction, in, out);
  }

  /**
   * Forwards frames until the input ends or fails, then returns how it ended. Blocks the calling thread.
   * Starts the tap thread, which drains what is queued and then stops (see {@link #awaitTap}).
   */
  public Result run() {
    if (tapThread != null) {
      throw new IllegalStateException("run() may be called once");
    }
    Thread t = new Thread(this::drainTap, "understudy-lsp-tap-" + direction.name().toLowerCase());
    t.setDaemon(true);
    tapThread = t;
    t.start();
    try {
      return forward();
    } finally {
      forwardingDone = true;
    }
  }

  private Result forward() {
    LspFrameReader reader = new LspFrameReader(in, maxHeaderBytes, maxBodyBytes);
    while (true) {
      LspFrame frame;
      try {
        frame = reader.next();
      } catch (LspFrameException e) {
        LOG.log(Level.WARNING, "LSP " + direction + ": stopped forwarding on malformed input: " + e.getMessage());
        return new Result(End.MALFORMED_INPUT, e);
      } catch (IOException e) {
        return new Result(End.INPUT_FAILED, e);
      }
      if (frame == null) {
        return new Result(End.INPUT_CLOSED, null);
      }
      try {
        out.write(frame.rawBytes());
        out.flush();
      } catch (IOException e) {
        offer(frame); // the other side did not get it, but it was sent: a request still wants its answer
        return new Result(End.OUTPUT_FAILED, e);
      }
      frames.incrementAndGet();
      bytes.addAndGet(frame.rawBytes().length);
      offer(frame);
    }
  }

  private void offer(LspFrame frame) {
    if (tap == FrameTap.NONE) {
      return;
    }
    if (tapQueue.offer(frame.body())) {
      tapOffered.incrementAndGet();
    } else {
      tapDrops.incrementAndGet();
    }
  }

  private void drainTap() {
    while (true) {
      byte[] body;
      try {
        body = tapQueue.poll(TAP_POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (body == null) {
        if (forwardingDone && tapQueue.isEmpty()) {
          return;
        }
        continue;
      }
      try {
        tap.onFrame(direction, body);
      } catch (RuntimeException | Error e) {
        if (tapErrors.incrementAndGet() == 1) {
          LOG.log(Level.WARNING, "LSP " + direction + ": frame tap failed; forwarding goes on", e);
        }
      }
      tapDelivered.incrementAndGet();
    }
  }

  /**
   * Waits up to {@code timeoutMillis} for the tap thread to finish what was queued after forwarding ended.
   *
   * @return whether the tap thread has finished
   */
  public boolean awaitTap(long timeoutMillis) throws InterruptedException {
    Thread t = tapThread;
    if (t == null) {
      return true;
    }
    t.join(Math.max(1, timeoutMillis));
    return !t.isAlive();
  }

  /**
   * Waits up to {@code timeoutMillis} until the tap has been handed every frame queued so far, while
   * forwarding may go on; for a view of the conversation up to now.
   *
   * @return whether the tap caught up
   */
  public boolean awaitTapIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (tapDelivered.get() < tapOffered.get()) {
      if (System.nanoTime() >= deadline || (tapThread != null && !tapThread.isAlive())) {
        return tapDelivered.get() >= tapOffered.get();
      }
      Thread.sleep(1);
    }
    return true;
  }

  /** Which way this pipe forwards. */
  public Direction direction() {
    return direction;
  }

  /** Frames forwarded. */
  public long frames() {
    return frames.get();
  }

  /** Bytes forwarded, headers included. */
  public long bytes() {
    return bytes.get();
  }

  /** Frame copies dropped because the tap queue was full. */
  public long tapDrops() {
    return tapDrops.get();
  }

  /** Frame copies the tap threw on. */
  public long tapErrors() {
    return tapErrors.get();
  }

  /** Frame copies handed to the tap, whether or not it threw. */
  public long tapDelivered() {
    return tapDelivered.get();
  }

  /** Builds a {@link TransparentPipe}. */
  public static final class Builder {
    private final Direction direction;
    private final InputStream in;
    private final OutputStream out;
    private FrameTap tap = FrameTap.NONE;
    private int tapQueueCapacity = DEFAULT_TAP_QUEUE_CAPACITY;
    private int maxHeaderBytes = LspFrameReader.DEFAULT_MAX_HEADER_BYTES;
    private int maxBodyBytes = LspFrameReader.DEFAULT_MAX_BODY_BYTES;

    private Builder(Direction direction, InputStream in, OutputStream out) {
      this.direction = Objects.requireNonNull(direction, "direction");
      this.in = Objects.requireNonNull(in, "in");
      this.out = Objects.requireNonNull(out, "out");
    }

    /** Receives a copy of each forwarded frame body; default {@link FrameTap#NONE}. */
    public Builder tap(FrameTap tap) {
      this.tap = Objects.requireNonNull(tap, "tap");
      return this;
    }

    /** Frame copies waiting for the tap before new ones are dropped; default {@value TransparentPipe#DEFAULT_TAP_QUEUE_CAPACITY}. */
    public Builder tapQueueCapacity(int tapQueueCapacity) {
      if (tapQueueCapacity < 1) {
        throw new IllegalArgumentException("tapQueueCapacity must be positive, got " + tapQueueCapacity);
      }
      this.tapQueueCapacity = tapQueueCapacity;
      return this;
    }

    /** Limits for each frame; defaults as in {@link LspFrameReader}. */
    public Builder frameLimits(int maxHeaderBytes, int maxBodyBytes) {
      new LspFrameReader(InputStream.nullInputStream(), maxHeaderBytes, maxBodyBytes); // validates
      this.maxHeaderBytes = maxHeaderBytes;
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The pipe. */
    public TransparentPipe build() {
      return new TransparentPipe(this);
    }
  }
}
