package dev.understudy.core.plugin;

import java.util.Objects;

/**
 * An extension found in a plugin, with the identity its PF4J descriptor gave the plugin.
 *
 * @param pluginId {@code Plugin-Id}
 * @param pluginVersion {@code Plugin-Version}
 * @param provider the extension instance: an {@link dev.understudy.api.AdapterProvider},
 *     {@link dev.understudy.api.ActionProcessorProvider} or {@link dev.understudy.api.SinkProvider}
 * @param <T> the extension point
 */
public record LoadedProvider<T>(String pluginId, String pluginVersion, T provider) {

  /** Checks every field. */
  public LoadedProvider {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(pluginVersion, "pluginVersion");
    Objects.requireNonNull(provider, "provider");
  }
}
