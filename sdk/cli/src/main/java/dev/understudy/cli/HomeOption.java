package dev.understudy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home} option every command takes. */
final class HomeOption {

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Where sessions and plugins live (default: $UNDERSTUDY_HOME, else ~/.local/share/understudy).")
  Path home;

  Home resolve(Understudy root) {
    return Home.resolve(home, root.env);
  }

  /**
   * For a subcommand of a command group: this {@code --home} (given after the subcommand), else the
   * group's (given before it), else the environment's.
   */
  Home resolve(Understudy root, HomeOption group) {
    return Home.resolve(home != null ? home : group.home, root.env);
  }
}
