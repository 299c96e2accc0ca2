package dev.understudy.cli;

import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.core.store.StoreKey;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Lists recorded sessions. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
    description = "List recorded sessions, newest first: start, duration, actions, losses, apps, state.")
final class SessionsCommand implements Callable<Integer> {

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @Mixin KeyOption keyOption;

  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneId.systemDefault());

  @Override
  public Integer call() throws Exception {
    Home home = homeOption.resolve(root);
    if (!Files.isDirectory(home.sessions())) {
      root.out.println("No sessions yet in " + home.root() + ". Record one with 'understudy demo'.");
      return ExitCodes.OK;
    }
    SessionStore store = SessionStore.open(home.sessions());
    StoreKey key = keyOption.resolve(root);
    List<SessionSummary> sessions = (key == null ? store : store.withKey(key)).list();
    if (sessions.isEmpty()) {
      root.out.println("No sessions yet in " + home.root() + ". Record one with 'understudy demo'.");
      return ExitCodes.OK;
    }
    String format = "%-36s  %-19s  %9s  %7s  %5s  %-10s  %s%n";
    root.out.printf(Locale.ROOT, format, "SESSION", "STARTED", "DURATION", "ACTIONS", "LOST", "STATE", "APPS");
    for (SessionSummary s : sessions) {
      root.out.printf(Locale.ROOT, format,
          s.id(),
          s.startTimeUnixNano() == 0 ? "-" : START.format(Instant.ofEpochSecond(0, s.startTimeUnixNano())),
          duration(s),
          s.actionCount(),
          s.droppedCount(),
          s.active() ? "recording" : s.closedCleanly() ? "ended" : "unclosed",
          apps(s));
    }
    return ExitCodes.OK;
  }

  /** The apps, or "(encrypted)" when they cannot be read without the session's key. */
  private static String apps(SessionSummary s) {
    if (s.appIdsHidden()) {
      return "(encrypted)";
    }
    return s.appIds().isEmpty() ? "-" : String.join(",", s.appIds());
  }

  static String duration(SessionSummary s) {
    if (s.startTimeUnixNano() == 0 || s.endTimeUnixNano() < s.startTimeUnixNano()) {
      return "-";
    }
    long seconds = (s.endTimeUnixNano() - s.startTimeUnixNano()) / 1_000_000_000L;
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", (s.endTimeUnixNano() - s.startTimeUnixNano()) / 1e9);
    }
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }
}
