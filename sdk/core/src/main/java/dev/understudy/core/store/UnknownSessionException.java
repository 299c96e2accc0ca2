package dev.understudy.core.store;

/** No session matches the id or prefix given. */
public final class UnknownSessionException extends StoreException {
  private static final long serialVersionUID = 1L;

  public UnknownSessionException(String message) {
    super(message);
  }
}
