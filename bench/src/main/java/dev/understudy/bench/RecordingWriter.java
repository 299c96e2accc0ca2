package dev.understudy.bench;

import dev.understudy.api.ActionEmitter;
import dev.understudy.core.PluginStats;
import dev.understudy.core.Recording;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Ours, end to end: a running {@link Recording} with the session store under a directory; {@link
 * #write} is the host thread's {@code emit}; {@link #acknowledge} waits for the acknowledgement
 * listener to report the seq of the last accepted action.
 *
 * <p>Seqs: the session start record is seq 1, so with no losses the n-th accepted action is seq n+1.
 * A drop writes a Gap record, which also takes a seq, so {@link #acknowledge} refuses to wait once
 * anything was dropped.
 */
final class RecordingWriter implements ActionWriter {

  /** Longest {@link #acknowledge} waits: {@value} seconds. */
  static final long ACK_TIMEOUT_SECONDS = 60;

  private final Recording recording;
  private final ActionEmitter emitter;
  private volatile long acked;
  private volatile Thread waiter;
  /** The seq {@link #waiter} waits for; the listener wakes it only then, not on every commit. */
  private volatile long wanted = Long.MAX_VALUE;
  private long accepted;
  private long dropped;

  private RecordingWriter(Recording.Builder builder, CapturingAdapter adapter, LongConsumer onAck)
      throws IOException {
    this.recording = builder
        .acknowledgementListener(seq -> {
          if (onAck != null) {
            onAck.accept(seq); // before the volatile write, which publishes what it recorded
          }
          acked = seq;
          if (seq >= wanted) {
            Thread w = waiter;
            if (w != null) {
              LockSupport.unpark(w);
            }
          }
        })
        .start();
    this.emitter = adapter.context().emitter();
  }

  /**
   * Starts a recording into a session store under {@code root}.
   *
   * @param queueCapacity the emit queue's capacity
   * @param onAck also called on the pipeline thread after each group commit, or null
   */
  static RecordingWriter start(Path root, Durability durability, int queueCapacity, LongConsumer onAck)
      throws IOException {
    return start(root, durability, queueCapacity, onAck, false);
  }

  /**
   * @param redaction whether the runtime's default redactor runs; without it the figures are those of
   *     the core machinery (queue, pipeline, policy, secure fields, coalescing, store)
   */
  static RecordingWriter start(Path root, Durability durability, int queueCapacity, LongConsumer onAck, boolean redaction)
      throws IOException {
    return start(root, durability, queueCapacity, onAck, redaction, null);
  }

  /** @param policy the privacy policy, or null for the runtime's default */
  static RecordingWriter start(Path root, Durability durability, int queueCapacity, LongConsumer onAck, boolean redaction,
      dev.understudy.api.Policy policy) throws IOException {
    Objects.requireNonNull(root, "root");
    CapturingAdapter adapter = new CapturingAdapter();
    Recording.Builder builder = Recording.builder()
        .storeDirectory(root)
        .durability(durability)
        .queueCapacity(queueCapacity)
        .adapter(adapter, CapturingAdapter.NAME, CapturingAdapter.VERSION);
    if (policy != null) {
      builder.policy(policy);
    }
    if (!redaction) {
      builder.redactor(() -> dev.understudy.core.privacy.redact.Redactor.builder().only().build());
    }
    return new RecordingWriter(builder, adapter, onAck);
  }

  @Override
  public boolean write(Action action) {
    if (emitter.emit(action)) {
      accepted++;
      return true;
    }
    dropped++;
    return false;
  }

  /** The seq the store gives the next accepted action, when nothing was dropped. */
  long nextSeq() {
    return accepted + 2;
  }

  /** The highest seq acknowledged so far. Any thread. */
  long acknowledged() {
    return acked;
  }

  @Override
  public void acknowledge() {
    if (dropped > 0) {
      throw new IllegalStateException(dropped + " actions were dropped; acknowledgement by seq is off");
    }
    long want = accepted + 1;
    if (acked >= want) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_TIMEOUT_SECONDS);
    waiter = Thread.currentThread();
    wanted = want;
    try {
      while (acked < want) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("seq " + want + " not acknowledged within "
              + ACK_TIMEOUT_SECONDS + " s; acknowledged " + acked);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    } finally {
      wanted = Long.MAX_VALUE;
      waiter = null;
    }
  }

  /** The adapter's counters: accepted and dropped by the runtime. */
  PluginStats adapterStats() {
    return recording.stats().plugins().get(0);
  }

  /** The session's directory name in the store. */
  String sessionIdText() {
    return recording.sessionIdText();
  }

  @Override
  public void close() {
    recording.close();
  }
}
