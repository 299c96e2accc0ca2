package dev.understudy.core.plugin;

import java.util.Objects;

/**
 * Something that kept a plugin, or one of its extensions, from loading. The host goes on with the
 * rest; problems are listed by {@link PluginHost#problems()}.
 *
 * @param file the plugin's file name in the plugins directory ("acme-adapter-1.0.jar")
 * @param reason one line saying what went wrong
 */
public record PluginProblem(String file, String reason) {

  /** Checks both fields. */
  public PluginProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code file: reason}. */
  @Override
  public String toString() {
    return file + ": " + reason;
  }
}
