package dev.understudy.plugins.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies LSP frames one way, byte for byte: each frame's exact bytes are written and flushed to the
 * output as soon as the frame is read. A {@link FrameTap} sees each frame's body on a thread of its own
 * (see {@link FrameQueue}): the forwarding thread only appends a reference to a lock-free queue
 * (capacity {@value #DEFAULT_TAP_QUEUE_CAPACITY} unless set) before writing, and never waits for the tap;
 * when the queue is full the frame is dropped for the tap only, and counted. Queuing just before the
 * write means that across a proxy's two pipes, which share one queue, the tap sees frames in the order
 * they crossed: an answer before the changes the editor made because of it. A frame whose write fails
 * has been queued too: the other side never got it, but it was sent.
 *
 * <p>On malformed input (see {@link LspFrameException}) the pipe stops and reports the error rather than
 * forwarding further: a byte stream with a bad {@code Content-Length} cannot be resynchronised, so
 * anything sent after it would be guesswork. The frames before it have been forwarded intact.
 *
 * <p>{@link #run()} is called once, on the forwarding thread; the counters may be read from any thread.
 * The pipe does not close its streams; its owner does.
 */
public final class TransparentPipe {
  /** Default number of frames waiting for the tap before new ones are dropped. */
  public static final int DEFAULT_TAP_QUEUE_CAPACITY = FrameQueue.DEFAULT_CAPACITY;

  private static final Logger LOG = Logger.getLogger(TransparentPipe.class.getName());

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
  private final boolean tapped;
  private final FrameQueue tapQueue;
  /** Whether this pipe made its queue (and so starts and closes it) or shares its owner's. */
  private final boolean ownQueue;
  private final int maxHeaderBytes;
  private final int maxBodyBytes;
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile boolean started;

  private TransparentPipe(Builder b) {
    this.direction = b.direction;
    this.in = b.in;
    this.out = b.out;
    this.maxHeaderBytes = b.maxHeaderBytes;
    this.maxBodyBytes = b.maxBodyBytes;
    this.ownQueue = b.sharedQueue == null;
    this.tapQueue = ownQueue
        ? new FrameQueue(copying(b.tap), b.tapQueueCapacity, "understudy-lsp-tap-" + direction.name().toLowerCase(java.util.Locale.ROOT))
        : b.sharedQueue;
    this.tapped = b.tap != FrameTap.NONE || !ownQueue;
  }

  /** Hands a tap each frame's body as the private copy {@link FrameTap} promises. */
  static FrameQueue.Handler copying(FrameTap tap) {
    return (direction, frame) -> tap.onFrame(direction, frame.body());
  }

  /** A builder; direction, input and output are required. */
  public static Builder builder(Direction direction, InputStream in, OutputStream out) {
    return new Builder(direction, in, out);
  }

  /**
   * Forwards frames until the input ends or fails, then returns how it ended. Blocks the calling thread.
   * The tap thread hands over what is queued and then stops (see {@link #awaitTap}), unless the queue is
   * shared, when its owner stops it.
   */
  public Result run() {
    if (started) {
      throw new IllegalStateException("run() may be called once");
    }
    started = true;
    if (ownQueue && tapped) {
      tapQueue.start();
    }
    try {
      return forward();
    } finally {
      if (ownQueue) {
        tapQueue.close();
      }
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
      if (tapped) {
        tapQueue.offer(direction, frame);
      }
      try {
        out.write(frame.rawBytes());
        out.flush();
      } catch (IOException e) {
        return new Result(End.OUTPUT_FAILED, e);
      }
      frames.incrementAndGet();
      bytes.addAndGet(frame.rawBytes().length);
    }
  }

  /**
   * Waits up to {@code timeoutMillis} for the tap to be handed what was queued: after forwarding ended
   * for a pipe with its own queue, else everything queued so far.
   *
   * @return whether the tap caught up
   */
  public boolean awaitTap(long timeoutMillis) throws InterruptedException {
    return ownQueue ? tapQueue.awaitClosed(timeoutMillis) : tapQueue.awaitIdle(timeoutMillis);
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

  /** Frames the tap never saw because its queue was full (for a shared queue: of both pipes). */
  public long tapDrops() {
    return tapQueue.drops();
  }

  /** Frames the tap threw on (for a shared queue: of both pipes). */
  public long tapErrors() {
    return tapQueue.errors();
  }

  /** Frames handed to the tap, whether or not it threw (for a shared queue: of both pipes). */
  public long tapDelivered() {
    return tapQueue.delivered();
  }

  /** Builds a {@link TransparentPipe}. */
  public static final class Builder {
    private final Direction direction;
    private final InputStream in;
    private final OutputStream out;
    private FrameTap tap = FrameTap.NONE;
    private FrameQueue sharedQueue;
    private int tapQueueCapacity = DEFAULT_TAP_QUEUE_CAPACITY;
    private int maxHeaderBytes = LspFrameReader.DEFAULT_MAX_HEADER_BYTES;
    private int maxBodyBytes = LspFrameReader.DEFAULT_MAX_BODY_BYTES;

    private Builder(Direction direction, InputStream in, OutputStream out) {
      this.direction = Objects.requireNonNull(direction, "direction");
      this.in = Objects.requireNonNull(in, "in");
      this.out = Objects.requireNonNull(out, "out");
    }

    /** Receives each forwarded frame's body; default {@link FrameTap#NONE}. */
    public Builder tap(FrameTap tap) {
      this.tap = Objects.requireNonNull(tap, "tap");
      return this;
    }

    /** Frames waiting for the tap before new ones are dropped; default {@value TransparentPipe#DEFAULT_TAP_QUEUE_CAPACITY}. */
    public Builder tapQueueCapacity(int tapQueueCapacity) {
      if (tapQueueCapacity < 1) {
        throw new IllegalArgumentException("tapQueueCapacity must be positive, got " + tapQueueCapacity);
      }
      this.tapQueueCapacity = tapQueueCapacity;
      return this;
    }

    /** Queues frames on a queue its owner shares with another pipe, starts and closes; replaces {@link #tap}. */
    Builder sharedTapQueue(FrameQueue queue) {
      this.sharedQueue = Objects.requireNonNull(queue, "queue");
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
