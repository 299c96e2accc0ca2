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
}
