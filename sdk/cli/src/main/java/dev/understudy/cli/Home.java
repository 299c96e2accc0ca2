package dev.understudy.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Understudy keeps its data: {@code --home}, else {@code $UNDERSTUDY_HOME}, else
 * {@code $XDG_DATA_HOME/understudy}, else {@code ~/.local/share/understudy}.
 */
final class Home {

  private final Path root;

  private Home(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  static Home resolve(Path option, Map<String, String> env) {
    if (option != null) {
      return new Home(option);
    }
    String explicit = env.get("UNDERSTUDY_HOME");
    if (explicit != null && !explicit.isBlank()) {
      return new Home(Path.of(explicit));
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return new Home(Path.of(xdg, "understudy"));
    }
    return new Home(Path.of(System.getProperty("user.home"), ".local", "share", "understudy"));
  }

  Path root() {
    return root;
  }

  /** The session store. */
  Path sessions() {
    return root.resolve("sessions");
  }

  /** The ledger of every export written to a file, which {@code forget} uses. */
  Path exportLedger() {
    return root.resolve(dev.understudy.core.retention.ExportLedger.FILE_NAME);
  }

  /** The consent ledger's directory. */
  Path consent() {
    return root.resolve("consent");
  }

  /** Where a running recorder and the pause/resume commands meet. */
  Path control() {
    return root.resolve("control");
  }

  /** The policy file read by default, when it exists. */
  Path policyFile() {
    return root.resolve("policy.yaml");
  }

  /** The default plugins directory. */
  Path plugins() {
    return root.resolve("plugins");
  }
}
