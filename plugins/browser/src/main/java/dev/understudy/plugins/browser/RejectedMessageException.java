package dev.understudy.plugins.browser;

/** Thrown inside the translator when a message breaks a rule; carries no stack trace (it is control flow). */
final class RejectedMessageException extends Exception {
  private static final long serialVersionUID = 1L;
  private final Rejection reason;

  RejectedMessageException(Rejection reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  Rejection reason() {
    return reason;
  }
}
