package dev.understudy.bench.office;

import dev.understudy.bench.ProcessCpu;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A LibreOffice for the office figures: an Xvfb of its own, soffice ({@code gen} VCL plugin, fresh
 * profile, free UNO port) on it, xdotool to give a window the keyboard, and a {@link KeyDriver} child JVM
 * for keystrokes with comparable timestamps. {@link #close()} ends all of it.
 */
final class OfficeUnderTest implements AutoCloseable {
  private final Process xvfb;
  private final String display;
  private final Path profile;
  private final int port;
  private Process soffice;
  private Process driver;
  private PrintStream keys;
  private BufferedReader presses;

  private OfficeUnderTest(Process xvfb, String display, Path profile, int port) {
    this.xvfb = xvfb;
    this.display = display;
    this.profile = profile;
    this.port = port;
  }

  static OfficeUnderTest start(String module) throws Exception {
    Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OfficeUnderTest o = new OfficeUnderTest(xvfb, ":" + number.trim(), Files.createTempDirectory("bench-lo-"), port);
    try {
      ProcessBuilder pb = new ProcessBuilder("soffice", "-env:UserInstallation=" + o.profile.toUri(), "--norestore",
          "--nologo", "--nofirststartwizard", "--accept=socket,host=127.0.0.1,port=" + port + ";urp;", "--" + module)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("DISPLAY", o.display);
      pb.environment().put("SAL_USE_VCLPLUGIN", "gen");
      o.soffice = pb.start();
      o.awaitPort();
      o.xdotool("search", "--sync", "--onlyvisible", "--name", "LibreOffice");
      ProcessBuilder d = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), KeyDriver.class.getName())
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      d.environment().put("DISPLAY", o.display);
      o.driver = d.start();
      o.keys = new PrintStream(o.driver.getOutputStream(), true, StandardCharsets.UTF_8);
      o.presses = new BufferedReader(new InputStreamReader(o.driver.getInputStream(), StandardCharsets.UTF_8));
      if (!"ready".equals(o.presses.readLine())) {
        throw new IllegalStateException("the key driver did not start");
      }
    } catch (Exception e) {
      o.close();
      throw e;
    }
    return o;
  }

  private void awaitPort() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
    throw new IllegalStateException("soffice did not accept connections");
  }

  String connect() {
    return "socket,host=127.0.0.1,port=" + port;
  }

  /** Gives the keyboard to the window whose title contains {@code title}. */
  void focus(String title) throws Exception {
    String id = xdotool("search", "--sync", "--onlyvisible", "--name", title).lines().findFirst().orElseThrow();
    xdotool("windowraise", id);
    xdotool("windowfocus", "--sync", id);
  }

  /**
   * Opens a new document with Ctrl+N from the focused one and gives it the keyboard. Found by its new
   * window, not by its title: LibreOffice does not number untitled documents one by one.
   */
  void newDocument() throws Exception {
    java.util.Set<String> before = windows();
    // Escape first: word completion may still be offering a word.
    xdotool("key", "--delay", "200", "Escape", "ctrl+n");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (String id : windows()) {
        if (!before.contains(id)) {
          xdotool("windowraise", id);
          xdotool("windowfocus", "--sync", id);
          return;
        }
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException("no new document window appeared after Ctrl+N");
  }

  private java.util.Set<String> windows() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", "LibreOffice").redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    p.waitFor(30, TimeUnit.SECONDS);
    return new java.util.HashSet<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
  }

  String xdotool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("xdotool"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("xdotool " + String.join(" ", args) + " got stuck");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Presses a chord; returns nanoTime just before the press. */
  long key(String chord) throws IOException {
    keys.println("key " + chord);
    long t = press(presses.readLine());
    expectDone();
    return t;
  }

  /** Types lowercase letters and spaces, one key every {@code everyMillis}; returns when done. */
  void type(String text, long everyMillis) throws IOException {
    keys.println("type " + everyMillis + " " + text);
    for (int i = 0; i < text.length(); i++) {
      press(presses.readLine());
    }
    expectDone();
  }

  private static long press(String line) {
    if (line == null || !line.startsWith("press ")) {
      throw new IllegalStateException("key driver said: " + line);
    }
    return Long.parseLong(line.substring(6));
  }

  private void expectDone() throws IOException {
    String line = presses.readLine();
    if (!"done".equals(line)) {
      throw new IllegalStateException("key driver said: " + line);
    }
  }

  /** CPU time (user + system) of soffice.bin so far, in nanoseconds, from /proc/PID/stat. */
  long sofficeCpuNanos() throws IOException {
    ProcessHandle bin = soffice.descendants().filter(p -> p.info().command().orElse("").endsWith("soffice.bin"))
        .findFirst().orElseGet(soffice::toHandle);
    return ProcessCpu.nanos(bin.pid());
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.destroyForcibly();
    }
    if (soffice != null) {
      soffice.descendants().forEach(ProcessHandle::destroyForcibly);
      soffice.destroyForcibly();
    }
    xvfb.destroyForcibly();
    try (Stream<Path> paths = Files.walk(profile)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort
    }
  }
}
