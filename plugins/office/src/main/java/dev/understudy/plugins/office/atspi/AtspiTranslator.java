package dev.understudy.plugins.office.atspi;

import dev.understudy.plugins.office.a11y.Roles;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Selection;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns AT-SPI events into actions: focus moves, window activation (a window switch), checked and
 * expanded states, selected menu entries and items, pressed buttons and menu items (with the menu
 * path), and text changes coalesced per object — a field's whole value when the person leaves it, a
 * document's contiguous insertion as one edit. A password field's run says only that it changed.
 *
 * <p>Objects are described lazily: only an event that becomes an action costs a description. An
 * object that cannot be described (its application closed) loses the event, which is counted through
 * the loss consumer with a reason, never thrown.
 *
 * <p>Not thread-safe: the backend's worker thread only.
 */
final class AtspiTranslator {
  /** Attribute: the role as AT-SPI names it. */
  static final String ROLE = "atspi.role";
  /** Attribute: the AT-SPI state an action came from. */
  static final String STATE = "atspi.state";
  /** Loss reason for an event whose object could not be described. */
  static final String VANISHED = "AT-SPI object vanished before it could be described (application closed or hung)";

  /** Roles focus lands on without being something a person works with. */
  private static final Set<String> FOCUS_NOISE = Set.of("frame", "window", "panel", "filler", "root pane",
      "layered pane", "viewport", "scroll pane", "menu bar", "unknown", "redundant object", "application", "invalid");
  private static final Set<String> TOGGLES = Set.of("check box", "toggle button", "radio button");
  /**
   * Roles whose text the application writes, never the person: a status bar's word count, the Undo
   * entry's "Undo: Typing ..." (LibreOffice rewrites both while one types).
   */
  private static final Set<String> NOT_TYPED = Set.of("label", "static", "status bar", "tool tip", "menu", "menu item",
      "check menu item", "radio menu item", "push button", "toggle button", "page tab");
  private static final Set<String> MENU_ITEMS = Set.of("menu item", "check menu item", "radio menu item", "menu");
  private static final Set<String> FIELDS = Set.of("text", "entry", "password text", "spin button", "combo box",
      "editbar");

  private final Describer describer;
  private final Consumer<String> lost;
  private final long idleNanos;
  private TextRun run;
  private Description lastFocus;
  private Description lastWindow;

  /**
   * @param lost told the reason each time an event is lost
   * @param idleNanos how long a typing pause ends a run
   */
  AtspiTranslator(Describer describer, Consumer<String> lost, long idleNanos) {
    this.describer = describer;
    this.lost = lost;
    this.idleNanos = idleNanos;
  }

  /** The actions one event makes (a finished text run may come first). */
  List<Action> accept(AtspiEvent e) {
    if (e.kind() == AtspiEvent.Kind.NAME_CHANGED) {
      describer.forget(e.node());
      return List.of();
    }
    List<Action> out = new ArrayList<>(2);
    boolean text = e.kind() == AtspiEvent.Kind.TEXT_INSERT || e.kind() == AtspiEvent.Kind.TEXT_DELETE;
    if (text && run != null && run.absorb(e)) {
      return out;
    }
    if (text) {
      Optional<Description> d = describer.describe(e.node());
      if (d.isPresent() && NOT_TYPED.contains(d.get().role())) {
        return out; // the application rewrote a label or a menu entry: not typing, and no end to a run
      }
      flush(out);
      if (d.isEmpty()) {
        lost.accept(VANISHED);
      } else {
        run = TextRun.start(e, isField(d.get()));
      }
      return out;
    }
    flush(out);
    Optional<Description> d = describer.describe(e.node());
    if (d.isEmpty()) {
      lost.accept(VANISHED);
      return out;
    }
    translate(e, d.get()).ifPresent(out::add);
    return out;
  }

  /** Ends a run the person has paused in for the idle time. */
  List<Action> idle(long nowUnixNanos) {
    List<Action> out = new ArrayList<>(1);
    if (run != null && nowUnixNanos - run.lastNanos() >= idleNanos) {
      flush(out);
    }
    return out;
  }

  /** Ends whatever is held (the backend is stopping). */
  List<Action> finish() {
    List<Action> out = new ArrayList<>(1);
    flush(out);
    return out;
  }

  private static boolean isField(Description d) {
    return d.has(Description.SINGLE_LINE) || !d.has(Description.MULTI_LINE) && FIELDS.contains(d.role())
        || Roles.isPassword(d.role());
  }

