package dev.understudy.plugins.office;

import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.uno.UnoBackend;
import dev.understudy.plugins.office.uno.UnoOptions;
import dev.understudy.plugins.office.agent.AgentBackend;
import dev.understudy.plugins.office.atspi.AtspiBackend;
import dev.understudy.plugins.office.windows.JabBackend;
import dev.understudy.plugins.office.windows.UiaBackend;
import dev.understudy.plugins.office.x11.X11Backend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The backends the office adapter knows, by name. Each factory builds a backend from the adapter's
 * configuration and fails, naming the key, on a bad value. Immutable once built; thread-safe.
 */
final class Backends {
  private final Map<String, Function<PluginConfig, Backend>> factories;
  private final Set<String> configKeys;

  private Backends(Map<String, Function<PluginConfig, Backend>> factories, Set<String> configKeys) {
    this.factories = Map.copyOf(factories);
    Set<String> keys = new TreeSet<>(configKeys);
    keys.add("backends");
    this.configKeys = Set.copyOf(keys);
  }

  /** The backends that ship with the plugin. */
  static Backends standard() {
    Map<String, Function<PluginConfig, Backend>> f = new LinkedHashMap<>();
    Set<String> keys = new TreeSet<>();
    f.put(UnoBackend.NAME, UnoBackend::new);
    keys.addAll(UnoOptions.KEYS);
    f.put(AgentBackend.NAME, AgentBackend::new);
    f.put(X11Backend.NAME, X11Backend::new);
    f.put(AtspiBackend.NAME, AtspiBackend::new);
    f.put(JabBackend.NAME, JabBackend::new);
    f.put(UiaBackend.NAME, UiaBackend::new);
    return new Backends(f, keys);
  }

  /** A registry over exactly these factories (tests). */
  static Backends of(Map<String, Function<PluginConfig, Backend>> factories) {
    return new Backends(new LinkedHashMap<>(Objects.requireNonNull(factories, "factories")), Set.of());
  }

  /** The configuration keys of the adapter and its backends, without the {@code adapter.office.} prefix. */
  Set<String> configKeys() {
    return configKeys;
  }

  /** Builds the backend with this name; unknown names fail, listing the known ones. */
  Backend create(String name, PluginConfig config) {
    Function<PluginConfig, Backend> factory = factories.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("adapter.office.backends: unknown backend '" + name + "'; known: "
          + String.join(", ", new TreeSet<>(factories.keySet())));
    }
    return factory.apply(config);
  }
}
