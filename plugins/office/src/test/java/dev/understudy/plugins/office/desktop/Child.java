package dev.understudy.plugins.office.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the test started, with its output (stdout and stderr merged) collected line by line.
 * {@link #close} kills it and every process it started, and waits for them: nothing outlives the test.
 */
public final class Child implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();

  private Child(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::drain, "child-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} with these extra environment variables. */
  public static Child start(String name, List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    return new Child(name, pb.start());
  }

  private void drain() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // The process is gone.
    }
  }

  /** Waits for a line matching the predicate and returns it; fails with the output so far on timeout. */
  public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (match.test(lines.get(seen))) {
            return lines.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(name + ": no matching output line within " + timeout + "; output: " + lines);
        }
        if (!process.isAlive() && seen == lines.size()) {
          // Give the reader a moment to deliver the last lines.
          TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
          if (seen == lines.size()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; output: " + lines);
          }
        } else {
          TimeUnit.NANOSECONDS.timedWait(lines, left);
        }
      }
    }
  }

  /** The output so far. */
  public List<String> output() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether it is still running. */
  public boolean alive() {
    return process.isAlive();
  }

  /** Kills the process tree at once (an application that vanishes). */
  public void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    if (!process.waitFor(3, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle h : tree) {
      h.destroyForcibly();
      h.onExit().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }

  /** Runs a short command to its end; fails with its output if it fails or takes over 20 seconds. */
  public static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out;
    try (var in = p.getInputStream()) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within 20 s");
      }
      out = in.readAllBytes();
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed with " + p.exitValue() + ": " + text);
    }
    return text;
  }
}
