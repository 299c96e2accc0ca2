package dev.understudy.plugins.office.agent.inapp;

import java.util.List;

/**
 * Writes one JSON object, field by field, with nothing but the JDK (the agent must not bring a JSON
 * library into the application). Null values are left out. Not thread-safe; one instance per object.
 */
final class Json {
  private final StringBuilder out = new StringBuilder(128).append('{');
  private boolean first = true;

  static Json object() {
    return new Json();
  }

  Json put(String key, String value) {
    if (value != null) {
      key(key);
      string(out, value);
    }
    return this;
  }

  Json put(String key, long value) {
    key(key);
    out.append(value);
    return this;
  }

  Json put(String key, boolean value) {
    key(key);
    out.append(value);
    return this;
  }

  Json put(String key, Json value) {
    if (value != null) {
      key(key);
      out.append(value.toString());
    }
    return this;
  }

  Json putStrings(String key, List<String> values) {
    if (values != null) {
      key(key);
      out.append('[');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(out, values.get(i));
      }
      out.append(']');
    }
    return this;
  }

  Json putObjects(String key, List<Json> values) {
    if (values != null) {
      key(key);
      out.append('[');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(values.get(i).toString());
      }
      out.append(']');
    }
    return this;
  }

  Json putInts(String key, int... values) {
    key(key);
    out.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values[i]);
    }
    out.append(']');
    return this;
  }

  private void key(String key) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(out, key);
    out.append(':');
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out + "}";
  }
}
