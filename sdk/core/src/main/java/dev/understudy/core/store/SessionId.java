package dev.understudy.core.store;

import dev.understudy.api.CaptureClock;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A session's 16-byte id, laid out as a UUIDv7 (48-bit Unix milliseconds first), so ids and the
 * session directories named after them sort by start time. Its text form is the canonical
 * lower-case UUID string, {@code 0190f3a2-7c4e-7b1d-9a8e-2f4c6d8e0a1b}.
 */
public final class SessionId implements Comparable<SessionId> {

  /** Length of an id in bytes. */
  public static final int LENGTH = 16;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private SessionId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}, which must be 16 long. */
  public static SessionId of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("session id must be 16 bytes, got " + bytes.length);
    }
    return new SessionId(bytes.clone());
  }

  /** A new time-ordered id: the clock's milliseconds, then random bits (UUIDv7). */
  public static SessionId generate(CaptureClock clock) {
    Objects.requireNonNull(clock, "clock");
    byte[] b = new byte[LENGTH];
    RANDOM.nextBytes(b);
    long ms = Math.floorDiv(clock.nowUnixNanos(), 1_000_000L);
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (ms >>> (40 - 8 * i));
    }
    b[6] = (byte) (0x70 | (b[6] & 0x0F));
    b[8] = (byte) (0x80 | (b[8] & 0x3F));
    return new SessionId(b);
  }

  /**
   * Parses the canonical UUID string (case-insensitive), or the same 32 hex digits without
   * hyphens.
   *
   * @throws IllegalArgumentException naming the text when it is not an id
   */
  public static SessionId parse(String text) {
    Objects.requireNonNull(text, "text");
    String hex = compactHex(text);
    if (hex == null || hex.length() != 2 * LENGTH
        || (text.length() == 36 && !canonicalHyphens(text))) {
      throw new IllegalArgumentException("not a session id: '" + text + "'");
    }
    return new SessionId(HEX.parseHex(hex));
  }

  /** Returns the text as lower-case hex without hyphens, or null when it holds other characters. */
  static String compactHex(String text) {
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if (c == '-') {
        continue;
      }
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return null;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean canonicalHyphens(String text) {
    return text.charAt(8) == '-' && text.charAt(13) == '-' && text.charAt(18) == '-'
        && text.charAt(23) == '-';
  }

  /** A copy of the 16 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without copying; callers in this package must not modify them. */
  byte[] rawBytes() {
    return bytes;
  }

  /** The Unix milliseconds in the first 48 bits. */
  public long unixMillis() {
    long ms = 0;
    for (int i = 0; i < 6; i++) {
      ms = (ms << 8) | (bytes[i] & 0xFF);
    }
    return ms;
  }

  /** The canonical lower-case UUID string. */
  @Override
  public String toString() {
    String h = HEX.formatHex(bytes);
    return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-'
        + h.substring(16, 20) + '-' + h.substring(20);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionId && Arrays.equals(bytes, ((SessionId) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Unsigned byte order, which for UUIDv7 ids is start-time order. */
  @Override
  public int compareTo(SessionId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }
}
