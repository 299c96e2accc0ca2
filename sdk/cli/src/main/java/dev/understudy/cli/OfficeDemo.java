package dev.understudy.cli;

import dev.understudy.core.PluginState;
import dev.understudy.core.Recording;
import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.plugins.office.uno.PrivateOffice;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The office part of {@code understudy demo}: LibreOffice Writer on an Xvfb display of its own
 * ({@link PrivateOffice}), recorded by the office adapter's uno backend while a scripted person (xdotool)
 * types a short report, makes a phrase bold with Ctrl+B, picks Format &gt; Text &gt; Italic from the menu
 * with the keyboard and saves it; then the captured timeline. soffice and Xvfb end with the part, also
 * when it fails or the program is interrupted. Without LibreOffice, Xvfb or xdotool it says how to
 * install them and is skipped.
 */
final class OfficeDemo {
  /** What the part needs on the PATH. */
  static final List<String> TOOLS = List.of("Xvfb", "xdotool", "soffice");
  /** How to get them. */
  static final String INSTALL = "tools/install-packages (Debian: sudo apt-get install xvfb xauth xdotool"
      + " libreoffice-writer libreoffice-java-common)";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  private final Understudy root;
  private final Duration delay;

  OfficeDemo(Understudy root, Duration delay) {
    this.root = Objects.requireNonNull(root, "root");
    this.delay = Objects.requireNonNull(delay, "delay");
  }

  /** Runs the part, recording into {@code home}; returns its exit code (OK when skipped for a missing tool). */
  int run(Home home) throws IOException, InterruptedException {
    root.err.println();
    List<String> missing = TOOLS.stream().filter(t -> !onPath(root.env, t)).toList();
    if (!missing.isEmpty()) {
      root.err.println(root.style.bold("Office part skipped: ") + String.join(", ", missing) + " not found; it runs"
          + " LibreOffice Writer on a virtual display. Install them with " + INSTALL
          + ", then run 'understudy demo' again.");
      return ExitCodes.OK;
    }
    Path work = Files.createTempDirectory("understudy-demo-office");
    try (PrivateOffice office = PrivateOffice.start("writer", PrivateOffice.DEFAULT_TIMEOUT)) {
      String display = office.display();
      // The window first, then the recorder: its hooks go into the document that is already open.
      String writer = xdotool(display, "search", "--sync", "--onlyvisible", "--name", "LibreOffice Writer").lines()
          .findFirst().orElseThrow(() -> new CliException(ExitCodes.CAPTURE_FAILED, "LibreOffice Writer did not open"));
      ConsentLedger ledger = ConsentLedger.open(Files.createDirectory(work.resolve("consent")));
      Consent consent = DemoCommand.grantForThisRun(ledger, OfficeAdapterProvider.NAME, DemoCommand.PART_CONSENT);
      root.err.println("Understudy demo, office part: LibreOffice Writer on virtual display " + display + ", recorded into "
          + home.sessions() + " under consent " + consent.id() + " (office adapter only, this run only)."
          + " For your own LibreOffice: understudy consent grant --adapter office, then understudy record --adapter office.");
      Recording recording = Recording.builder()
          .storeDirectory(home.sessions())
          .consent(ledger)
          .adapter(new OfficeAdapterProvider())
          .config("adapter.office.backends", "uno")
          .config("adapter.office.uno.connect", office.connect())
          .startTimeout(Duration.ofSeconds(60))
          .stopTimeout(Duration.ofSeconds(30))
          .start();
      String id = recording.sessionIdText();
      try {
        if (recording.stats().plugins().stream().noneMatch(p -> p.state() == PluginState.RUNNING)) {
          throw new CliException(ExitCodes.CAPTURE_FAILED, "the office part could not record LibreOffice: "
              + recording.stats().plugins().stream().map(p -> p.lastError()).toList());
        }
        play(display, writer, work.resolve("report.odt"));
        recording.flush(Duration.ofSeconds(10));
      } finally {
        recording.close();
      }
      DemoCommand.printTimeline(root, home, id, (a, seqs) -> "");
      return ExitCodes.OK;
    } catch (BackendException e) {
      throw new CliException(ExitCodes.CAPTURE_FAILED, "the office part could not start LibreOffice: " + e.getMessage());
    } finally {
      DemoCommand.deleteTree(work);
    }
  }

  /** The scripted person: a heading, a bold phrase, the menu by keyboard, a paragraph, then Save As. */
  private void play(String display, String writer, Path report) throws IOException, InterruptedException {
    xdotool(display, "windowfocus", "--sync", writer);
    String pause = Long.toString(Math.max(20, delay.toMillis() / 2));
    xdotool(display, "type", "--delay", pause, "Quarterly report");
    xdotool(display, "key", "--delay", pause, "Return", "ctrl+b");
    xdotool(display, "type", "--delay", pause, "Revenue grew 12%");
    xdotool(display, "key", "--delay", pause, "ctrl+b", "Return");
    // Format > Text > Italic with the keyboard: F10, four to the right, down opens Format, right opens Text.
    xdotool(display, "key", "--delay", pause, "F10", "Right", "Right", "Right", "Right", "Down", "Right", "Down", "Return");
    xdotool(display, "type", "--delay", pause, "Thanks to the whole team.");
    xdotool(display, "key", "ctrl+shift+s");
    String saveAs = xdotool(display, "search", "--sync", "--onlyvisible", "--name", "Save as").lines().findFirst()
        .orElseThrow(() -> new CliException(ExitCodes.CAPTURE_FAILED, "the Save As dialog did not open"));
    // No window manager on the virtual display: give the dialog the keyboard as one would.
    xdotool(display, "windowfocus", "--sync", saveAs);
    xdotool(display, "key", "ctrl+a");
    xdotool(display, "type", "--delay", "10", report.toString());
    xdotool(display, "key", "Return");
    xdotool(display, "search", "--sync", "--onlyvisible", "--name", "report.odt");
  }

  private static String xdotool(String display, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("xdotool"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    try {
      if (!p.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new CliException(ExitCodes.CAPTURE_FAILED, "the office part got stuck at: xdotool " + String.join(" ", args));
      }
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
  }

  static boolean onPath(Map<String, String> env, String tool) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
