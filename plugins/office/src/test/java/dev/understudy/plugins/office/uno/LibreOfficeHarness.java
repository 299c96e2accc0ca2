package dev.understudy.plugins.office.uno;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real LibreOffice for tests, driven like a person: an Xvfb server of its own (it picks a free display),
 * a soffice with a fresh profile and a free UNO port on it ({@code gen} VCL plugin, so menus and dialogs
 * are LibreOffice's own), and xdotool for the keyboard and the pointer. {@link #close()} kills soffice.bin
 * and Xvfb, also when a test failed; a shutdown hook does the same if the JVM ends first.
 *
 * <p>There is no window manager: a dialog does not get the keyboard by itself, so tests focus it by its
 * title ({@link #focus}), as a person's window manager would.
 */
final class LibreOfficeHarness implements AutoCloseable {
  static final Duration START = Duration.ofSeconds(60);
  private static final Duration COMMAND = Duration.ofSeconds(30);

  private final Process xvfb;
  private final String display;
  private SofficeProcess soffice;
  private final Thread hook = new Thread(this::close, "libreoffice-harness-cleanup");

  private LibreOfficeHarness(Process xvfb, String display) {
    this.xvfb = xvfb;
    this.display = display;
  }

  /** Starts Xvfb and soffice with {@code module} open ({@code writer}, {@code calc}); null for Xvfb alone. */
  static LibreOfficeHarness start(String module) throws Exception {
    requireTools();
    Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String number;
    try {
      number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    } catch (IOException e) {
      xvfb.destroyForcibly();
      throw e;
    }
    if (number == null || number.isBlank()) {
      xvfb.destroyForcibly();
      throw new AssertionError("Xvfb did not report its display number");
    }
    LibreOfficeHarness h = new LibreOfficeHarness(xvfb, ":" + number.trim());
    Runtime.getRuntime().addShutdownHook(h.hook);
    try {
      if (module != null) {
        h.soffice = SofficeProcess.start("soffice", h.display, module, "gen", START);
        h.waitForWindow("LibreOffice");
      }
    } catch (Throwable e) {
      h.close();
      throw e;
    }
    return h;
  }

  /** Fails, saying how to install them, when Xvfb, xdotool or soffice are missing. */
  static void requireTools() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("Xvfb", "xdotool", "soffice")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      throw new AssertionError("these tests drive a real LibreOffice under Xvfb, but " + missing + " are not installed: "
          + "sudo apt-get install xvfb xauth xdotool libreoffice-writer libreoffice-calc libreoffice-java-common");
    }
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  String display() {
    return display;
  }

  /** The UNO connection of this soffice. */
  String connect() {
    return soffice.connect();
  }

  SofficeProcess soffice() {
    return soffice;
  }

  /** Waits until a visible window whose title contains {@code title} exists; returns its id. */
  String waitForWindow(String title) throws Exception {
    return xdotool("search", "--sync", "--onlyvisible", "--name", title).lines().findFirst()
        .orElseThrow(() -> new AssertionError("no window titled '" + title + "'"));
  }

  /** Gives the keyboard to the visible window titled {@code title} (raising it), as a window manager would. */
  void focus(String title) throws Exception {
    String id = waitForWindow(title);
    xdotool("windowraise", id);
    xdotool("windowfocus", "--sync", id);
  }

  /**
   * Opens a new document (Ctrl+N in the window titled {@code from}), gives it the keyboard, and returns
   * the title fragment that finds its window, e.g. {@code "Untitled 2 - "}. Found as the window that was
   * not there before: LibreOffice does not number untitled documents one by one.
   */
  String newDocument(String from) throws Exception {
    focus(from);
    List<String> before = xdotool("search", "--onlyvisible", "--name", "LibreOffice").lines().toList();
    key("Escape", "ctrl+n");
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      for (String id : xdotool("search", "--onlyvisible", "--name", "LibreOffice").lines().toList()) {
        String title = xdotool("getwindowname", id).strip();
        if (!before.contains(id) && title.startsWith("Untitled ")) {
          String fragment = title.substring(0, title.indexOf(" - ") + 3);
          focus(fragment);
          return fragment;
        }
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("no new document window appeared after Ctrl+N");
  }

  void type(String text) throws Exception {
    xdotool("type", "--delay", "60", text);
  }

  void key(String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("key", "--delay", "80"));
    args.addAll(List.of(keys));
    xdotool(args.toArray(new String[0]));
  }

  void click(int x, int y) throws Exception {
    xdotool("mousemove", "--sync", Integer.toString(x), Integer.toString(y));
    xdotool("click", "1");
  }

  /** Runs xdotool on this display and returns its output. */
  String xdotool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("xdotool");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    if (!p.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("xdotool " + String.join(" ", args) + " did not finish within " + COMMAND);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("xdotool " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
    }
    return out;
  }

  /** Writes a picture of the screen (for looking at a failure). */
  void screenshot(Path png) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Screenshot.class.getName(), png.toString()).redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    if (!p.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  /** Kills soffice.bin and its launcher at once, as a crash would (no cleanup in LibreOffice). */
  void killSoffice() {
    soffice.processes().forEach(ProcessHandle::destroyForcibly);
  }

  boolean sofficeAlive() {
    return soffice != null && soffice.isAlive();
  }

  @Override
  public void close() {
    if (soffice != null && !soffice.isAlive()) {
      try {
        System.err.println("soffice had exited; its log:\n" + Files.readString(soffice.profile().resolve("soffice.log")));
      } catch (IOException e) {
        System.err.println("soffice had exited; no log: " + e);
      }
    }
    if (soffice != null) {
      soffice.close();
    }
    xvfb.destroy();
    try {
      if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
        xvfb.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      xvfb.destroyForcibly();
    }
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down
      }
    }
  }
}
