package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.testing.Canaries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's browser part: in real headless Chromium, and without it. */
class BrowserDemoTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path home;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Understudy root = new Understudy(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), new Style(false));

  private List<SessionSummary> sessions() throws Exception {
    return SessionStore.open(home.resolve("sessions")).list();
  }

  @Test
  void withoutChromiumTheDemoSaysHowToInstallItAndStillShowsTheOtherParts() throws Exception {
    CommandLine.ParseResult parsed = new CommandLine(root).parseArgs("demo", "--home", home.toString(), "--delay", "1ms");
    DemoCommand command = (DemoCommand) parsed.subcommand().commandSpec().userObject();
    command.editorNvim = home.resolve("no-nvim-here").toString();
    command.browserChromium = home.resolve("no-chromium-here");
    int code = command.call();
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("Browser part skipped: Chromium is not installed", "no-chromium-here",
        "tools/install-packages", "apt-get install -y chromium", "run 'understudy demo' again");
    assertThat(out.toString()).contains("Timeline of session", ".uno:Bold");
    assertThat(sessions()).hasSize(1);
  }

  @Test
  void theScriptedPersonIsRecordedByTheBrowserAdapterAndReplaysUniquelyWithoutThePassword() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM)).as("Chromium is needed: " + BrowserDemo.INSTALL).isTrue();
    int code = new BrowserDemo(root, CHROMIUM).run(Home.resolve(home, Map.of()));
    assertThat(code).as(err.toString()).isZero();
    String printed = out.toString();
    assertThat(err.toString()).contains("browser part", "consent", "'browser' adapter only");
    assertThat(printed).contains("Timeline of session", "textbox \"Full name\"", "Ada Lovelace", "textbox \"Password\"",
        "combobox \"Plan\"", "Team", "checkbox \"I accept the terms\"", "button \"Create account\"", "/welcome");
    assertThat(printed).contains("Replay of session", "replayed ", " 0 not found or failed", "unique by");
    assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.closedCleanly()).isTrue());
    String stored = Canaries.allBytes(home);
    assertThat(stored).doesNotContain(BrowserDemo.PASSWORD);
    assertThat(printed).doesNotContain(BrowserDemo.PASSWORD);
  }

  @Test
  void aChromiumThatDoesNotStartIsOneClearErrorAndLeavesNoSession() throws Exception {
    Path broken = Files.writeString(home.resolve("broken-chromium"), "#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n");
    broken.toFile().setExecutable(true);
    CliException e = org.assertj.core.api.Assertions.catchThrowableOfType(CliException.class,
        () -> new BrowserDemo(root, broken).run(Home.resolve(home, Map.of())));
    assertThat(e.exitCode()).isEqualTo(ExitCodes.CAPTURE_FAILED);
    assertThat(e.getMessage()).contains("could not start Chromium", "broken-chromium");
    assertThat(home.resolve("sessions")).doesNotExist();
  }
}
