package dev.understudy.core.store;

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
