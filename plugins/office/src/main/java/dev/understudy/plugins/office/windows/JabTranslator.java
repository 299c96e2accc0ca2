package dev.understudy.plugins.office.windows;

import dev.understudy.plugins.office.a11y.Roles;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates Java Access Bridge callbacks, as the {@code jab} backend receives them from
 * {@code WindowsAccessBridge-64.dll}, into actions:
 *
 * <ul>
 *   <li>{@code FocusGained}: a focus move (and a window switch when it is in another window);
 *   <li>{@code PropertyStateChange} with {@code checked} on a check box, toggle or radio button: its new
 *       state; {@code pressed} on a button or menu item: an invocation (menu items with their menu
 *       path); {@code expanded}/{@code collapsed}: expand/collapse; {@code selected} on an item of a
 *       combo box's list: the option chosen;
 *   <li>{@code PropertyTextChange}: typing, coalesced per field (the element carries the text read when
 *       the event came);
 *   <li>{@code PropertyValueChange}: a value set at once (sliders, spinners);
 *   <li>{@code MenuSelected}: a menu opened (a selection).
 * </ul>
 *
 * Access Bridge reports a state change with the state's name in the new value when it was set and in
 * the old value when it was cleared. Not thread-safe: the backend's worker.
 */
final class JabTranslator {
  private static final Set<String> TOGGLES = Set.of("checkbox", "radio", "button");
  private final WindowsSession session;

  JabTranslator(long idleNanos) {
    this.session = new WindowsSession("jab", Roles::aria, idleNanos);
  }

  List<Action> translate(NativeEvent e) {
    NativeElement el = e.element();
    long t = e.timeUnixNanos();
    String role = session.role(el);
    switch (e.type()) {
      case "FocusGained" -> {
        return session.focus(el, t);
      }
      case "PropertyStateChange" -> {
        String on = lower(e.newValue());
        String off = lower(e.oldValue());
        String state = on.isEmpty() ? off : on;
        boolean set = !on.isEmpty();
        switch (state) {
          case "checked" -> {
            boolean toggle = TOGGLES.contains(role) && !el.role().equals("push button");
            return toggle && (set || !role.equals("radio")) ? session.checked(el, t, set) : List.of();
          }
          case "pressed" -> {
            return set && (role.equals("button") || role.startsWith("menuitem"))
                ? session.invoke(el, t, InvokeMethod.INVOKE_METHOD_UNSPECIFIED, "") : List.of();
          }
          case "expanded", "collapsed" -> {
            return set ? session.invoke(el, t, InvokeMethod.INVOKE_METHOD_UNSPECIFIED, state.equals("expanded")
                ? "expand" : "collapse") : List.of();
          }
          case "selected" -> {
            if (!set) {
              return List.of();
            }
            NativeElement combo = session.comboAround(el);
            return combo != null ? session.option(combo, el.name(), t) : session.selected(el, t);
          }
          default -> {
            return List.of();
          }
        }
      }
      case "PropertyTextChange" -> {
        return session.typed(el, t);
      }
      case "PropertyValueChange" -> {
        return session.value(el, t);
      }
      case "MenuSelected" -> {
        return session.selected(el, t);
      }
      default -> {
        return List.of();
      }
    }
  }

  List<Action> idle(long now) {
    return session.idle(now);
  }

  List<Action> finish() {
    return session.flush();
  }

  private static String lower(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
