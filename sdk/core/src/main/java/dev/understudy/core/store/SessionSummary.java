package dev.understudy.core.store;

import java.util.List;
import java.util.Objects;

/**
 * What the {@code sessions} listing shows for one session. Times are nanoseconds since the Unix
 * epoch, 0 when the session has no records.
 *
 * @param id the session
 * @param startTimeUnixNano time of the first record
 * @param endTimeUnixNano time of the session_end record, or of the last record when the session
 *     did not end cleanly
 * @param lastSeq seq of the last record, 0 when none
 * @param actionCount records other than session_start, session_end and gap
 * @param droppedCount records lost before writing: the sum of the gap records' counts
 * @param gapRecords number of gap records
 * @param appIds distinct {@code source.app_id} values, sorted, empty ones left out
 * @param closedCleanly the last record is a session_end
 * @param active a writer holds the session now (it is still being recorded)
 * @param bytesOnDisk size of the files in the session's directory
 * @param keyFingerprint fingerprint of the key the session is encrypted with; empty when it is not
 * @param appIdsHidden the session is encrypted and its app ids could not be read without its key
 *     ({@code appIds} is then empty)
 */
public record SessionSummary(
    SessionId id,
    long startTimeUnixNano,
    long endTimeUnixNano,
    long lastSeq,
    long actionCount,
    long droppedCount,
    long gapRecords,
    List<String> appIds,
    boolean closedCleanly,
    boolean active,
    long bytesOnDisk,
    String keyFingerprint,
    boolean appIdsHidden) {

  public SessionSummary {
    Objects.requireNonNull(id, "id");
    appIds = List.copyOf(appIds);
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
  }

  /** True when the session is encrypted at rest. */
  public boolean encrypted() {
    return !keyFingerprint.isEmpty();
  }
}
