package dev.understudy.core.plugin;

import java.util.List;
import java.util.Objects;

/**
 * One loaded plugin, for listings such as the {@code plugins} command.
 *
 * @param id {@code Plugin-Id}
 * @param version {@code Plugin-Version}
 * @param provider {@code Plugin-Provider}, the vendor; empty when the descriptor names none
 * @param state PF4J's state for the plugin: {@code STARTED}, {@code FAILED} (its plugin class threw),
 *     {@code DISABLED} (listed in the directory's {@code disabled.txt}), as it was when loading ended
 * @param file the plugin's file name in the plugins directory
 * @param signature how its archive passed the signature check
 * @param extensions the extensions that loaded, in index order
 */
public record PluginSummary(String id, String version, String provider, String state, String file,
    SignatureStatus signature, List<ExtensionSummary> extensions) {

  /** Checks every field and copies the extensions. */
  public PluginSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(signature, "signature");
    extensions = List.copyOf(Objects.requireNonNull(extensions, "extensions"));
  }
}
