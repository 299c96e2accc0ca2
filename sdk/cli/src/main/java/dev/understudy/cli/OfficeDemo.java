package dev.understudy.cli;

import dev.understudy.core.Recording;
import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The office part of {@code understudy demo}: LibreOffice Writer on an Xvfb display of its own, started
 * by the office adapter's uno backend, a scripted person (xdotool) writing and saving a short report, and
 * the captured timeline. Without LibreOffice, Xvfb or xdotool it says how to install them.
 */
final class OfficeDemo implements Callable<Integer> {
  /** What the demo needs on the PATH, and the Debian packages that bring it. */
  static final List<String> TOOLS = List.of("Xvfb", "xdotool", "soffice");
  static final String INSTALL = "sudo apt-get install xvfb xauth xdotool libreoffice-writer libreoffice-java-common";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  private final Understudy root;
  private final Home home;
  private final Duration delay;

  OfficeDemo(Understudy root, Home home, Duration delay) {
    this.root = root;
    this.home = home;
    this.delay = delay;
  }

  @Override
  public Integer call() throws Exception {
    List<String> missing = TOOLS.stream().filter(t -> !onPath(t)).toList();
    if (!missing.isEmpty()) {
      root.err.println(root.style.red("understudy demo --office: " + String.join(", ", missing) + " not found; the office demo"
          + " runs LibreOffice Writer on a virtual display. Install them with: " + INSTALL));
      return ExitCodes.CAPTURE_FAILED;
    }
    Path work = Files.createTempDirectory("understudy-office-demo");
    Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      if (number == null || number.isBlank()) {
        throw new CliException(ExitCodes.CAPTURE_FAILED, "Xvfb did not start (no display number)");
      }
      String display = ":" + number.trim();
      ConsentLedger ledger = ConsentLedger.open(Files.createDirectory(work.resolve("consent")));
      Consent consent = ledger.grant(OfficeAdapterProvider.NAME, Consent.ANY, Instant.now().plus(Duration.ofMinutes(5)),
          "granted by 'understudy demo --office' for this run only");
      root.err.println("Understudy office demo: LibreOffice Writer on virtual display " + display + ", recorded into "
          + home.sessions() + " under consent " + consent.id() + " (office adapter only, this run only)");
      Recording recording = Recording.builder()
          .storeDirectory(home.sessions())
          .consent(ledger)
          .adapter(new OfficeAdapterProvider())
          .config("adapter.office.uno.launch", "true")
          .config("adapter.office.uno.display", display)
          .config("adapter.office.uno.launch-module", "writer")
          .config("adapter.office.uno.quit-on-stop", "true")
          .startTimeout(Duration.ofSeconds(90))
          .stopTimeout(Duration.ofSeconds(30))
          .start();
      String id = recording.sessionIdText();
      try {
        if (recording.stats().plugins().stream().noneMatch(p -> p.state() == dev.understudy.core.PluginState.RUNNING)) {
          root.err.println(root.style.red("understudy demo --office: LibreOffice could not be recorded: "
              + recording.stats().plugins().stream().map(p -> p.lastError()).toList()));
          return ExitCodes.CAPTURE_FAILED;
        }
        play(display, work.resolve("report.odt"));
        recording.flush(Duration.ofSeconds(10));
      } finally {
        recording.close();
      }
      printTimeline(id);
      return ExitCodes.OK;
    } finally {
      xvfb.destroy();
      if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
        xvfb.destroyForcibly();
      }
      deleteTree(work);
    }
  }

  /** The scripted person: a heading, a bold phrase, a paragraph, then Save As. */
  private void play(String display, Path report) throws Exception {
    String writer = xdotool(display, "search", "--sync", "--onlyvisible", "--name", "LibreOffice Writer").lines().findFirst()
        .orElseThrow(() -> new CliException(ExitCodes.CAPTURE_FAILED, "LibreOffice Writer did not open"));
    xdotool(display, "windowfocus", "--sync", writer);
    String pause = Long.toString(Math.max(40, delay.toMillis() / 2));
    xdotool(display, "type", "--delay", pause, "Quarterly report");
    xdotool(display, "key", "--delay", pause, "Return", "ctrl+b");
    xdotool(display, "type", "--delay", pause, "Revenue grew 12%");
    xdotool(display, "key", "--delay", pause, "ctrl+b", "Return");
    xdotool(display, "type", "--delay", pause, "Thanks to the whole team.");
    xdotool(display, "key", "ctrl+shift+s");
    String saveAs = xdotool(display, "search", "--sync", "--onlyvisible", "--name", "Save as").lines().findFirst()
        .orElseThrow(() -> new CliException(ExitCodes.CAPTURE_FAILED, "the Save As dialog did not open"));
    // No window manager on the virtual display: give the dialog the keyboard as one would.
    xdotool(display, "windowfocus", "--sync", saveAs);
    xdotool(display, "key", "ctrl+a");
    xdotool(display, "type", "--delay", "20", report.toString());
    xdotool(display, "key", "Return");
    xdotool(display, "search", "--sync", "--onlyvisible", "--name", "report.odt");
  }

  private String xdotool(String display, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("xdotool"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    if (!p.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new CliException(ExitCodes.CAPTURE_FAILED, "the demo script got stuck at: xdotool " + String.join(" ", args));
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private void printTimeline(String id) throws IOException {
    Timeline timeline = new Timeline(ZoneId.systemDefault());
    root.out.println();
    root.out.println(root.style.bold("Timeline of session " + id + " (LibreOffice Writer)"));
    root.out.println(timeline.header());
    try (SessionReader reader = SessionStore.open(home.sessions()).reader(SessionId.parse(id))) {
      while (reader.hasNext()) {
        root.out.println(timeline.line(reader.next()));
      }
    }
    root.out.println();
    root.out.println("Next: understudy inspect " + id.substring(0, 13) + " | understudy export " + id.substring(0, 13)
        + " --format jsonl");
  }

  private boolean onPath(String tool) {
    String path = root.env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
