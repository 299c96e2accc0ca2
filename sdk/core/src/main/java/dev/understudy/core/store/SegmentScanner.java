package dev.understudy.core.store;

import java.util.zip.CRC32C;

/**
 * Finds the valid frames in a segment's bytes, skipping damage. Each {@link #next} call moves to
 * the next frame whose CRC checks; bytes skipped on the way are reported to the {@link
 * DamageSink}. When {@link #next} returns false, {@link #tailStart} is where the unreadable rest of
 * the buffer begins (the buffer's end when there is none): a torn tail, or on a live segment bytes
 * not yet completely written. Not thread-safe; allocates nothing per frame.
 */
final class SegmentScanner {

  /** Receives byte ranges of the buffer that held no valid frame. */
  interface DamageSink {
    void corrupt(int offset, int length);
  }

  private final CRC32C crc = new CRC32C();
  private final byte[] data;
  private final int end;
  private final DamageSink damage;
  private int pos;
  private int cursor;

  // The current frame, valid after next() returned true.
  int frameStart;
  int frameEnd;
  int kind;
  int flags;
  int ref1;
  int ref2;
  int payloadStart;
  int payloadLength;

  SegmentScanner(byte[] data, int start, int end, DamageSink damage) {
    this.data = data;
    this.pos = start;
    this.end = end;
    this.damage = damage;
  }

  /** Moves to the next valid frame; false at the end or at an unreadable tail. */
  boolean next() {
    if (pos >= end) {
      return false;
    }
    if (parse(pos)) {
      pos = frameEnd;
      return true;
    }
    for (int q = pos + 1; q < end; q++) {
      if ((data[q] & 0xFF) == Frames.SYNC && parse(q)) {
        damage.corrupt(pos, q - pos);
        pos = frameEnd;
        return true;
      }
    }
    return false;
  }

  /** Where the bytes no frame could be read from begin; the buffer's end when all were read. */
  int tailStart() {
    return pos;
  }

  /** Parses the frame at {@code p} into the fields; false when there is no valid frame there. */
  private boolean parse(int p) {
    if ((data[p] & 0xFF) != Frames.SYNC || p + 2 >= end) {
      return false;
    }
    int type = data[p + 1] & 0xFF;
    int k = type & Frames.KIND_MASK;
    int f = type & ~Frames.KIND_MASK;
    if (k < Frames.KIND_SEGMENT_HEADER || k > Frames.KIND_ENCRYPTED_BLOCK || (type & 0x80) != 0
        || (k != Frames.KIND_ACTION && f != 0)) {
      return false;
    }
    cursor = p + 2;
    long len = readVarint();
    if (len < 0 || len > Frames.MAX_PAYLOAD) {
      return false;
    }
    int r1 = 0;
    int r2 = 0;
    if (k == Frames.KIND_SOURCE_DEF || k == Frames.KIND_TARGET_DEF) {
      r1 = (int) readVarint();
      if (r1 < 0) {
        return false;
      }
    } else if (k == Frames.KIND_ACTION) {
      if ((f & Frames.FLAG_SOURCE_REF) != 0 && (r1 = (int) readVarint()) < 0) {
        return false;
      }
      if ((f & Frames.FLAG_TARGET_REF) != 0 && (r2 = (int) readVarint()) < 0) {
        return false;
      }
    }
    int ps = cursor;
    long fe = (long) ps + len + Frames.CRC_BYTES;
    if (fe > end) {
      return false;
    }
    int payloadEnd = ps + (int) len;
    crc.reset();
    crc.update(data, p, payloadEnd - p);
    if ((int) crc.getValue() != Frames.readIntLe(data, payloadEnd)) {
      return false;
    }
    frameStart = p;
    frameEnd = (int) fe;
    kind = k;
    flags = f;
    ref1 = r1;
    ref2 = r2;
    payloadStart = ps;
    payloadLength = (int) len;
    return true;
  }

  /** Reads a varint of at most 5 bytes (31 bits); -1 when it runs past the end or is too long. */
  private long readVarint() {
    int c = cursor;
    long v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (c >= end) {
        return -1;
      }
      int b = data[c++] & 0xFF;
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        cursor = c;
        return v > Integer.MAX_VALUE ? -1 : v;
      }
    }
    return -1;
  }
}
