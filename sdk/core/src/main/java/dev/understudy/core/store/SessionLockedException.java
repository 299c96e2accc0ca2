package dev.understudy.core.store;

/** The session is held by a writer (in this or another process), so it cannot be taken. */
public final class SessionLockedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public SessionLockedException(String message) {
    super(message);
  }
}
