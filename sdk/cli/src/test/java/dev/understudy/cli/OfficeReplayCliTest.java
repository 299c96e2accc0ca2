package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.plugins.office.uno.PrivateOffice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code understudy replay} on a LibreOffice Writer session recorded with {@code understudy record --adapter office}:
 * the UNO commands dispatched into a fresh document reproduce the text the session saved.
 */
class OfficeReplayCliTest {
  @TempDir Path home;
  @TempDir Path files;

  @Test
  void replaysARecordedWriterSessionAndMatchesTheSavedText() throws Exception {
    Path report = files.resolve("report.odt");
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "office").exitCode()).isZero();
    try (PrivateOffice office = PrivateOffice.start("writer", PrivateOffice.DEFAULT_TIMEOUT)) {
      String writer = xdotool(office, "search", "--sync", "--onlyvisible", "--name", "LibreOffice Writer").lines().findFirst().orElseThrow();
      CompletableFuture<CliRun> record = CompletableFuture.supplyAsync(() -> CliRun.run(home, "record", "--adapter", "office",
          "--duration", "20s", "--set", "adapter.office.backends=uno", "--set", "adapter.office.uno.connect=" + office.connect()));
      // The macro recorder's own window shows once the hooks are in the document.
      xdotool(office, "search", "--sync", "--onlyvisible", "--name", "Record Macro");
      xdotool(office, "windowfocus", "--sync", writer);
      xdotool(office, "type", "--delay", "30", "Minutes");
      xdotool(office, "key", "--delay", "30", "Return", "ctrl+b");
      xdotool(office, "type", "--delay", "30", "All agreed");
      xdotool(office, "key", "--delay", "30", "ctrl+b", "BackSpace");
      xdotool(office, "key", "ctrl+shift+s");
      String saveAs = xdotool(office, "search", "--sync", "--onlyvisible", "--name", "Save as").lines().findFirst().orElseThrow();
      xdotool(office, "windowfocus", "--sync", saveAs);
      xdotool(office, "key", "ctrl+a");
      xdotool(office, "type", "--delay", "10", report.toString());
      xdotool(office, "key", "Return");
      xdotool(office, "search", "--sync", "--onlyvisible", "--name", "report.odt");
      CliRun recorded = record.get(2, TimeUnit.MINUTES);
      assertThat(recorded.exitCode()).as(recorded.err()).isZero();
    }
    assertThat(report).exists();
    String id;
    try (Stream<Path> sessions = Files.list(home.resolve("sessions"))) {
      id = sessions.map(p -> p.getFileName().toString()).filter(n -> n.length() == 36).findFirst().orElseThrow();
    }

    Path out = files.resolve("replayed");
    CliRun replay = CliRun.run(home, Map.of("PATH", System.getenv("PATH")), "replay", id, "--out", out.toString());
    assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).contains("Document 1 (libreoffice-writer, saved as " + report.toUri())
        .contains("replayed  .uno:InsertText Text=Minutes", "replayed  .uno:InsertPara", "replayed  .uno:Bold Bold=true",
            "replayed  .uno:SwBackspace")
        .contains("matched the text saved in")
        .contains("1 matched what was saved, 0 differ, 0 command(s) failed")
        .doesNotContain(".uno:SaveAs");
    assertThat(Files.readString(out.resolve("1-libreoffice-writer.txt"), StandardCharsets.UTF_8)).isEqualTo("Minutes\nAll agree");
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.info().command().orElse("?")).filter(c -> c.contains("soffice") || c.contains("Xvfb")))
        .as("the replay's soffice and Xvfb end with it").isEmpty();
  }

  @Test
  void aSessionWithoutLibreOfficeActionsIsOneClearError() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "office").exitCode()).isZero();
    // Nothing listens here: the uno backend fails, so the session holds no LibreOffice action.
    CliRun record = CliRun.run(home, "record", "--adapter", "office", "--duration", "1s",
        "--set", "adapter.office.backends=uno", "--set", "adapter.office.uno.connect=socket,host=127.0.0.1,port=1");
    String id;
    try (Stream<Path> sessions = Files.list(home.resolve("sessions"))) {
      id = sessions.map(p -> p.getFileName().toString()).filter(n -> n.length() == 36).findFirst().orElseThrow();
    }
    CliRun replay = CliRun.run(home, "replay", id, "--out", files.resolve("none").toString());
    assertThat(replay.exitCode()).as(record.err() + replay.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(replay.errorLines()).singleElement().asString().contains("no LibreOffice Writer or Calc actions to replay");
  }

  private static String xdotool(PrivateOffice office, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("xdotool"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DISPLAY", office.display());
    Process p = pb.start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("xdotool " + String.join(" ", args)).isTrue();
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
  }
}
