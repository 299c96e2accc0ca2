package dev.understudy.core.retention;

import dev.understudy.core.store.DeletedSession;
import dev.understudy.core.store.SessionId;
import java.util.List;
import java.util.Objects;

/**
 * What forgetting removed (or, for a dry run, would remove), and what it left and why.
 *
 * @param selection what was asked for, as one line
 * @param dryRun nothing was deleted; the report says what would have been
 * @param sessions the sessions deleted
 * @param skipped sessions that matched but were left, each with the reason
 * @param exports what happened to each recorded export of the deleted sessions
 * @param damagedLedgerLines ledger lines that could not be read (their exports cannot be found)
 */
public record ForgetReport(
    String selection,
    boolean dryRun,
    List<DeletedSession> sessions,
    List<Skipped> skipped,
    List<ExportOutcome> exports,
    int damagedLedgerLines) {

  public ForgetReport {
    Objects.requireNonNull(selection, "selection");
    sessions = List.copyOf(sessions);
    skipped = List.copyOf(skipped);
    exports = List.copyOf(exports);
  }

  /** A matching session that was left in place. */
  public record Skipped(SessionId id, String reason) {}

  /** What happened to one export file. */
  public record ExportOutcome(ExportEntry entry, Status status) {}

  /** What happened to an export file. */
  public enum Status {
    /** It still matched the ledger's size and SHA-256 and was deleted. */
    REMOVED,
    /** It no longer matches what Understudy wrote, so it was left where it is. */
    CHANGED,
    /** It was already gone. */
    MISSING
  }

  /** Segment files deleted. */
  public long segmentFiles() {
    return sessions.stream().mapToLong(DeletedSession::segmentFiles).sum();
  }

  /** Bytes deleted: sessions and export files. */
  public long bytes() {
    return sessions.stream().mapToLong(DeletedSession::bytes).sum()
        + exports.stream().filter(e -> e.status() == Status.REMOVED).mapToLong(e -> e.entry().size()).sum();
  }

  /** Export files deleted. */
  public long exportsRemoved() {
    return exports.stream().filter(e -> e.status() == Status.REMOVED).count();
  }

  /** Nothing matched (or everything that did was skipped). */
  public boolean nothingRemoved() {
    return sessions.isEmpty();
  }

  /** A readable report: a headline, then one line per session, export and skipped session. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    String verb = dryRun ? "would remove" : "removed";
    if (sessions.isEmpty() && skipped.isEmpty()) {
      sb.append("nothing to forget: no ").append(selection);
      return sb.toString();
    }
    sb.append(dryRun ? "dry run: " : "").append(verb).append(' ').append(sessions.size())
        .append(sessions.size() == 1 ? " session (" : " sessions (").append(segmentFiles())
        .append(" segment files), ").append(exportsRemoved()).append(exportsRemoved() == 1 ? " export" : " exports")
        .append(", ").append(bytes()).append(" bytes");
    for (DeletedSession s : sessions) {
      sb.append("\n  ").append(verb).append(" session ").append(s.id()).append(": ")
          .append(s.segmentFiles()).append(" segment files, ").append(s.bytes()).append(" bytes");
    }
    for (ExportOutcome e : exports) {
      sb.append("\n  ");
      switch (e.status()) {
        case REMOVED:
          sb.append(verb).append(" export ").append(e.entry().path());
          break;
        case CHANGED:
          sb.append("left export ").append(e.entry().path())
              .append(": changed since Understudy wrote it (size or SHA-256 differs)");
          break;
        default:
          sb.append("export ").append(e.entry().path()).append(" was already gone");
      }
    }
    for (Skipped s : skipped) {
      sb.append("\n  left session ").append(s.id()).append(": ").append(s.reason());
    }
    if (damagedLedgerLines > 0) {
      sb.append("\n  ").append(damagedLedgerLines)
          .append(" damaged line(s) in the export ledger were skipped; exports they named were not found");
    }
    return sb.toString();
  }
}