  private Optional<Action> translate(AtspiEvent e, Description d) {
    Action.Builder a = base(d, e.timeUnixNanos());
    switch (e.kind()) {
      case FOCUS -> {
        if (FOCUS_NOISE.contains(d.role()) || d.equals(lastFocus)) {
          return Optional.empty();
        }
        Focus.Builder f = Focus.newBuilder();
        if (lastFocus != null) {
          f.setPreviousRole(Roles.aria(lastFocus.role())).setPreviousName(lastFocus.name());
        }
        lastFocus = d;
        return Optional.of(a.setFocus(f).build());
      }
      case WINDOW_ACTIVATE -> {
        WindowSwitch.Builder w = WindowSwitch.newBuilder().setTo(WindowRef.newBuilder().setAppId(d.app()).setTitle(d.name()));
        if (lastWindow != null) {
          w.setFrom(WindowRef.newBuilder().setAppId(lastWindow.app()).setTitle(lastWindow.name()));
        }
        lastWindow = d;
        a.getSourceBuilder().setWindowTitle(d.name());
        return Optional.of(a.setWindowSwitch(w).build());
      }
      case STATE -> {
        return state(e, d, a);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private Optional<Action> state(AtspiEvent e, Description d, Action.Builder a) {
    a.addAttributes(Attribute.newBuilder().setKey(STATE).setValue(e.detail() + "=" + e.on()));
    switch (e.detail()) {
      case "checked" -> {
        if (!TOGGLES.contains(d.role()) || d.role().equals("radio button") && !e.on()) {
          return Optional.empty();
        }
        return Optional.of(a.setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_CHECKED)
            .setValue(Boolean.toString(e.on()))).build());
      }
      case "pressed" -> {
        if (!e.on() || !(d.role().equals("push button") || MENU_ITEMS.contains(d.role()))) {
          return Optional.empty();
        }
        Invoke.Builder invoke = Invoke.newBuilder();
        if (MENU_ITEMS.contains(d.role())) {
          invoke.setMethod(InvokeMethod.INVOKE_METHOD_MENU).addAllMenuPath(d.menus());
        }
        return Optional.of(a.setInvoke(invoke).build());
      }
      case "expanded" -> {
        return Optional.of(a.setInvoke(Invoke.newBuilder().setCommand(e.on() ? "expand" : "collapse")).build());
      }
      case "selected" -> {
        if (!e.on() || TOGGLES.contains(d.role())) {
          return Optional.empty();
        }
        return Optional.of(a.setSelection(Selection.newBuilder().setItemCount(1)).build());
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private void flush(List<Action> out) {
    TextRun r = run;
    run = null;
    if (r == null) {
      return;
    }
    Optional<Description> described = describer.describe(r.node);
    if (described.isEmpty()) {
      lost.accept(VANISHED);
      return;
    }
    Description d = described.get();
    Action.Builder a = base(d, r.firstNanos);
    boolean secure = Roles.isPassword(d.role());
    if (secure) {
      out.add(a.setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_TEXT).setValueOmitted(true)).build());
    } else if (r.field) {
      Optional<String> value = describer.text(r.node);
      if (value.isEmpty()) {
        lost.accept(VANISHED);
        return;
      }
      out.add(a.setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_TEXT).setValue(value.get())).build());
    } else if (r.deletion()) {
      out.add(a.setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_DELETE)
          .setRange(range(r.start, r.start + r.deleted()))).build());
    } else if (!r.inserted().isEmpty()) {
      out.add(a.setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_INSERT)
          .setRange(range(r.start, r.start)).setText(r.inserted())).build());
    }
  }

  private static TextRange range(int from, int to) {
    return TextRange.newBuilder().setStart(TextPosition.newBuilder().setCharacter(from))
        .setEnd(TextPosition.newBuilder().setCharacter(to)).build();
  }

  private static Action.Builder base(Description d, long timeUnixNanos) {
    Target.Builder t = Target.newBuilder().setRole(Roles.aria(d.role())).setName(d.name()).setSecure(Roles.isPassword(d.role()));
    if (!d.window().isEmpty()) {
      t.addContext(ContextElement.newBuilder().setRole(Roles.aria(d.windowRole())).setName(d.window()));
    }
    for (int i = 0; i + 1 < d.menus().size(); i++) {
      t.addContext(ContextElement.newBuilder().setRole("menu").setName(d.menus().get(i)));
    }
    return Action.newBuilder().setTimeUnixNano(timeUnixNanos)
        .setSource(Source.newBuilder().setAppId(d.app()).setWindowTitle(d.window()))
        .setTarget(t)
        .addAttributes(Attribute.newBuilder().setKey(ROLE).setValue(d.role()));
  }
}
