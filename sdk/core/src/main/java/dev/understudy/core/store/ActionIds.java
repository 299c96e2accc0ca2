package dev.understudy.core.store;

/** Placeholder until the store lands: derives an action id from session, seq and time. */
public final class ActionIds {
  private ActionIds() {}

  /** UUIDv7 layout: 48-bit Unix ms, version 7, 12-bit sub-ms fraction, variant, 62 bits of hash + seq. */
  public static byte[] derive(byte[] sessionId, long seq, long timeUnixNano) {
    long ms = timeUnixNano / 1_000_000L;
    long subMs = ((timeUnixNano % 1_000_000L) * 4096L) / 1_000_000L;
    long hi = (ms << 16) | (0x7L << 12) | (subMs & 0xFFF);
    long h = 0xcbf29ce484222325L;
    for (byte b : sessionId) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    long lo = (0x2L << 62) | ((h + seq) & 0x3FFF_FFFF_FFFF_FFFFL);
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (hi >>> (56 - 8 * i));
      out[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return out;
  }
}
