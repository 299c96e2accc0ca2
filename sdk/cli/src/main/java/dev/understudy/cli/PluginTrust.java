package dev.understudy.cli;

import dev.understudy.core.plugin.PluginHost;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --allow-unsigned-plugins} option of every command that loads plugins, and the options
 * those commands give the plugin host: the keys in {@code <home>/trusted-keys}, signatures required
 * unless the option is given.
 */
final class PluginTrust {

  /** Where {@code understudy plugins trust} keeps the public keys whose plugin signatures are accepted. */
  static final String TRUSTED_KEYS = "trusted-keys";

  @Option(names = "--allow-unsigned-plugins",
      description = "Development only: load plugins that are unsigned or signed by an untrusted key."
          + " A signature that does not verify is refused even so.")
  boolean allowUnsigned;

  static Path trustedKeysDirectory(Home home) {
    return home.root().resolve(TRUSTED_KEYS);
  }

  /** Host options for this home; says so on standard error when unsigned plugins are allowed. */
  PluginHost.Options hostOptions(Home home, Understudy root) {
    if (allowUnsigned) {
      root.err.println(root.style.yellow("understudy: warning: --allow-unsigned-plugins: plugins load without a"
          + " trusted signature (development only)"));
    }
    return PluginHost.Options.builder()
        .trustedKeysDirectory(trustedKeysDirectory(home))
        .allowUnsigned(allowUnsigned)
        .build();
  }
}
