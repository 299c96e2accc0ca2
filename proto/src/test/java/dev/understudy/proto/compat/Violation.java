package dev.understudy.proto.compat;

import java.util.Objects;

/**
 * One breaking change found between a baseline schema and the current one.
 *
 * @param rule which compatibility rule the change breaks
 * @param message a readable sentence naming the message or enum, the field or value and the numbers
 */
record Violation(Rule rule, String message) {

  /** The compatibility rules {@link SchemaCompatibility} enforces. */
  enum Rule {
    /** A file's {@code package} changed: every full name in it changed. */
    PACKAGE_CHANGED,
    /** A file's {@code java_package} changed: every generated class moved. */
    JAVA_PACKAGE_CHANGED,
    /** {@code java_multiple_files} or {@code java_outer_classname} changed: generated classes renamed. */
    JAVA_OPTION_CHANGED,
    /** A message of the baseline is gone. */
    MESSAGE_REMOVED,
    /** An enum of the baseline is gone. */
    ENUM_REMOVED,
    /** A field's number is gone and its number or name was not reserved. */
    FIELD_REMOVED,
    /** A field kept its name but got another number. */
    FIELD_RENUMBERED,
    /** A field kept its number but got another name (breaks JSON and generated code). */
    FIELD_RENAMED,
    /** A field's type or message/enum type changed. */
    FIELD_TYPE_CHANGED,
    /** A field changed between singular and repeated. */
    FIELD_LABEL_CHANGED,
    /** A field moved into, out of, or between oneofs. */
    FIELD_ONEOF_CHANGED,
    /** An enum value's number is gone and its number or name was not reserved. */
    ENUM_VALUE_REMOVED,
    /** An enum value kept its name but got another number. */
    ENUM_VALUE_RENUMBERED,
    /** An enum value kept its number but got another name (breaks JSON). */
    ENUM_VALUE_RENAMED,
    /** A reserved number or name of the baseline is no longer reserved. */
    RESERVED_REMOVED,
    /** An extension (a custom option) was removed or changed number, type, label or extendee. */
    EXTENSION_CHANGED,
    /**
     * A field lost {@code (understudy.v1.sensitive)}. Not a wire break, but it silently takes the field
     * out of redaction, so it is refused like one.
     */
    SENSITIVE_REMOVED
  }

  Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return rule + ": " + message;
  }
}
