package dev.understudy.core.store;

import java.util.Objects;

/**
 * An encrypted session cannot be read: no key was given, or the key given is not the one the
 * session was written with (the fingerprints say which). Nothing was decrypted.
 */
public final class SessionKeyException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String sessionKey;
  private final String givenKey;

  private SessionKeyException(String message, String sessionKey, String givenKey) {
    super(message);
    this.sessionKey = sessionKey;
    this.givenKey = givenKey;
  }

  /** No key was given for a session encrypted with the key of this fingerprint ("" when unknown). */
  static SessionKeyException missing(SessionId session, String sessionKey) {
    Objects.requireNonNull(session, "session");
    return new SessionKeyException("session " + session + " is encrypted"
        + (sessionKey.isEmpty() ? "" : " with key " + sessionKey) + " and no key was given",
        sessionKey, "");
  }

  /** The key given is not the session's. */
  static SessionKeyException wrong(SessionId session, String sessionKey, StoreKey given) {
    Objects.requireNonNull(session, "session");
    return new SessionKeyException("session " + session + " is encrypted with key " + sessionKey
        + "; the key given has fingerprint " + given.fingerprint(), sessionKey, given.fingerprint());
  }

  /** True when no key was given at all (rather than a wrong one). */
  public boolean keyMissing() {
    return givenKey.isEmpty();
  }

  /** Fingerprint of the key the session was written with; empty when its header was lost. */
  public String sessionKeyFingerprint() {
    return sessionKey;
  }

  /** Fingerprint of the key given; empty when none was. */
  public String givenKeyFingerprint() {
    return givenKey;
  }
}
