package dev.understudy.bench.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private desktop for one benchmark: an Xvfb server (it picks a free display) and, on request, a
 * D-Bus session bus; child processes started through it get both in their environment. {@link #close}
 * kills every process it started and their descendants (the accessibility bus, the registry).
 */
final class Desktop implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();

  private Desktop() {}

  /** Starts Xvfb (1280x1024, no TCP). */
  static Desktop start() throws IOException {
    Desktop d = new Desktop();
    try {
      Process x = d.spawn(List.of("Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"));
      d.env.put("DISPLAY", ":" + firstLine(x).trim());
      Runtime.getRuntime().addShutdownHook(new Thread(d::close));
      return d;
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  /** Starts a D-Bus session bus and returns its address. */
  String sessionBus() throws IOException {
    Process bus = spawn(List.of("dbus-daemon", "--session", "--nofork", "--print-address=1"));
    String address = firstLine(bus).trim();
    env.put("DBUS_SESSION_BUS_ADDRESS", address);
    return address;
  }

  String display() {
    return env.get("DISPLAY");
  }

  /** Starts a process in this desktop, output discarded. */
  Process spawn(List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** Runs a short command (xdotool) to its end. */
  void run(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed");
    }
  }

  /** The first line a process prints (Xvfb's display number, dbus-daemon's address). */
  static String firstLine(Process p) throws IOException {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        return null;
      }
    });
    try {
      String s = line.get(20, TimeUnit.SECONDS);
      if (s == null) {
        throw new IOException("process exited before printing");
      }
      return s;
    } catch (Exception e) {
      throw new IOException("no output from " + p.info().command().orElse("process") + ": " + e, e);
    }
  }

  @Override
  public synchronized void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      List<ProcessHandle> tree = p.descendants().toList();
      tree.forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }
}
