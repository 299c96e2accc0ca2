package dev.understudy.plugins.office.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;

/**
 * A private X server for one test: Xvfb picks a free display itself ({@code -displayfd}), so tests and
 * other people's servers on the machine never collide. {@link #close} kills it.
 */
public final class Xvfb implements AutoCloseable {
  private final Process process;
  private final String display;

  private Xvfb(Process process, String display) {
    this.process = process;
    this.display = display;
  }

  /** Starts a 1280x1024 server without TCP and returns once it accepts clients. */
  public static Xvfb start() throws IOException, InterruptedException {
    String xvfb = Commands.require("Xvfb", "xvfb xauth");
    Process p = new ProcessBuilder(xvfb, "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
      try {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      } catch (IOException e) {
        return null;
      }
    });
    try {
      String n = number.get(20, TimeUnit.SECONDS);
      if (n == null || n.isBlank()) {
        throw new AssertionError("Xvfb exited without a display number");
      }
      return new Xvfb(p, ":" + n.trim());
    } catch (TimeoutException | ExecutionException | AssertionError e) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("Xvfb did not start: " + e, e);
    }
  }

  /** The display name, ":123". */
  public String display() {
    return display;
  }

  /** The environment a client of this server needs. */
  public Map<String, String> env() {
    return Map.of("DISPLAY", display);
  }

  /** Runs xdotool against this server with these arguments; returns its output. */
  public String xdotool(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = Commands.require("xdotool", "xdotool");
    System.arraycopy(args, 0, command, 1, args.length);
    return Child.run(env(), command);
  }

  /**
   * Clicks the middle of a rectangle ("x,y,w,h") given relative to the visible window with this exact
   * title, wherever the X server has that window now.
   */
  public void clickIn(String windowTitle, String bounds) throws IOException, InterruptedException {
    String window = xdotool("search", "--onlyvisible", "--name", "^" + windowTitle.replaceAll("[.^$*+?()\\[\\]{}|\\\\]", "\\\\$0") + "$")
        .lines().findFirst().orElseThrow();
    int wx = 0;
    int wy = 0;
    for (String line : xdotool("getwindowgeometry", "--shell", window).split("\n")) {
      if (line.startsWith("X=")) {
        wx = Integer.parseInt(line.substring(2).trim());
      } else if (line.startsWith("Y=")) {
        wy = Integer.parseInt(line.substring(2).trim());
      }
    }
    String[] b = bounds.split(",");
    int x = wx + Integer.parseInt(b[0]) + Integer.parseInt(b[2]) / 2;
    int y = wy + Integer.parseInt(b[1]) + Integer.parseInt(b[3]) / 2;
    xdotool("mousemove", "--sync", Integer.toString(x), Integer.toString(y), "click", "1");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
