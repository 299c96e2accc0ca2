package dev.understudy.core.store;

/** An id prefix matches more than one session. */
public final class AmbiguousSessionException extends StoreException {
  private static final long serialVersionUID = 1L;

  public AmbiguousSessionException(String message) {
    super(message);
  }
}
