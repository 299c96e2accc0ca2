package dev.understudy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Bytes on disk of each action record in a session's segments, read from the documented frame
 * format (sync, type, varint length, refs, payload, CRC32C): the action's frame plus the dictionary
 * definition frames written just before it (a definition is written once per segment, before the
 * first action that uses it, and is charged to that action). Segment headers are charged to no one.
 * Refuses anything that does not parse and check, so the figure is never computed from garbage.
 */
final class SegmentFrames {

  private static final int SYNC = 0xA5;
  private static final int KIND_HEADER = 1;
  private static final int KIND_SOURCE_DEF = 2;
  private static final int KIND_TARGET_DEF = 3;
  private static final int KIND_ACTION = 4;
  private static final int FLAG_SOURCE_REF = 0x08;
  private static final int FLAG_TARGET_REF = 0x10;

  private SegmentFrames() {}

  /** The segment files of the session directory, in order. */
  static List<Path> segments(Path sessionDir) throws IOException {
    try (Stream<Path> files = Files.list(sessionDir)) {
      return files.filter(p -> p.getFileName().toString().matches("seg-\\d+\\.log")).sorted().toList();
    }
  }

  /** Bytes of each action record (session records included), in session order. */
  static long[] actionBytes(Path sessionDir) throws IOException {
    List<Long> out = new ArrayList<>();
    for (Path segment : segments(sessionDir)) {
      byte[] b = Files.readAllBytes(segment);
      int p = 0;
      long pendingDefs = 0;
      CRC32C crc = new CRC32C();
      while (p < b.length) {
        int start = p;
        if ((b[p++] & 0xFF) != SYNC) {
          throw new IOException(segment + ": no frame at offset " + start);
        }
        int type = b[p++] & 0xFF;
        int kind = type & 0x07;
        long[] cursor = {p};
        int length = (int) varint(b, cursor);
        int refs = kind == KIND_SOURCE_DEF || kind == KIND_TARGET_DEF ? 1
            : kind == KIND_ACTION ? Integer.bitCount(type & (FLAG_SOURCE_REF | FLAG_TARGET_REF)) : 0;
        for (int i = 0; i < refs; i++) {
          varint(b, cursor);
        }
        p = (int) cursor[0] + length;
        crc.reset();
        crc.update(b, start, p - start);
        int stored = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
        if (stored != (int) crc.getValue()) {
          throw new IOException(segment + ": CRC mismatch in frame at offset " + start);
        }
        p += 4;
        int size = p - start;
        if (kind == KIND_ACTION) {
          out.add(size + pendingDefs);
          pendingDefs = 0;
        } else if (kind != KIND_HEADER) {
          pendingDefs += size;
        }
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** Total bytes of the session's segment files. */
  static long segmentBytes(Path sessionDir) throws IOException {
    long total = 0;
    for (Path segment : segments(sessionDir)) {
      total += Files.size(segment);
    }
    return total;
  }

  private static long varint(byte[] b, long[] cursor) {
    int p = (int) cursor[0];
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b[p++];
      v |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        break;
      }
    }
    cursor[0] = p;
    return v;
  }

  /** The median of the values (the upper one for an even count). */
  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
