package dev.understudy.core.store;

import com.google.protobuf.ByteString;
import dev.understudy.proto.v1.Action;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where the pipeline writes a session's records, in order. The session store's writer is the
 * embedded default; benchmarks and tests supply others.
 *
 * <p>Threading: single writer. Only the pipeline thread calls these methods; implementations need no
 * locking for them. {@link #acknowledgedSeq()} may be read from any thread.
 */
public interface ActionLog extends Closeable {

  /**
   * Buffers a fully stamped record (id, session id, seq set). Not acknowledged until {@link #commit}
   * returns.
   */
  void append(Action action) throws IOException;

  /**
   * Buffers the record {@code unstamped} becomes once stamped with this session id, seq and id: the
   * same as {@link #append(Action)} of the stamped record. The pipeline appends through this, so that a
   * log that leaves the stamps out of what it stores (the session store does) need not copy the record
   * once to put them in and again to take them out. The default stamps and appends.
   *
   * @param unstamped a record with no id, session id or seq set
   * @throws IllegalArgumentException when {@code unstamped} has an id, session id or seq
   */
  default void append(Action unstamped, long seq, ByteString sessionId, ByteString id) throws IOException {
    requireUnstamped(unstamped);
    append(unstamped.toBuilder().setSessionId(sessionId).setSeq(seq).setId(id).build());
  }

  /** Checks the argument of {@link #append(Action, long, ByteString, ByteString)}. */
  static void requireUnstamped(Action unstamped) {
    if (unstamped.getSeq() != 0 || !unstamped.getId().isEmpty() || !unstamped.getSessionId().isEmpty()) {
      throw new IllegalArgumentException("unstamped: the record already has an id, a session id or a seq");
    }
  }

  /**
   * Makes everything appended so far durable to this log's level (written to the OS, or fsynced) and
   * returns the highest acknowledged seq. One call covers many appends: this is the group commit.
   */
  long commit() throws IOException;

  /** The highest seq that {@link #commit} has acknowledged; 0 before the first. Any thread. */
  long acknowledgedSeq();

  /** Commits what is buffered, then releases the log. */
  @Override
  void close() throws IOException;
}
