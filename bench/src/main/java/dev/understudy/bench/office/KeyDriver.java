package dev.understudy.bench.office;

import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A keyboard in a child JVM whose {@code DISPLAY} is the benchmark's Xvfb: presses keys through
 * XTest ({@link Robot}) and reports, for each key, {@link System#nanoTime()} just before the press.
 * {@code nanoTime} is {@code CLOCK_MONOTONIC} on Linux, the same clock in every process, so the parent
 * can subtract it from its own readings.
 *
 * <p>Commands on stdin, one per line: {@code key ctrl+b}, {@code key Return}, {@code type MILLIS TEXT}
 * (lowercase letters and spaces, one key every MILLIS). Each key answers {@code press NANOS}; each
 * command ends with {@code done}.
 */
public final class KeyDriver {
  private KeyDriver() {}

  public static void main(String[] args) throws Exception {
    Robot robot = new Robot();
    robot.setAutoDelay(0);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    out.println("ready");
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("key ")) {
        out.println("press " + chord(robot, line.substring(4)));
      } else if (line.startsWith("type ")) {
        String[] parts = line.split(" ", 3);
        long every = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(parts[1]));
        long next = System.nanoTime();
        for (char c : parts[2].toCharArray()) {
          LockSupport.parkNanos(next - System.nanoTime());
          out.println("press " + chord(robot, c == ' ' ? "space" : String.valueOf(c)));
          next += every;
        }
      }
      robot.waitForIdle();
      out.println("done");
    }
  }

  /** Presses a chord such as {@code ctrl+b}; returns nanoTime just before the first press. */
  private static long chord(Robot robot, String chord) {
    String[] keys = chord.split("\\+");
    int[] codes = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      codes[i] = code(keys[i]);
    }
    long t = System.nanoTime();
    for (int c : codes) {
      robot.keyPress(c);
    }
    for (int i = codes.length - 1; i >= 0; i--) {
      robot.keyRelease(codes[i]);
    }
    return t;
  }

  private static int code(String key) {
    switch (key) {
      case "ctrl":
        return KeyEvent.VK_CONTROL;
      case "shift":
        return KeyEvent.VK_SHIFT;
      case "Return":
        return KeyEvent.VK_ENTER;
      case "space":
        return KeyEvent.VK_SPACE;
      case "BackSpace":
        return KeyEvent.VK_BACK_SPACE;
      default:
        if (key.length() == 1 && Character.isLetterOrDigit(key.charAt(0))) {
          return KeyEvent.getExtendedKeyCodeForChar(Character.toLowerCase(key.charAt(0)));
        }
        throw new IllegalArgumentException("no key '" + key + "'");
    }
  }
}
