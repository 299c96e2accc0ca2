package dev.understudy.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One plugin's configuration: string keys and values, with typed reads that fail naming the key.
 * Immutable and thread-safe.
 */
public final class PluginConfig {

  private static final PluginConfig EMPTY = new PluginConfig("", Map.of());

  private final String prefix;
  private final Map<String, String> values;

  private PluginConfig(String prefix, Map<String, String> values) {
    this.prefix = prefix;
    this.values = values;
  }

  /** A configuration with no keys. */
  public static PluginConfig empty() {
    return EMPTY;
  }

  /**
   * A configuration over these values.
   *
   * @param prefix how the keys are spelled in the user's configuration ("adapter.hello."), quoted in
   *     errors so the person can find the line
   */
  public static PluginConfig of(String prefix, Map<String, String> values) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(values, "values");
    return new PluginConfig(prefix, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  /** The value of a key, if set. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The value of a key, or the default. */
  public String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  /** The value of a key as an int, or the default; a value that is not an int fails naming the key. */
  public int getInt(String key, int defaultValue) {
    String value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(prefix + key + ": expected a whole number, got '" + value + "'");
    }
  }

  /** The value of a key as a boolean ("true"/"false"), or the default; anything else fails naming the key. */
  public boolean getBoolean(String key, boolean defaultValue) {
    String value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(prefix + key + ": expected true or false, got '" + value + "'");
    }
  }

  /** All keys and values, unmodifiable. */
  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return "PluginConfig" + values.keySet();
  }
}
