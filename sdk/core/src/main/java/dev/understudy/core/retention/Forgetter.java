package dev.understudy.core.retention;

import dev.understudy.core.store.DeletedSession;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionLockedException;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes whole sessions and the exports Understudy wrote of them.
 *
 * <p>Whole sessions, never parts: removing some records from a session would leave holes in its
 * seqs that {@code verify} rightly reports as lost data, and a session's records only make sense
 * together. So forgetting an app deletes every session that holds any record of it.
 *
 * <p>A session being recorded (its writer holds the lock) is never deleted: asked for by id, the
 * deletion fails with {@link SessionLockedException}; matched by date or app, it is left and
 * listed in the report. Export files are deleted only when they still have the size and SHA-256
 * the ledger recorded; a changed file is left and reported. Each deleted export is recorded in the
 * ledger as removed.
 *
 * <p>Not thread-safe; one forget at a time per store.
 */
public final class Forgetter {

  private static final Logger LOGGER = Logger.getLogger(Forgetter.class.getName());

  private final SessionStore store;
  private final ExportLedger ledger;

  private Forgetter(SessionStore store, ExportLedger ledger) {
    this.store = store;
    this.ledger = ledger;
  }

  /**
   * A forgetter for this store (with its key, when sessions are encrypted and are to be matched by
   * app) and this export ledger.
   */
  public static Forgetter of(SessionStore store, ExportLedger ledger) {
    return new Forgetter(Objects.requireNonNull(store, "store"), Objects.requireNonNull(ledger, "ledger"));
  }

  /** A forgetter that deletes sessions only: exports written of them are left. */
  static Forgetter withoutLedger(SessionStore store) {
    return new Forgetter(Objects.requireNonNull(store, "store"), null);
  }

  /**
   * Forgets the selected sessions; with {@code dryRun}, only reports what it would do.
   *
   * @throws dev.understudy.core.store.UnknownSessionException when a session selected by id does
   *     not exist
   * @throws SessionLockedException when a session selected by id is being recorded
   */
  public ForgetReport forget(SessionSelection selection, boolean dryRun) throws IOException {
    Objects.requireNonNull(selection, "selection");
    List<SessionId> matched = new ArrayList<>();
    List<ForgetReport.Skipped> skipped = new ArrayList<>();
    if (selection.by == SessionSelection.By.SESSION) {
      if (store.isActive(selection.session)) {
        throw new SessionLockedException("session " + selection.session
            + " is being recorded (a writer holds it); stop the recording, then forget it");
      }
      matched.add(selection.session);
    } else {
      for (SessionId id : store.sessionIds()) {
        String skip = null;
        if (selection.by == SessionSelection.By.BEFORE) {
          if (!Instant.ofEpochMilli(id.unixMillis()).isBefore(selection.before)) {
            continue;
          }
        } else {
          SessionSummary s = store.summary(id);
          if (s.appIdsHidden()) {
            skipped.add(new ForgetReport.Skipped(id, "encrypted; give its key to match it by app"));
            continue;
          }
          if (!s.appIds().contains(selection.app)) {
            continue;
          }
        }
        if (store.isActive(id)) {
          skip = "being recorded (a writer holds it)";
        }
        if (skip != null) {
          skipped.add(new ForgetReport.Skipped(id, skip));
        } else {
          matched.add(id);
        }
      }
    }

    ExportLedger.Contents contents = ledger == null ? new ExportLedger.Contents(List.of(), 0) : ledger.read();
    List<DeletedSession> deleted = new ArrayList<>();
    List<ForgetReport.ExportOutcome> exports = new ArrayList<>();
    for (SessionId id : matched) {
      DeletedSession d;
      if (dryRun) {
        d = store.sizeOf(id);
      } else {
        try {
          d = store.delete(id);
        } catch (SessionLockedException e) {
          if (selection.by == SessionSelection.By.SESSION) {
            throw e;
          }
          skipped.add(new ForgetReport.Skipped(id, "being recorded (a writer holds it)"));
          continue;
        }
      }
      deleted.add(d);
      for (ExportEntry e : contents.of(id)) {
        exports.add(new ForgetReport.ExportOutcome(e, forgetExport(e, dryRun)));
      }
    }
    return new ForgetReport(selection.toString(), dryRun, deleted, skipped, exports, contents.damagedLines());
  }

  private ForgetReport.Status forgetExport(ExportEntry e, boolean dryRun) throws IOException {
    if (!Files.isRegularFile(e.path())) {
      return ForgetReport.Status.MISSING;
    }
    if (!e.unchanged()) {
      return ForgetReport.Status.CHANGED;
    }
    if (!dryRun) {
      Files.delete(e.path());
      ledger.recordRemoval(e, Instant.now());
      LOGGER.log(Level.FINE, "deleted export {0} of session {1}", new Object[] {e.path(), e.session()});
    }
    return ForgetReport.Status.REMOVED;
  }
}
