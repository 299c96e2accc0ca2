package dev.understudy.plugins.office.atspi;

import java.util.Optional;
import java.util.Set;
import org.freedesktop.dbus.types.Variant;

/**
 * One AT-SPI event worth describing, reduced on the D-Bus signal thread from the signal's
 * interface, member and arguments ({@code (s detail, i detail1, i detail2, v any_data, ...)}).
 * Everything else — "showing", "visible", "armed", bounds and children changes, the bulk of an
 * application's start-up flood — is recognised and dropped here, before it costs a queue slot.
 *
 * @param kind what happened
 * @param node the object it happened to
 * @param detail the state name for {@link Kind#STATE}
 * @param on the new state for {@link Kind#STATE}
 * @param offset the character offset for text changes
 * @param length the number of characters for text changes
 * @param text the inserted text (unreliable for deletions; never used for secure fields)
 * @param timeUnixNanos when the recorder received it
 */
record AtspiEvent(Kind kind, Node node, String detail, boolean on, int offset, int length, String text,
    long timeUnixNanos) {

  /** The kinds the backend translates. */
  enum Kind { FOCUS, STATE, TEXT_INSERT, TEXT_DELETE, WINDOW_ACTIVATE, NAME_CHANGED }

  /** Object events the backend registers for (narrowly: applications only emit what someone wants). */
  static final Set<String> REGISTERED = Set.of("object:state-changed:focused", "object:state-changed:checked",
      "object:state-changed:selected", "object:state-changed:expanded", "object:state-changed:pressed",
      "object:text-changed", "object:property-change:accessible-name", "window:activate", "focus:");

  /** States that become actions; other state changes are dropped. */
  static final Set<String> STATES = Set.of("checked", "selected", "expanded", "pressed");

  /**
   * The event a signal carries, if it is one the backend translates.
   *
   * @param member the signal's member within its interface ("StateChanged")
   * @param args the signal's arguments
   */
  static Optional<AtspiEvent> classify(String iface, String member, String bus, String path, Object[] args,
      long timeUnixNanos) {
    if (args == null || args.length < 3 || bus == null || path == null) {
      return Optional.empty();
    }
    String detail = args[0] instanceof String s ? s : "";
    int detail1 = args[1] instanceof Number n ? n.intValue() : 0;
    int detail2 = args[2] instanceof Number n ? n.intValue() : 0;
    Node node = new Node(bus, path);
    switch (iface + "." + member) {
      case "org.a11y.atspi.Event.Object.StateChanged" -> {
        if (detail.equals("focused")) {
          return detail1 == 1 ? Optional.of(new AtspiEvent(Kind.FOCUS, node, detail, true, 0, 0, "", timeUnixNanos))
              : Optional.empty();
        }
        return STATES.contains(detail)
            ? Optional.of(new AtspiEvent(Kind.STATE, node, detail, detail1 == 1, 0, 0, "", timeUnixNanos))
            : Optional.empty();
      }
      case "org.a11y.atspi.Event.Object.TextChanged" -> {
        String text = args.length > 3 ? anyText(args[3]) : "";
        if (detail.startsWith("insert")) {
          return Optional.of(new AtspiEvent(Kind.TEXT_INSERT, node, detail, true, detail1, detail2, text, timeUnixNanos));
        }
        if (detail.startsWith("delete")) {
          return Optional.of(new AtspiEvent(Kind.TEXT_DELETE, node, detail, true, detail1, detail2, text, timeUnixNanos));
        }
        return Optional.empty();
      }
      case "org.a11y.atspi.Event.Object.PropertyChange" -> {
        return detail.equals("accessible-name")
            ? Optional.of(new AtspiEvent(Kind.NAME_CHANGED, node, detail, true, 0, 0, "", timeUnixNanos))
            : Optional.empty();
      }
      case "org.a11y.atspi.Event.Focus.Focus" -> {
        return Optional.of(new AtspiEvent(Kind.FOCUS, node, "focus", true, 0, 0, "", timeUnixNanos));
      }
      case "org.a11y.atspi.Event.Window.Activate" -> {
        return Optional.of(new AtspiEvent(Kind.WINDOW_ACTIVATE, node, "activate", true, 0, 0, "", timeUnixNanos));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static String anyText(Object any) {
    Object v = any instanceof Variant<?> variant ? variant.getValue() : any;
    return v instanceof String s ? s : "";
  }
}
