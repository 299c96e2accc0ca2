package dev.understudy.plugins.browser.nativehost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.api.CaptureContext;
import dev.understudy.plugins.browser.RecorderMessageSink;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TEMPORARY — a stand-in for the browser translator ({@code RecorderTranslator}, being written on branch
 * {@code browser}) so the extension's way in can be recorded end to end before it lands. It maps only
 * {@code click}, {@code value} and {@code navigate} messages of format 1, checks nothing beyond their
 * shape, and drops the rest (counted). Replace every use with the real translator and delete this class.
 */
public final class InterimTranslator implements RecorderMessageSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CaptureContext context;
  private final AtomicLong dropped = new AtomicLong();

  public InterimTranslator(CaptureContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public void accept(String transport, String json) {
    JsonNode m;
    try {
      m = JSON.readTree(json);
    } catch (IOException e) {
      dropped.incrementAndGet();
      return;
    }
    if (m == null || !m.isObject()) {
      dropped.incrementAndGet();
      return;
    }
    JsonNode frame = m.path("frame");
    Action.Builder a = Action.newBuilder()
        .setSource(Source.newBuilder().setAppId("chromium").setDocument(frame.path("url").asText())
            .setWindowTitle(frame.path("title").asText()))
        .addAttributes(Attribute.newBuilder().setKey("browser.transport").setValue(transport));
    if (m.path("t").isNumber()) {
      a.setTimeUnixNano((long) (m.get("t").asDouble() * 1_000_000L));
    }
    if (m.has("target")) {
      a.setTarget(target(m.get("target")));
    }
    switch (m.path("type").asText()) {
      case "click" -> a.setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK));
      case "value" -> {
        ValueChange.Builder v = ValueChange.newBuilder().setValueOmitted(m.path("omitted").asBoolean());
        v.setValueKind(switch (m.path("valueKind").asText()) {
          case "checked" -> ValueKind.VALUE_KIND_CHECKED;
          case "option" -> ValueKind.VALUE_KIND_OPTION;
          default -> ValueKind.VALUE_KIND_TEXT;
        });
        if (m.path("value").isValueNode() && !m.path("omitted").asBoolean()) {
          v.setValue(m.get("value").asText());
        }
        a.setValueChange(v);
      }
      case "navigate" -> a.setNavigate(Navigate.newBuilder().setUrl(m.path("url").asText()));
      default -> {
        dropped.incrementAndGet();
        return;
      }
    }
    context.emitter().emit(a.build());
  }

  private static Target target(JsonNode t) {
    Target.Builder b = Target.newBuilder().setRole(t.path("role").asText()).setName(t.path("name").asText())
        .setSecure(t.path("secure").asBoolean()).setRoleNameMatchCount(t.path("roleNameCount").asInt());
    for (JsonNode l : t.path("locators")) {
      Locator.Builder loc = Locator.newBuilder().setMatchCount(l.path("count").asInt());
      String value = l.path("value").asText();
      switch (l.path("kind").asText()) {
        case "css" -> loc.setCss(value);
        case "xpath" -> loc.setXpath(value);
        case "testId" -> loc.setTestId(value);
        case "label" -> loc.setLabel(value);
        case "text" -> loc.setText(value);
        default -> {
          continue;
        }
      }
      b.addLocators(loc);
    }
    return b.build();
  }

  /** Messages not translated. */
  public long dropped() {
    return dropped.get();
  }
}
