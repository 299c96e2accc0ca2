package dev.understudy.core;

import dev.understudy.api.PluginConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits the flat runtime configuration ({@code adapter.<name>.<key>=value}, {@code processor.…},
 * {@code sink.…}) into one {@link PluginConfig} per component, and rejects keys nobody understands with
 * an error that names the key and says what would have been accepted.
 */
final class ComponentConfig {

  private final Map<String, String> values;

  ComponentConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The configuration of one component, e.g. ("adapter", "hello"). */
  PluginConfig forComponent(String kind, String name) {
    String prefix = kind + "." + name + ".";
    Map<String, String> own = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            own.put(key.substring(prefix.length()), value);
          }
        });
    return PluginConfig.of(prefix, own);
  }

  /**
   * Checks every key against the components present and the keys each declares.
   *
   * @param known kind ("adapter") → component name → keys it understands
   * @throws IllegalArgumentException naming the first bad key
   */
  void validate(Map<String, Map<String, Set<String>>> known) {
    for (String key : values.keySet()) {
      String[] parts = key.split("\\.", 3);
      if (parts.length < 3 || parts[2].isEmpty()) {
        throw new IllegalArgumentException(
            "invalid configuration key '" + key + "': expected adapter.<name>.<key>, processor.<name>.<key> or sink.<name>.<key>");
      }
      Map<String, Set<String>> components = known.get(parts[0]);
      if (components == null) {
        throw new IllegalArgumentException(
            "invalid configuration key '" + key + "': '" + parts[0] + "' is not adapter, processor or sink");
      }
      Set<String> keys = components.get(parts[1]);
      if (keys == null) {
        throw new IllegalArgumentException(
            "invalid configuration key '" + key + "': no " + parts[0] + " named '" + parts[1] + "' (have: "
                + String.join(", ", new TreeSet<>(components.keySet())) + ")");
      }
      if (!keys.contains(parts[2])) {
        List<String> accepted = new ArrayList<>(new TreeSet<>(keys));
        throw new IllegalArgumentException(
            "invalid configuration key '" + key + "': " + parts[0] + " '" + parts[1] + "' understands "
                + (accepted.isEmpty() ? "no keys" : String.join(", ", accepted)));
      }
    }
  }

  /** The values, for the session's configuration hash. */
  Map<String, String> values() {
    return values;
  }
}
