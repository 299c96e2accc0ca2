package dev.understudy.core.consent;

/** No consent matches the id, adapter or app given. */
public final class UnknownConsentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnknownConsentException(String message) {
    super(message);
  }
}
