package dev.understudy.plugins.office.windows;

import dev.understudy.plugins.office.a11y.Roles;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Bounds;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Selection;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the Windows backends have seen so far, turned into actions: the API-specific translators say
 * what happened (focus, an invocation, a toggle, typing...) and this keeps the rest — the focused
 * element and window (a focus in another top-level window is a window switch first), the field being
 * typed into (one value when the person leaves it or pauses), and how targets are named.
 *
 * <p>Not thread-safe: one backend worker thread.
 */
final class WindowsSession {
  /** Attribute: the role as the API named it. */
  static final String ROLE = "windows.role";
  /** Attribute: which API saw the action ({@code jab} or {@code uia}). */
  static final String API = "windows.api";

  private static final Set<String> FOCUS_NOISE = Set.of("window", "group", "unknown", "root pane",
      "layered pane", "panel", "pane", "viewport", "scroll pane", "filler", "menubar");
  private static final Set<String> MENU = Set.of("menu", "menuitem", "menuitemcheckbox", "menuitemradio");

  private final String api;
  private final UnaryOperator<String> aria;
  private final long idleNanos;
  private NativeElement focused;
  private NativeElement window;
  private NativeElement typing;
  private long typingSince;
  private long typingLast;

  /**
   * @param aria the API's role to an ARIA-style role
   * @param idleNanos how long a typing pause ends a field's run
   */
  WindowsSession(String api, UnaryOperator<String> aria, long idleNanos) {
    this.api = api;
    this.aria = aria;
    this.idleNanos = idleNanos;
  }

  /** The ARIA-style role of an element. */
  String role(NativeElement e) {
    return aria.apply(e.role());
  }

  List<Action> focus(NativeElement e, long t) {
    List<Action> out = leaveField(e, t);
    if (FOCUS_NOISE.contains(role(e)) || focused != null && focused.id().equals(e.id()) && !e.id().isEmpty()) {
      return out;
    }
    Focus.Builder f = Focus.newBuilder();
    if (focused != null) {
      f.setPreviousRole(role(focused)).setPreviousName(focused.name());
    }
    focused = e;
    out.add(base(e, t).setFocus(f).build());
    return out;
  }

  /** A top-level window opened or became active. */
  List<Action> window(NativeElement w, long t) {
    List<Action> out = new ArrayList<>(flush());
    switchTo(w.app(), w.name().isEmpty() ? w.window() : w.name(), t, out);
    return out;
  }

  List<Action> invoke(NativeElement e, long t, InvokeMethod method, String command) {
    List<Action> out = leaveField(e, t);
    Invoke.Builder invoke = Invoke.newBuilder().setCommand(command == null ? "" : command);
    List<String> menus = menuPath(e);
    if (!menus.isEmpty()) {
      invoke.setMethod(InvokeMethod.INVOKE_METHOD_MENU).addAllMenuPath(menus);
    } else {
      invoke.setMethod(method);
    }
    out.add(base(e, t).setInvoke(invoke).build());
    return out;
  }

