package dev.understudy.core.store;

import java.util.Objects;

/**
 * What {@link SessionStore#delete} removed.
 *
 * @param id the session
 * @param segmentFiles segment files deleted
 * @param bytes bytes of every file deleted (segments, summary, lock file)
 */
public record DeletedSession(SessionId id, int segmentFiles, long bytes) {

  public DeletedSession {
    Objects.requireNonNull(id, "id");
  }
}
