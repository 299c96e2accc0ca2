package dev.understudy.cli;

import dev.understudy.api.CaptureClock;
import dev.understudy.core.retention.ExportLedger;
import dev.understudy.core.retention.ForgetReport;
import dev.understudy.core.retention.Forgetter;
import dev.understudy.core.retention.RetentionSweeper;
import dev.understudy.core.retention.SessionSelection;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.StoreKey;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Deletes sessions and the exports Understudy wrote of them. */
@Command(name = "forget", mixinStandardHelpOptions = true,
    description = {
      "Delete whole sessions, with every export Understudy wrote of them (from <home>/exports.ledger),",
      "and say what was removed. Exports are deleted only if unchanged since they were written.",
      "Sessions being recorded are never deleted. --app deletes every session holding any record of",
      "that app (whole sessions: a session with records cut out would have holes 'verify' reports)."
    })
final class ForgetCommand implements Callable<Integer> {

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @Mixin KeyOption keyOption;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  /** Exactly one of the ways to choose sessions. */
  static final class Which {
    @Option(names = "--session", paramLabel = "ID", description = "The session with this id, or a unique prefix of one.")
    String session;

    @Option(names = "--before", paramLabel = "DATE",
        description = "Sessions started before DATE: 2024-07-01 (local midnight), 2024-07-01T09:30 (local), or 2024-07-01T09:30:00Z.")
    String before;

    @Option(names = "--app", paramLabel = "APP", description = "Sessions with any record from this app id (encrypted ones need their key).")
    String app;

    @Option(names = "--expired", description = "Sessions older than the retention (--retention).")
    boolean expired;
  }

  @Option(names = "--retention", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With --expired: how long sessions are kept, e.g. 30d (default: 30d).")
  Duration retention;

  @Option(names = "--dry-run", description = "Only say what would be removed.")
  boolean dryRun;

  /** Default retention for {@code --expired}: 30 days. */
  static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  @Override
  public Integer call() throws Exception {
    if (retention != null && !which.expired) {
      throw new CliException(ExitCodes.USAGE, "--retention goes with --expired");
    }
    Home home = homeOption.resolve(root);
    SessionSelection selection = selection(home);
    if (!Files.isDirectory(home.sessions())) {
      if (which.session != null) {
        throw new CliException(ExitCodes.NOT_FOUND, "no sessions in " + home.root());
      }
      root.out.println("Nothing to forget: no sessions in " + home.root() + ".");
      return ExitCodes.OK;
    }
    SessionStore store = SessionStore.open(home.sessions());
    StoreKey key = keyOption.resolve(root);
    if (key != null) {
      store = store.withKey(key);
    }
    if (which.session != null) {
      selection = SessionSelection.session(store.resolve(which.session));
    }
    ForgetReport report = Forgetter.of(store, ExportLedger.at(home.exportLedger())).forget(selection, dryRun);
    String text = report.describe();
    root.out.println(report.nothingRemoved() ? text.substring(0, 1).toUpperCase() + text.substring(1) + "." : text);
    long changed = report.exports().stream().filter(e -> e.status() == ForgetReport.Status.CHANGED).count();
    if (changed > 0) {
      root.err.println(root.style.yellow("understudy: " + changed
          + " export file(s) changed since Understudy wrote them and were left; delete them yourself if they hold session data"));
    }
    return ExitCodes.OK;
  }

  /** The selection for the options given; --session is resolved against the store later. */
  private SessionSelection selection(Home home) {
    if (which.before != null) {
      return SessionSelection.startedBefore(parseDate(which.before));
    }
    if (which.app != null) {
      if (which.app.isBlank()) {
        throw new CliException(ExitCodes.USAGE, "--app needs an app id, e.g. org.libreoffice.writer");
      }
      return SessionSelection.app(which.app);
    }
    if (which.expired) {
      return RetentionSweeper.expired(retention == null ? DEFAULT_RETENTION : retention, CaptureClock.system());
    }
    return null;
  }

  /** Reads --before: a date (local midnight), a local date-time, or an instant with offset. */
  static Instant parseDate(String text) {
    String t = text.trim();
    ZoneId zone = ZoneId.systemDefault();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new CliException(ExitCodes.USAGE, "--before: '" + text
          + "' is not a date; write e.g. 2024-07-01, 2024-07-01T09:30 or 2024-07-01T09:30:00Z");
    }
  }
}
