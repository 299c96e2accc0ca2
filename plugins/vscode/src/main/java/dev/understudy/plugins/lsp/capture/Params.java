package dev.understudy.plugins.lsp.capture;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Reads the parameters of an {@code understudy/*} notification. A required value that is missing or of the
 * wrong type throws {@link IllegalArgumentException} naming the field, so the notification is counted as
 * malformed and ignored as a whole.
 */
final class Params {

  private Params() {}

  static JsonObject object(JsonObject params) {
    if (params == null) {
      throw new IllegalArgumentException("params: missing");
    }
    return params;
  }

  /** A required, non-empty string. */
  static String text(JsonObject p, String name) {
    String s = optionalText(p, name);
    if (s.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected a non-empty string");
    }
    return s;
  }

  /** An optional string (or number, as its text); empty when missing or null. */
  static String optionalText(JsonObject p, String name) {
    JsonElement e = p.get(name);
    if (e == null || e.isJsonNull()) {
      return "";
    }
    if (!e.isJsonPrimitive() || ((JsonPrimitive) e).isBoolean()) {
      throw new IllegalArgumentException(name + ": expected a string");
    }
    return e.getAsString();
  }

  /** One of the allowed values. */
  static String oneOf(JsonObject p, String name, String... allowed) {
    String s = text(p, name);
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw new IllegalArgumentException(name + ": expected one of " + String.join(", ", allowed) + ", got '" + s + "'");
  }

  static boolean bool(JsonObject p, String name) {
    JsonElement e = p.get(name);
    if (e == null || !e.isJsonPrimitive() || !((JsonPrimitive) e).isBoolean()) {
      throw new IllegalArgumentException(name + ": expected true or false");
    }
    return e.getAsBoolean();
  }

  /** A required whole number 0 or more. */
  static int natural(JsonObject p, String name) {
    JsonElement e = p.get(name);
    if (e == null || !e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
      throw new IllegalArgumentException(name + ": expected a number");
    }
    double d = e.getAsDouble();
    if (d < 0 || d > Integer.MAX_VALUE || d != Math.rint(d)) {
      throw new IllegalArgumentException(name + ": expected a whole number 0 or more, got " + e);
    }
    return (int) d;
  }

  /** The event time in milliseconds since the epoch; 0 when missing or null. */
  static long time(JsonObject p) {
    JsonElement e = p.get("time");
    if (e == null || e.isJsonNull()) {
      return 0;
    }
    if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber() || e.getAsDouble() < 0) {
      throw new IllegalArgumentException("time: expected milliseconds since the epoch");
    }
    return e.getAsLong();
  }

  /** An array of objects; empty when missing or null. */
  static java.util.List<JsonObject> objects(JsonObject p, String name) {
    JsonElement e = p.get(name);
    if (e == null || e.isJsonNull()) {
      return java.util.List.of();
    }
    if (!e.isJsonArray()) {
      throw new IllegalArgumentException(name + ": expected an array");
    }
    java.util.List<JsonObject> out = new java.util.ArrayList<>();
    for (JsonElement item : (JsonArray) e) {
      if (!item.isJsonObject()) {
        throw new IllegalArgumentException(name + ": expected objects");
      }
      out.add(item.getAsJsonObject());
    }
    return out;
  }

  /** A required object. */
  static JsonObject child(JsonObject p, String name) {
    JsonElement e = p.get(name);
    if (e == null || !e.isJsonObject()) {
      throw new IllegalArgumentException(name + ": expected an object");
    }
    return e.getAsJsonObject();
  }
}
