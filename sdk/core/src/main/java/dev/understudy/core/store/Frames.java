package dev.understudy.core.store;

/**
 * The segment file format. A segment is a sequence of frames:
 *
 * <pre>
 *   sync     1 byte   {@link #SYNC}
 *   type     1 byte   bits 0-2 frame kind, bits 3-6 flags (actions only), bit 7 zero
 *   length   varint   payload length, at most {@link #MAX_PAYLOAD}
 *   refs     varints  definitions: the ref; actions: source ref if flagged, then target ref if flagged
 *   payload  length bytes
 *   crc      4 bytes  CRC32C, little-endian, of everything above
 * </pre>
 *
 * <p>The CRC covers the header, so a reader that meets a damaged frame can resynchronise: it scans
 * forward for the next sync byte that starts a frame whose CRC checks. A segment opens with a header
 * frame (format version, session id, segment number); definition frames give a Source or Target a
 * ref that later action frames in the same segment use instead of the field. Action payloads are the
 * serialized {@code Action} without the fields the flags say were elided.
 *
 * <p>Encrypted segments (format version {@link #FORMAT_VERSION_ENCRYPTED}): the header frame stays
 * in the clear and adds the cipher and the key id ({@link StoreKey#fingerprint()}); every other
 * frame is inside an encrypted block frame:
 *
 * <pre>
 *   sync     1 byte   {@link #SYNC}
 *   type     1 byte   {@link #KIND_ENCRYPTED_BLOCK}
 *   length   varint   payload length
 *   payload  nonce (12 bytes), then AES-256-GCM ciphertext and 16-byte tag of a run of ordinary
 *            frames (definitions and actions, each with its own header and CRC, as above)
 *   crc      4 bytes  CRC32C of everything above
 * </pre>
 *
 * <p>The GCM associated data is the session id, the segment number (4 bytes, big-endian) and the
 * block frame's offset in the segment file (8 bytes, big-endian), so a block moved elsewhere does
 * not authenticate. The outer CRC keeps torn tails and damage found and skipped the same way in
 * both formats; the tag is what proves a block is what the writer wrote.
 */
final class Frames {

  static final int SYNC = 0xA5;

  static final int KIND_SEGMENT_HEADER = 1;
  static final int KIND_SOURCE_DEF = 2;
  static final int KIND_TARGET_DEF = 3;
  static final int KIND_ACTION = 4;
  static final int KIND_ENCRYPTED_BLOCK = 5;
  static final int KIND_MASK = 0x07;

  /** The action's source is the dictionary entry whose ref follows the length. */
  static final int FLAG_SOURCE_REF = 0x08;
  /** The action's target is the dictionary entry whose ref follows (after the source ref). */
  static final int FLAG_TARGET_REF = 0x10;
  /** The action's id is {@link ActionIds#derive} of its session id, seq and time. */
  static final int FLAG_ID_DERIVED = 0x20;
  /** The action's session id is the session's. */
  static final int FLAG_SESSION_ID = 0x40;

  static final int FORMAT_VERSION = 1;
  /** Header payload: this version, session id, varint segment number, cipher id, key id. */
  static final int FORMAT_VERSION_ENCRYPTED = 2;
  /** The only cipher: AES-256-GCM with 96-bit nonces and 128-bit tags. */
  static final int CIPHER_AES_256_GCM = 1;
  static final int MAX_PAYLOAD = (int) StoreOptions.MAX_SEGMENT_MAX_BYTES;
  /** Largest header: sync, type, three five-byte varints. */
  static final int MAX_HEADER = 2 + 5 + 5 + 5;
  static final int CRC_BYTES = 4;

  private Frames() {}

  static int varintSize(int v) {
    if ((v & ~0x7F) == 0) {
      return 1;
    }
    if ((v & ~0x3FFF) == 0) {
      return 2;
    }
    if ((v & ~0x1FFFFF) == 0) {
      return 3;
    }
    if ((v & ~0xFFFFFFF) == 0) {
      return 4;
    }
    return 5;
  }

  static int writeVarint(byte[] b, int pos, int v) {
    while ((v & ~0x7F) != 0) {
      b[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[pos++] = (byte) v;
    return pos;
  }

  static void writeIntLe(byte[] b, int pos, int v) {
    b[pos] = (byte) v;
    b[pos + 1] = (byte) (v >>> 8);
    b[pos + 2] = (byte) (v >>> 16);
    b[pos + 3] = (byte) (v >>> 24);
  }

  static int readIntLe(byte[] b, int pos) {
    return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16
        | (b[pos + 3] & 0xFF) << 24;
  }

  /**
   * The key id in a segment header frame's payload; null when the segment is not encrypted (or the
   * header is not one this version knows).
   */
  static byte[] headerKeyId(byte[] data, int off, int len) {
    if (len < 1 || data[off] != FORMAT_VERSION_ENCRYPTED) {
      return null;
    }
    int p = off + 1 + SessionId.LENGTH;
    int end = off + len;
    while (p < end && data[p] < 0) {
      p++; // the segment number's varint
    }
    p++;
    if (end - p != 1 + StoreKey.ID_LENGTH || data[p] != CIPHER_AES_256_GCM) {
      return null;
    }
    return java.util.Arrays.copyOfRange(data, p + 1, end);
  }

  static String kindName(int kind) {
    switch (kind) {
      case KIND_SEGMENT_HEADER:
        return "segment header";
      case KIND_SOURCE_DEF:
        return "source definition";
      case KIND_TARGET_DEF:
        return "target definition";
      case KIND_ACTION:
        return "action";
      case KIND_ENCRYPTED_BLOCK:
        return "encrypted block";
      default:
        return "frame kind " + kind;
    }
  }
}
