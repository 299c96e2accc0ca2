package dev.understudy.plugins.office.uno;

import dev.understudy.plugins.office.BackendException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A soffice started for capture: on a display (never headless: a person works in it), with a fresh user
 * profile and a UNO socket on a free port of the loopback interface. {@link #close()} ends it and its
 * children ({@code oosplash} starts {@code soffice.bin}) and deletes the profile. Thread-safe.
 */
final class SofficeProcess implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SofficeProcess.class.getName());
  /** Settings of the fresh profile: no tip of the day, no first-run dialogs over the document. */
  static final String PROFILE_SETTINGS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>
      <item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
      <item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>99.0</value></prop></item>
      <item oor:path="/org.openoffice.Office.Recovery/AutoSave"><prop oor:name="Enabled" oor:op="fuse"><value>false</value></prop></item>
      </oor:items>
      """;

  private final Process process;
  private final Path profile;
  private final int port;

  private SofficeProcess(Process process, Path profile, int port) {
    this.process = process;
    this.profile = profile;
    this.port = port;
  }

  /**
   * Starts soffice and waits until its UNO socket accepts connections.
   *
   * @param display the X display, e.g. {@code :99}
   * @param module {@code writer}, {@code calc}, or empty for the Start Center
   * @param vclPlugin the VCL plugin ({@code gen}), or empty to leave it to LibreOffice
   */
  static SofficeProcess start(String soffice, String display, String module, String vclPlugin, Duration timeout)
      throws BackendException {
    Objects.requireNonNull(display, "display");
    Path profile;
    try {
      profile = Files.createTempDirectory("understudy-lo-profile-");
      Path user = Files.createDirectories(profile.resolve("user"));
      Files.writeString(user.resolve("registrymodifications.xcu"), PROFILE_SETTINGS, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BackendException("could not make a LibreOffice profile directory: " + e.getMessage(), e);
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(soffice, "-env:UserInstallation=" + profile.toUri(),
        "--norestore", "--nologo", "--nofirststartwizard",
        "--accept=socket,host=127.0.0.1,port=" + port + ";urp;"));
    if (!module.isEmpty()) {
      command.add("--" + module);
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(profile.resolve("soffice.log").toFile());
    pb.environment().put("DISPLAY", display);
    if (!vclPlugin.isEmpty()) {
      pb.environment().put("SAL_USE_VCLPLUGIN", vclPlugin);
    }
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      deleteTree(profile);
      throw new BackendException("could not start LibreOffice ('" + soffice + "', adapter.office.uno.soffice): "
          + e.getMessage() + "; " + LibreOfficeClasses.INSTALL_HINT, e);
    }
    SofficeProcess started = new SofficeProcess(process, profile, port);
    started.awaitSocket(timeout);
    return started;
  }

  private void awaitSocket(Duration timeout) throws BackendException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        // not yet
      }
      // oosplash exits once soffice.bin runs; only the whole tree being gone means failure.
      if (!process.isAlive() && process.descendants().noneMatch(ProcessHandle::isAlive)) {
        String log = readLog();
        close();
        throw new BackendException("LibreOffice exited before accepting connections (exit code "
            + process.exitValue() + ")" + (log.isBlank() ? "" : ": " + log.strip()));
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new BackendException("interrupted while waiting for LibreOffice to start");
      }
    }
    close();
    throw new BackendException("LibreOffice did not accept connections on port " + port + " within "
        + timeout.toMillis() + " ms (adapter.office.uno.start-timeout-ms)");
  }

  private String readLog() {
    try {
      String log = Files.readString(profile.resolve("soffice.log"));
      return log.length() > 500 ? log.substring(log.length() - 500) : log;
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  static int freePort() throws BackendException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BackendException("no free port for LibreOffice's UNO socket: " + e.getMessage(), e);
    }
  }

  /** The UNO connection to this soffice. */
  String connect() {
    return "socket,host=127.0.0.1,port=" + port;
  }

  /** The profile directory (fresh for this process). */
  Path profile() {
    return profile;
  }

  /** Whether soffice.bin (or the launcher) still runs. */
  boolean isAlive() {
    return process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive);
  }

  /** The processes of this soffice: the launcher and its descendants. */
  List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.toHandle());
    process.descendants().forEach(all::add);
    return all;
  }

  /** Ends soffice (its children first), waits for it, deletes the profile. Never throws. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    waitFor(children, 5);
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    waitFor(children, 5);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  private static void waitFor(List<ProcessHandle> processes, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (ProcessHandle p : processes) {
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          p.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (Exception e) {
        // still alive: the caller decides
      }
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.FINE, "could not delete " + dir, e);
    }
  }
}
