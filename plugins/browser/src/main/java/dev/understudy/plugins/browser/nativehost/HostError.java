package dev.understudy.plugins.browser.nativehost;

import java.util.Locale;

/** Why the host rejected input from the browser. Every rejection is counted under one of these. */
public enum HostError {
  /** A frame whose length prefix is 0: the browser never sends an empty message. */
  ZERO_LENGTH,
  /** A length prefix with the sign bit set (above 2 GiB): the stream cannot be trusted after it. */
  NEGATIVE_LENGTH,
  /** A frame longer than the host's limit; its bytes are skipped unread. */
  OVERSIZED,
  /** The stream ended inside a length prefix or a frame body. */
  TRUNCATED,
  /** A frame that is not one JSON object in UTF-8. */
  MALFORMED,
  /** A JSON object whose {@code type} the host does not know. */
  UNKNOWN_TYPE,
  /** A message that needs a {@code hello} first, or a hello that came twice. */
  OUT_OF_ORDER,
  /** A hello announcing a protocol version the host does not speak. */
  UNSUPPORTED_PROTOCOL;

  /** The name used in replies and reports: {@code oversized}, {@code out-of-order}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
