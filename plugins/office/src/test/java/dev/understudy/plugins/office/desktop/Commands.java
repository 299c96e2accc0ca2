package dev.understudy.plugins.office.desktop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the programs the desktop tests drive; a missing one fails the test saying how to install it. */
public final class Commands {
  private Commands() {}

  /** The absolute path of {@code command} on the PATH, or an AssertionError naming the Debian package. */
  public static String require(String command, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError(command + " is not installed; install it with: apt-get install " + debianPackage
        + " (run-tests installs it)");
  }
}
