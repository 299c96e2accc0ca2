package dev.understudy.plugins.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Typed reads of a recorder message's fields that reject the message, naming the field, when a rule is broken. */
final class MessageFields {
  /** Longest name (accessible names, titles). */
  static final int MAX_NAME = 1_000;
  /** Longest locator value or URL. */
  static final int MAX_LOCATOR = 2_000;
  /** Longest value (typed text, clipboard text). */
  static final int MAX_VALUE = 10_000;
  /** Most entries in any array (locators, context, path steps, file names). */
  static final int MAX_ITEMS = 64;

  private MessageFields() {}

  static RejectedMessageException schema(String detail) {
    return new RejectedMessageException(Rejection.SCHEMA, detail);
  }

  static JsonNode object(JsonNode parent, String field) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw schema(field + ": expected an object");
    }
    return node;
  }

  static JsonNode optObject(JsonNode parent, String field) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw schema(field + ": expected an object");
    }
    return node;
  }

  static JsonNode array(JsonNode parent, String field) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!node.isArray() || node.size() > MAX_ITEMS) {
      throw schema(field + ": expected an array of at most " + MAX_ITEMS);
    }
    return node;
  }

  static String text(JsonNode parent, String field, int max) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw schema(field + ": expected a string");
    }
    return checkLength(field, node.textValue(), max);
  }

  static String optText(JsonNode parent, String field, int max) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw schema(field + ": expected a string");
    }
    return checkLength(field, node.textValue(), max);
  }

  private static String checkLength(String field, String value, int max) throws RejectedMessageException {
    if (value.length() > max) {
      throw schema(field + ": longer than " + max + " characters");
    }
    return value;
  }

  static boolean bool(JsonNode parent, String field) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isBoolean()) {
      throw schema(field + ": expected true or false");
    }
    return node.booleanValue();
  }

  static boolean optBool(JsonNode parent, String field) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw schema(field + ": expected true or false");
    }
    return node.booleanValue();
  }

  static long integer(JsonNode parent, String field, long min, long max) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw schema(field + ": expected a whole number from " + min + " to " + max);
    }
    return node.longValue();
  }

  static long optInteger(JsonNode parent, String field, long min, long max) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    return node == null || node.isNull() ? 0 : integer(parent, field, min, max);
  }

  static double number(JsonNode parent, String field, double min, double max) throws RejectedMessageException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isNumber() || !(node.doubleValue() >= min && node.doubleValue() <= max)) {
      throw schema(field + ": expected a number from " + min + " to " + max);
    }
    return node.doubleValue();
  }

  static String oneOf(JsonNode parent, String field, String... allowed) throws RejectedMessageException {
    String value = text(parent, field, 40);
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw schema(field + ": unknown value");
  }
}
