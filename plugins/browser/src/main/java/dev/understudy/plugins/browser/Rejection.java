package dev.understudy.plugins.browser;

/** Why the translator refused a recorder message. Each is counted; none ends the session. */
public enum Rejection {
  /** Larger than the size limit. */
  OVERSIZED,
  /** Not JSON. */
  NOT_JSON,
  /** JSON, but not an object. */
  NOT_AN_OBJECT,
  /** A format version this translator does not read. */
  VERSION,
  /** No valid recorder instance id. */
  RECORDER_ID,
  /** A sequence number not above the last one from the same recorder: repeated, replayed or out of order. */
  SEQUENCE,
  /** A missing field, a field of the wrong type or length, or an unknown message type. */
  SCHEMA,
  /** The translator failed on the message (a bug): counted so it is visible. */
  INTERNAL
}
