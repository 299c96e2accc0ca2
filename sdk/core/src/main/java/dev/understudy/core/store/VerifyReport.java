package dev.understudy.core.store;

import java.util.List;
import java.util.Objects;

/**
 * The result of verifying a session, for the {@code verify} command to print and turn into an exit
 * status.
 *
 * @param id the session
 * @param framesChecked frames whose CRC checked (headers and definitions included)
 * @param records records read
 * @param lastSeq seq of the last record, 0 when none
 * @param gapRecords gap records: losses the runtime saw and recorded
 * @param droppedCount records lost before writing, summed over gap records
 * @param endedCleanly the last record is a session_end
 * @param live a writer held the session while it was verified (so it has not ended yet)
 * @param damage everything wrong, in file order: corrupt frames, torn tails, lost definitions, seq
 *     holes
 */
public record VerifyReport(
    SessionId id,
    long framesChecked,
    long records,
    long lastSeq,
    long gapRecords,
    long droppedCount,
    boolean endedCleanly,
    boolean live,
    List<Damage> damage) {

  public VerifyReport {
    Objects.requireNonNull(id, "id");
    damage = List.copyOf(damage);
  }

  /** No damage, and the session ended cleanly or is still being recorded. */
  public boolean ok() {
    return damage.isEmpty() && (endedCleanly || live);
  }

  /** Exit status for a command: 0 when {@link #ok()}, 1 otherwise. */
  public int exitCode() {
    return ok() ? 0 : 1;
  }

  /** A readable report: a headline, then one line per problem. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("session ").append(id).append(": ").append(ok() ? "OK" : "DAMAGED")
        .append(" (").append(records).append(" records, last seq ").append(lastSeq)
        .append(", ").append(framesChecked).append(" frames checked, ")
        .append(gapRecords).append(" gap records, ").append(droppedCount).append(" dropped, ")
        .append(endedCleanly ? "ended cleanly" : live ? "still recording" : "no session_end")
        .append(")");
    for (Damage d : damage) {
      sb.append('\n').append("  ").append(d);
    }
    if (!endedCleanly && !live) {
      sb.append('\n').append("  session did not end cleanly: last record is not session_end");
    }
    return sb.toString();
  }
}
