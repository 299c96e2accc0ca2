package dev.understudy.core.store;

import java.util.Objects;

/**
 * Derives an action's id from where it sits in its session, so the store need not keep ids the
 * runtime assigned this way (it restores them on read; any other id is stored as given).
 *
 * <p>Layout (UUIDv7): 48 bits of Unix milliseconds of {@code time_unix_nano}; version 7; 12 bits of
 * sub-millisecond fraction ({@code nanos-within-ms * 4096 / 1_000_000}); variant {@code 0b10}; the 62
 * low bits of a 64-bit hash of the session id and seq. Same inputs, same id, on every platform.
 */
public final class ActionIds {

  private ActionIds() {}

  /** Returns the 16-byte id for the action at {@code seq} of the session, at the given time. */
  public static byte[] derive(byte[] sessionId, long seq, long timeUnixNano) {
    Objects.requireNonNull(sessionId, "sessionId");
    byte[] out = new byte[16];
    deriveInto(sessionHash(sessionId), seq, timeUnixNano, out);
    return out;
  }

  /** As {@link #derive}, writing into {@code out} (16 bytes) to spare an allocation. */
  static void deriveInto(long sessionHash, long seq, long timeUnixNano, byte[] out) {
    long ms = Math.floorDiv(timeUnixNano, 1_000_000L);
    long subMs = Math.floorMod(timeUnixNano, 1_000_000L);
    int frac = (int) (subMs * 4096 / 1_000_000L);
    long hash = mix(sessionHash ^ seq);
    out[0] = (byte) (ms >>> 40);
    out[1] = (byte) (ms >>> 32);
    out[2] = (byte) (ms >>> 24);
    out[3] = (byte) (ms >>> 16);
    out[4] = (byte) (ms >>> 8);
    out[5] = (byte) ms;
    out[6] = (byte) (0x70 | (frac >>> 8));
    out[7] = (byte) frac;
    out[8] = (byte) (0x80 | ((hash >>> 56) & 0x3F));
    for (int i = 9; i < 16; i++) {
      out[i] = (byte) (hash >>> (8 * (15 - i)));
    }
  }

  /**
   * The session's half of the hash: FNV-1a over its bytes, then a SplitMix64 finalizer. The id's
   * hash is {@code mix(sessionHash ^ seq)}; the writer computes this half once per session.
   */
  static long sessionHash(byte[] sessionId) {
    long h = 0xCBF29CE484222325L;
    for (byte b : sessionId) {
      h = (h ^ (b & 0xFF)) * 0x100000001B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
