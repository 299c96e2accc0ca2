package dev.understudy.api;

import dev.understudy.proto.v1.Action;
import java.util.List;

/**
 * Receives actions after they are stored, in sequence order: an exporter, a live feed.
 *
 * <p>Threading: each sink has its own delivery thread and its own bounded queue; {@link #accept} is
 * called only on that thread, never on the host's or the pipeline's. It may block: a slow sink only
 * fills its own queue, and what does not fit is dropped for that sink alone and counted. The store is
 * the source of truth, so a sink that needs every record reads it back from the store.
 *
 * <p>Errors: an exception from {@code accept} is counted for the sink and the batch is not retried;
 * delivery continues with the next batch.
 */
public interface Sink {

  /** Takes a batch of stored actions (already through the privacy pipeline). */
  void accept(List<Action> batch) throws Exception;

  /** Called on the delivery thread after the last batch of the session. */
  default void close() throws Exception {}
}
