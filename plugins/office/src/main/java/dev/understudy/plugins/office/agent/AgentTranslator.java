package dev.understudy.plugins.office.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.office.a11y.Roles;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Bounds;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Observation;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.Optional;

/**
 * Turns one agent {@code event} frame into an {@link Action}: {@code invoke} (buttons, menu items with
 * their menu path), {@code value} (text coalesced by the agent, checked states, chosen options),
 * {@code focus}, {@code window} (a frame or dialog became active: a window switch) and
 * {@code snapshot} (an accessibility tree, as an observation). Every action carries the agent's
 * sequence number in {@value #SEQ} so an observation can name the action it follows
 * ({@value #OBSERVES}).
 *
 * <p>A secure target never carries a value, whatever the frame says. Stateless and thread-safe.
 */
final class AgentTranslator {
  /** Attribute: the agent's sequence number of the event. */
  static final String SEQ = "agent.seq";
  /** Attribute on an observation: the agent sequence number of the action it follows. */
  static final String OBSERVES = "agent.observes";
  /** Attribute: the role as {@code javax.accessibility} names it. */
  static final String ROLE = "agent.role";
  /** Attribute on a window switch to a window that was just opened. */
  static final String OPENED = "agent.window.opened";
  /** Attribute on a toggling menu item: its state after the invocation. */
  static final String CHECKED = "agent.checked";

  /**
   * The action for an event frame, or empty for a kind this version does not know.
   *
   * @param fallbackApp the application id from the agent's hello, used when the event has none
   */
  Optional<Action> translate(JsonNode event, String fallbackApp) {
    String kind = text(event, "kind");
    JsonNode body = event.path("body");
    String app = text(event, "app").isEmpty() ? fallbackApp : text(event, "app");
    Action.Builder a = Action.newBuilder()
        .setTimeUnixNano(event.path("time").asLong())
        .setSource(Source.newBuilder().setAppId(app).setWindowTitle(text(event, "window")));
    attribute(a, SEQ, Long.toString(event.path("seq").asLong()));
    JsonNode target = event.path("target");
    boolean secure = target.path("secure").asBoolean() || Roles.isPassword(text(target, "role"));
    if (target.isObject()) {
      a.setTarget(target(target, secure));
      attribute(a, ROLE, text(target, "role"));
    }
    switch (kind) {
      case "invoke" -> {
        Invoke.Builder invoke = Invoke.newBuilder().setMethod(method(text(body, "method")));
        body.path("menuPath").forEach(p -> invoke.addMenuPath(p.asText()));
        a.setInvoke(invoke);
        if (body.has("checked")) {
          attribute(a, CHECKED, Boolean.toString(body.path("checked").asBoolean()));
        }
      }
      case "value" -> {
        ValueChange.Builder v = ValueChange.newBuilder().setValueKind(valueKind(text(body, "valueKind")));
        if (secure || body.path("omitted").asBoolean()) {
          v.setValueOmitted(true);
        } else {
          v.setValue(text(body, "value")).setPreviousValue(text(body, "previous"));
        }
        a.setValueChange(v);
      }
      case "focus" -> {
        JsonNode previous = body.path("previous");
        a.setFocus(Focus.newBuilder().setPreviousRole(Roles.aria(text(previous, "role")))
            .setPreviousName(text(previous, "name")));
      }
      case "window" -> {
        WindowSwitch.Builder w = WindowSwitch.newBuilder()
            .setTo(WindowRef.newBuilder().setAppId(app).setTitle(text(body.path("to"), "title")));
        if (body.path("from").isObject()) {
          w.setFrom(WindowRef.newBuilder().setAppId(app).setTitle(text(body.path("from"), "title")));
        }
        a.setWindowSwitch(w);
        if (body.path("opened").asBoolean()) {
          attribute(a, OPENED, "true");
        }
      }
      case "snapshot" -> {
        a.setObservation(Observation.newBuilder().setObservationKind(ObservationKind.OBSERVATION_KIND_ACCESSIBILITY_TREE)
            .setMediaType("application/json").setText(body.path("tree").toString()));
        attribute(a, OBSERVES, Long.toString(body.path("of").asLong()));
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(a.build());
  }

  private static Target target(JsonNode t, boolean secure) {
    Target.Builder b = Target.newBuilder().setRole(Roles.aria(text(t, "role"))).setName(text(t, "name")).setSecure(secure);
    if (!text(t, "testId").isEmpty()) {
      b.addLocators(Locator.newBuilder().setTestId(text(t, "testId")));
    }
    if (!text(t, "label").isEmpty()) {
      b.addLocators(Locator.newBuilder().setLabel(text(t, "label")));
    }
    if (!text(t, "path").isEmpty()) {
      b.addLocators(Locator.newBuilder().setAccessibilityPath(text(t, "path")));
    }
    for (JsonNode c : t.path("context")) {
      b.addContext(ContextElement.newBuilder().setRole(Roles.aria(text(c, "role"))).setName(text(c, "name")));
    }
    JsonNode bounds = t.path("bounds");
    if (bounds.isArray() && bounds.size() == 4) {
      b.setBounds(Bounds.newBuilder().setXPx(bounds.get(0).asInt()).setYPx(bounds.get(1).asInt())
          .setWidthPx(bounds.get(2).asInt()).setHeightPx(bounds.get(3).asInt()));
    }
    return b.build();
  }

  private static InvokeMethod method(String m) {
    return switch (m) {
      case "click" -> InvokeMethod.INVOKE_METHOD_CLICK;
      case "keyboard" -> InvokeMethod.INVOKE_METHOD_KEYBOARD;
      case "menu" -> InvokeMethod.INVOKE_METHOD_MENU;
      case "shortcut" -> InvokeMethod.INVOKE_METHOD_SHORTCUT;
      case "programmatic" -> InvokeMethod.INVOKE_METHOD_PROGRAMMATIC;
      default -> InvokeMethod.INVOKE_METHOD_UNSPECIFIED;
    };
  }

  private static ValueKind valueKind(String k) {
    return switch (k) {
      case "text" -> ValueKind.VALUE_KIND_TEXT;
      case "checked" -> ValueKind.VALUE_KIND_CHECKED;
      case "option" -> ValueKind.VALUE_KIND_OPTION;
      default -> ValueKind.VALUE_KIND_UNSPECIFIED;
    };
  }

  private static void attribute(Action.Builder a, String key, String value) {
    if (!value.isEmpty()) {
      a.addAttributes(Attribute.newBuilder().setKey(key).setValue(value));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : "";
  }
}
