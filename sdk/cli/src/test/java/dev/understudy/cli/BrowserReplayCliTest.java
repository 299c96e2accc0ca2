package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code understudy replay} on a browser session: re-executed in a fresh headless Chromium, reported per action. */
class BrowserReplayCliTest {
  @TempDir Path home;
  @TempDir Path outputs;

  @Test
  void replaysARecordedBrowserSessionAndReportsEachAction() throws Exception {
    try (LocalPage page = new LocalPage("<!doctype html><title>Local page</title><button>OK</button>")) {
      String url = page.url("/start");
      assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
      CliRun record = CliRun.run(home, "record", "--adapter", "browser", "--duration", "3s",
          "--set", "adapter.browser.start-url=" + url);
      assertThat(record.exitCode()).as(record.err()).isZero();
      String id;
      try (Stream<Path> sessions = Files.list(home.resolve("sessions"))) {
        id = sessions.map(p -> p.getFileName().toString()).filter(n -> n.length() == 36).findFirst().orElseThrow();
      }

      Path out = outputs.resolve("replayed");
      CliRun replay = CliRun.run(home, "replay", id, "--out", out.toString());
      assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
      assertThat(replay.out()).contains("performed", "navigate to " + url, "0 not found or failed");
      assertThat(Files.readString(out.resolve("steps.tsv"))).startsWith("index\taction\toutcome").contains("PERFORMED");
    }
  }
}
