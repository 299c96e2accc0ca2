package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.beans.PropertyValue;
import com.sun.star.uno.Any;
import com.sun.star.uno.Enum;
import dev.understudy.plugins.office.uno.UnoArgument;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns recorded UNO arguments into {@link UnoArgument}s and back. Never calls LibreOffice: argument
 * values that are object references are kept as their type only. Stateless.
 */
final class Values {
  private Values() {}

  /** The arguments as text with their UNO types, in order. */
  static List<UnoArgument> arguments(PropertyValue[] values) {
    List<UnoArgument> out = new ArrayList<>(values == null ? 0 : values.length);
    if (values == null) {
      return out;
    }
    for (PropertyValue p : values) {
      if (p != null && p.Name != null) {
        out.add(argument(p.Name, p.Value));
      }
    }
    return out;
  }

  static UnoArgument argument(String name, Object value) {
    Object v = value instanceof Any any ? any.getObject() : value;
    if (v == null) {
      return new UnoArgument(name, "", "void");
    }
    if (v instanceof String s) {
      return new UnoArgument(name, s, "string");
    }
    if (v instanceof Boolean b) {
      return new UnoArgument(name, b.toString(), "boolean");
    }
    if (v instanceof Short s) {
      return new UnoArgument(name, s.toString(), "short");
    }
    if (v instanceof Integer i) {
      return new UnoArgument(name, i.toString(), "long");
    }
    if (v instanceof Long l) {
      return new UnoArgument(name, l.toString(), "hyper");
    }
    if (v instanceof Float f) {
      return new UnoArgument(name, f.toString(), "float");
    }
    if (v instanceof Double d) {
      return new UnoArgument(name, d.toString(), "double");
    }
    if (v instanceof Byte b) {
      return new UnoArgument(name, b.toString(), "byte");
    }
    if (v instanceof Character c) {
      return new UnoArgument(name, c.toString(), "char");
    }
    if (v instanceof Enum e) {
      return new UnoArgument(name, Integer.toString(e.getValue()), "enum:" + e.getClass().getName());
    }
    // Interfaces (status indicators, interaction handlers), structs and sequences: not text.
    return new UnoArgument(name, "", "object");
  }

  /** The UNO value for a recorded argument, or null when it cannot be rebuilt (objects). */
  static Object value(UnoArgument a) {
    String v = a.value();
    switch (a.type()) {
      case "string":
        return v;
      case "boolean":
        return Boolean.valueOf(v);
      case "short":
        return Short.valueOf(v);
      case "long":
        return Integer.valueOf(v);
      case "hyper":
        return Long.valueOf(v);
      case "float":
        return Float.valueOf(v);
      case "double":
        return Double.valueOf(v);
      case "byte":
        return Byte.valueOf(v);
      case "char":
        return v.isEmpty() ? null : v.charAt(0);
      default:
        if (a.type().startsWith("enum:")) {
          return enumValue(a.type().substring(5), Integer.parseInt(v));
        }
        return null;
    }
  }

  private static Object enumValue(String className, int value) {
    try {
      return Class.forName(className, true, Values.class.getClassLoader())
          .getMethod("fromInt", int.class).invoke(null, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Rebuilds the property values of a replay step; arguments that cannot be rebuilt are left out. */
  static PropertyValue[] properties(List<UnoArgument> arguments) {
    List<PropertyValue> out = new ArrayList<>();
    for (UnoArgument a : arguments) {
      Object v = value(a);
      if (v != null) {
        PropertyValue p = new PropertyValue();
        p.Name = a.name();
        p.Value = v;
        out.add(p);
      }
    }
    return out.toArray(new PropertyValue[0]);
  }
}