  List<Action> checked(NativeElement e, long t, boolean on) {
    List<Action> out = leaveField(e, t);
    out.add(base(e, t).setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_CHECKED)
        .setValue(Boolean.toString(on))).build());
    return out;
  }

  /** An option chosen in {@code field} (a combo box, a list): its label is the value. */
  List<Action> option(NativeElement field, String label, long t) {
    List<Action> out = leaveField(field, t);
    out.add(base(field, t).setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_OPTION)
        .setValue(label == null ? "" : label)).build());
    return out;
  }

  List<Action> selected(NativeElement e, long t) {
    List<Action> out = leaveField(e, t);
    out.add(base(e, t).setSelection(Selection.newBuilder().setItemCount(1)).build());
    return out;
  }

  /** A value set at once (a slider, a spinner): no coalescing. */
  List<Action> value(NativeElement e, long t) {
    List<Action> out = leaveField(e, t);
    ValueChange.Builder v = ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_UNSPECIFIED);
    out.add(base(e, t).setValueChange(secure(e) ? v.setValueOmitted(true) : v.setValue(nullToEmpty(e.value()))).build());
    return out;
  }

  /** The text of a field changed; held until the person leaves the field or pauses. */
  List<Action> typed(NativeElement e, long t) {
    List<Action> out = new ArrayList<>();
    if (typing != null && !typing.id().equals(e.id())) {
      out.addAll(flush());
    }
    if (typing == null) {
      typingSince = t;
    }
    typing = e;
    typingLast = t;
    return out;
  }

  /** Ends a field's run after a pause. */
  List<Action> idle(long now) {
    return typing != null && now - typingLast >= idleNanos ? flush() : List.of();
  }

  /** Ends whatever is held. */
  List<Action> flush() {
    NativeElement e = typing;
    typing = null;
    if (e == null) {
      return new ArrayList<>();
    }
    ValueChange.Builder v = ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_TEXT);
    List<Action> out = new ArrayList<>(1);
    out.add(base(e, typingSince).setValueChange(secure(e) ? v.setValueOmitted(true) : v.setValue(nullToEmpty(e.value())))
        .build());
    return out;
  }

  private List<Action> leaveField(NativeElement next, long t) {
    List<Action> out = new ArrayList<>();
    if (typing != null && !typing.id().equals(next.id())) {
      out.addAll(flush());
    }
    if (!next.window().isEmpty()) {
      switchTo(next.app(), next.window(), t, out);
    }
    return out;
  }

  private void switchTo(String app, String title, long t, List<Action> out) {
    if (window != null && window.window().equals(title) && window.app().equals(app)) {
      return;
    }
    WindowSwitch.Builder w = WindowSwitch.newBuilder().setTo(WindowRef.newBuilder().setAppId(app).setTitle(title));
    if (window != null) {
      w.setFrom(WindowRef.newBuilder().setAppId(window.app()).setTitle(window.window()));
    }
    window = new NativeElement("", "window", title, "", false, null, null, app, title, null, null);
    out.add(Action.newBuilder().setTimeUnixNano(t).setSource(Source.newBuilder().setAppId(app).setWindowTitle(title))
        .setTarget(Target.newBuilder().setRole("window").setName(title)).setWindowSwitch(w)
        .addAttributes(Attribute.newBuilder().setKey(API).setValue(api)).build());
  }

  /** The combo box an option belongs to, as an element of its own (the value change's target), or null. */
  NativeElement comboAround(NativeElement item) {
    List<NativeElement.Ancestor> a = item.ancestors();
    for (int i = a.size() - 1; i >= 0; i--) {
      if (aria.apply(a.get(i).role()).equals("combobox")) {
        return new NativeElement(item.id() + "#combo", a.get(i).role(), a.get(i).name(), "", false, null, null,
            item.app(), item.window(), a.subList(0, i), null);
      }
    }
    return null;
  }

  private boolean secure(NativeElement e) {
    return e.password() || Roles.isPassword(e.role());
  }

  private List<String> menuPath(NativeElement e) {
    if (!MENU.contains(role(e))) {
      return List.of();
    }
    List<String> path = new ArrayList<>();
    for (NativeElement.Ancestor a : e.ancestors()) {
      String r = aria.apply(a.role());
      if (MENU.contains(r) && !a.name().isBlank() && (path.isEmpty() || !path.get(path.size() - 1).equals(a.name()))) {
        path.add(a.name());
      }
    }
    path.add(e.name());
    return path;
  }

  private Action.Builder base(NativeElement e, long t) {
    Target.Builder target = Target.newBuilder().setRole(role(e)).setName(e.name()).setSecure(secure(e));
    if (!e.automationId().isEmpty()) {
      target.addLocators(Locator.newBuilder().setTestId(e.automationId()));
    }
    if (!e.window().isEmpty()) {
      target.addContext(ContextElement.newBuilder().setRole("window").setName(e.window()));
    }
    for (NativeElement.Ancestor a : e.ancestors()) {
      String r = aria.apply(a.role());
      if (!a.name().isBlank() && Set.of("dialog", "group", "tab", "tablist", "toolbar").contains(r)) {
        target.addContext(ContextElement.newBuilder().setRole(r).setName(a.name()));
      }
    }
    if (e.bounds() != null && e.bounds().length == 4) {
      target.setBounds(Bounds.newBuilder().setXPx(e.bounds()[0]).setYPx(e.bounds()[1]).setWidthPx(e.bounds()[2])
          .setHeightPx(e.bounds()[3]));
    }
    return Action.newBuilder().setTimeUnixNano(t)
        .setSource(Source.newBuilder().setAppId(e.app()).setWindowTitle(e.window()))
        .setTarget(target)
        .addAttributes(Attribute.newBuilder().setKey(ROLE).setValue(e.role()))
        .addAttributes(Attribute.newBuilder().setKey(API).setValue(api));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
