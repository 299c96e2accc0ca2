package dev.understudy.core.retention;

import dev.understudy.core.store.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * Which sessions to forget: one by id, every one started before an instant, or every one whose
 * records include an app.
 *
 * <p>A session's start is the time in its id (a UUIDv7 made when the session was created), so
 * selecting by date needs neither the session's records nor, for encrypted sessions, its key.
 * Selecting by app reads the session's app ids (from its summary file, else its records); an
 * encrypted session is matched only when its key is given.
 */
public final class SessionSelection {

  enum By { SESSION, BEFORE, APP }

  final By by;
  final SessionId session;
  final Instant before;
  final String app;

  private SessionSelection(By by, SessionId session, Instant before, String app) {
    this.by = by;
    this.session = session;
    this.before = before;
    this.app = app;
  }

  /** The session with this id; it must exist. */
  public static SessionSelection session(SessionId id) {
    return new SessionSelection(By.SESSION, Objects.requireNonNull(id, "id"), null, null);
  }

  /** Every session started before {@code instant}. */
  public static SessionSelection startedBefore(Instant instant) {
    return new SessionSelection(By.BEFORE, null, Objects.requireNonNull(instant, "instant"), null);
  }

  /** Every session with a record whose {@code source.app_id} is {@code appId}. */
  public static SessionSelection app(String appId) {
    Objects.requireNonNull(appId, "appId");
    if (appId.isBlank()) {
      throw new IllegalArgumentException("appId must not be blank");
    }
    return new SessionSelection(By.APP, null, null, appId);
  }

  /** One line: what is selected. */
  @Override
  public String toString() {
    switch (by) {
      case SESSION:
        return "session " + session;
      case BEFORE:
        return "sessions started before " + before;
      default:
        return "sessions with records of app " + app;
    }
  }
}
