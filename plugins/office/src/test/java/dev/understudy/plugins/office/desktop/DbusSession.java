package dev.understudy.plugins.office.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private D-Bus session bus for one test, as a desktop session has: services it activates (the
 * AT-SPI bus launcher, the registry) are its descendants, and {@link #close} ends them all.
 */
public final class DbusSession implements AutoCloseable {
  private final Process daemon;
  private final String address;

  private DbusSession(Process daemon, String address) {
    this.daemon = daemon;
    this.address = address;
  }

  /** A standard session bus (with the system's service files, so org.a11y.Bus activates). */
  public static DbusSession start(Map<String, String> env) throws IOException, InterruptedException {
    return start(env, List.of("--session"));
  }

  /**
   * A bus with no services at all: nothing can be activated on it (no accessibility bus), as on a
   * machine without at-spi2-core.
   */
  public static DbusSession bare(Map<String, String> env, Path dir) throws IOException, InterruptedException {
    Path config = dir.resolve("bare-session.conf");
    Files.writeString(config, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
        + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
        + "<busconfig><type>session</type><listen>unix:tmpdir=" + dir + "</listen>"
        + "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
        + "<allow own=\"*\"/></policy></busconfig>\n");
    return start(env, List.of("--config-file=" + config));
  }

  private static DbusSession start(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
    String exe = Commands.require("dbus-daemon", "dbus dbus-x11 at-spi2-core");
    List<String> command = new java.util.ArrayList<>(List.of(exe, "--nofork", "--print-address=1"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        return null;
      }
    });
    try {
      String address = line.get(20, TimeUnit.SECONDS);
      if (address == null || address.isBlank()) {
        throw new AssertionError("dbus-daemon printed no address");
      }
      return new DbusSession(p, address.trim());
    } catch (Exception e) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("dbus-daemon did not start: " + e, e);
    }
  }

  /** The bus address, for DBUS_SESSION_BUS_ADDRESS. */
  public String address() {
    return address;
  }

  /** DBUS_SESSION_BUS_ADDRESS for clients. */
  public Map<String, String> env() {
    return Map.of("DBUS_SESSION_BUS_ADDRESS", address);
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> services = daemon.descendants().toList();
    services.forEach(ProcessHandle::destroy);
    daemon.destroy();
    if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
      daemon.destroyForcibly();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle h : services) {
      try {
        h.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }
}
