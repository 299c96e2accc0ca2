package dev.understudy.plugins.office.windows;

import dev.understudy.plugins.office.a11y.Roles;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import java.util.List;

/**
 * Translates UI Automation events, as the {@code uia} backend's handlers receive them, into actions:
 *
 * <ul>
 *   <li>{@code FocusChanged}: a focus move (a window switch first when it is in another window);
 *   <li>{@code Automation:20009} (Invoke_Invoked): an invocation, menu items with their menu path;
 *   <li>{@code Automation:20016} (Window_WindowOpened): a window switch to the new window;
 *   <li>{@code Property:30086} (ToggleState; 0 off, 1 on, 2 indeterminate): a checked state;
 *   <li>{@code Property:30045} (Value.Value): typing in an edit, coalesced per field; in a combo box,
 *       the option chosen;
 *   <li>{@code Property:30079} (SelectionItem.IsSelected, true): an option chosen when the item sits in
 *       a combo box, else a selection;
 *   <li>{@code Property:30070} (ExpandCollapseState; 0 collapsed, 1 expanded): expand or collapse.
 * </ul>
 *
 * Control types arrive by name ("Button"); UI Automation's "Text" is static text, a label. Not
 * thread-safe: the backend's worker.
 */
final class UiaTranslator {
  /** Invoke_Invoked. */
  static final int INVOKE_INVOKED = 20009;
  /** Window_WindowOpened. */
  static final int WINDOW_OPENED = 20016;
  /** ToggleState. */
  static final int TOGGLE_STATE = 30086;
  /** Value.Value. */
  static final int VALUE = 30045;
  /** SelectionItem.IsSelected. */
  static final int IS_SELECTED = 30079;
  /** ExpandCollapseState. */
  static final int EXPAND_COLLAPSE = 30070;

  private final WindowsSession session;

  UiaTranslator(long idleNanos) {
    this.session = new WindowsSession("uia", UiaTranslator::aria, idleNanos);
  }

  /** UI Automation's control type names as ARIA-style roles. */
  static String aria(String controlType) {
    return "Text".equals(controlType) ? "label" : Roles.aria(controlType);
  }

  List<Action> translate(NativeEvent e) {
    NativeElement el = e.element();
    long t = e.timeUnixNanos();
    String role = session.role(el);
    String type = e.type();
    if (type.equals("FocusChanged")) {
      return session.focus(el, t);
    }
    int id = type.indexOf(':') > 0 ? parse(type.substring(type.indexOf(':') + 1)) : -1;
    if (type.startsWith("Automation:")) {
      if (id == INVOKE_INVOKED) {
        return session.invoke(el, t, InvokeMethod.INVOKE_METHOD_UNSPECIFIED, "");
      }
      return id == WINDOW_OPENED ? session.window(el, t) : List.of();
    }
    if (!type.startsWith("Property:")) {
      return List.of();
    }
    String v = e.newValue() == null ? "" : e.newValue().strip();
    return switch (id) {
      case TOGGLE_STATE -> v.equals("0") || v.equals("1") ? session.checked(el, t, v.equals("1")) : List.of();
      case VALUE -> role.equals("combobox") ? session.option(el, el.password() ? "" : v, t) : session.typed(el, t);
      case IS_SELECTED -> {
        if (!v.equalsIgnoreCase("true") && !v.equals("-1")) {
          yield List.of();
        }
        NativeElement combo = session.comboAround(el);
        yield combo != null ? session.option(combo, el.name(), t) : session.selected(el, t);
      }
      case EXPAND_COLLAPSE -> v.equals("1") || v.equals("0")
          ? session.invoke(el, t, InvokeMethod.INVOKE_METHOD_UNSPECIFIED, v.equals("1") ? "expand" : "collapse")
          : List.of();
      default -> List.of();
    };
  }

  List<Action> idle(long now) {
    return session.idle(now);
  }

  List<Action> finish() {
    return session.flush();
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
