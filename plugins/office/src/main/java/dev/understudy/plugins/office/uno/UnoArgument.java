package dev.understudy.plugins.office.uno;

import java.util.Objects;

/**
 * One argument of a recorded UNO command, as text, with the UNO type it had so that a replay can give
 * it back the same type. Immutable. Public only for the bridge's class loader (see {@link UnoBridge}).
 *
 * @param name the argument's name, e.g. {@code Bold}, {@code ToPoint}, {@code FontHeight.Height}
 * @param value its value as text; empty for values that are objects (a status indicator, a handler)
 * @param type its UNO type: {@code string}, {@code boolean}, {@code short}, {@code long}, {@code hyper},
 *     {@code float}, {@code double}, {@code byte}, or {@code object} for values that cannot be replayed
 */
public record UnoArgument(String name, String value, String type) {
  public UnoArgument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
  }

  /** Whether the value was an object reference (not text, number or truth value). */
  public boolean isObject() {
    return type.equals("object");
  }
}
