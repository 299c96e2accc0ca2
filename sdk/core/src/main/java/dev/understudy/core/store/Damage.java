package dev.understudy.core.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One piece of damage found in a session: which file, where, how many bytes, what kind, and a
 * readable detail. Reported by readers, recovery and the verifier; never thrown.
 *
 * @param file the segment file
 * @param offset byte offset in the file where the damage starts
 * @param length bytes affected (for record-level damage, the length of the frame concerned)
 * @param kind what is wrong
 * @param detail one line of explanation
 */
public record Damage(Path file, long offset, long length, Kind kind, String detail) {

  /** What is wrong. */
  public enum Kind {
    /** Bytes in the middle of a segment held no valid frame; the frames after them were salvaged. */
    CORRUPT_FRAMES,
    /** A segment ends in an incomplete or corrupt frame (a write cut short); recovery cuts it off. */
    TORN_TAIL,
    /**
     * An encrypted block's authentication tag did not check: its bytes were changed, it was moved
     * from another place, or the key is wrong. Its records were skipped; the blocks after it kept.
     */
    AUTHENTICATION_FAILED,
    /** A frame's CRC checked but its payload could not be decoded; the record was skipped. */
    UNREADABLE_PAYLOAD,
    /** Actions referred to a source or target definition that was lost; they came back without it. */
    MISSING_DEFINITION,
    /** Seqs were missing: records lost after they were written. */
    SEQ_HOLE,
    /** A seq was not greater than the one before it. */
    SEQ_OUT_OF_ORDER
  }

  public Damage {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@code <file> @<offset> +<length> <KIND>: <detail>}, one line. */
  @Override
  public String toString() {
    return file + " @" + offset + " +" + length + " " + kind + ": " + detail;
  }
}
