package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.MessageFields.MAX_LOCATOR;
import static dev.understudy.plugins.browser.MessageFields.MAX_NAME;
import static dev.understudy.plugins.browser.MessageFields.array;
import static dev.understudy.plugins.browser.MessageFields.bool;
import static dev.understudy.plugins.browser.MessageFields.integer;
import static dev.understudy.plugins.browser.MessageFields.oneOf;
import static dev.understudy.plugins.browser.MessageFields.optInteger;
import static dev.understudy.plugins.browser.MessageFields.optObject;
import static dev.understudy.plugins.browser.MessageFields.optText;
import static dev.understudy.plugins.browser.MessageFields.schema;
import static dev.understudy.plugins.browser.MessageFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.proto.v1.Bounds;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a recorder message's {@code target} into a {@link Target}: role, name, secure flag, context, bounds,
 * and locators ordered for replay (unique first, then by count, unmeasured last; on a tie test id, label,
 * CSS, XPath, text), with a last {@code frame_path} locator when the element is inside frames or shadow
 * roots. Stateless.
 */
final class TargetMapper {
  /** Largest count accepted for a locator (a page has fewer elements than this). */
  private static final long MAX_COUNT = 100_000_000L;
  /** The order of locator kinds on equal counts: the most stable first. */
  private static final Map<Locator.KindCase, Integer> KIND_ORDER = Map.of(
      Locator.KindCase.TEST_ID, 0, Locator.KindCase.LABEL, 1, Locator.KindCase.CSS, 2,
      Locator.KindCase.XPATH, 3, Locator.KindCase.TEXT, 4);
  private static final Comparator<Locator> REPLAY_ORDER = Comparator
      .comparingLong((Locator l) -> l.getMatchCount() == 0 ? Long.MAX_VALUE : l.getMatchCount())
      .thenComparing(l -> KIND_ORDER.getOrDefault(l.getKindCase(), 9));

  private TargetMapper() {}

  /**
   * What a target message gives besides the Target: attributes the translator adds to the action.
   * {@code countCap} is where the recorder stopped counting (a count equal to it means at least that many), 0 when
   * the counts are exact.
   */
  record Mapped(Target target, String tag, String inputType, String autocomplete, String testIdAttribute, long countCap) {}

  static Mapped map(JsonNode t, JsonNode frame) throws RejectedMessageException {
    Target.Builder b = Target.newBuilder()
        .setRole(text(t, "role", 40))
        .setName(text(t, "name", MAX_NAME))
        .setRoleNameMatchCount((int) integer(t, "roleNameCount", 0, MAX_COUNT));
    String tag = text(t, "tag", 100);
    String inputType = optText(t, "inputType", 40).toLowerCase(Locale.ROOT);
    String autocomplete = optText(t, "autocomplete", 100);
    // The Java side marks secure fields itself too: a recorder that forgot cannot leak a value.
    b.setSecure(bool(t, "secure") || inputType.equals("password") || SecureHints.isSecureAutocomplete(autocomplete));
    String testIdAttribute = "";
    List<Locator> locators = new ArrayList<>();
    for (JsonNode l : array(t, "locators")) {
      if (!l.isObject()) {
        throw schema("target.locators: expected objects");
      }
      String kind = oneOf(l, "kind", "testId", "label", "css", "xpath", "text");
      String value = text(l, "value", MAX_LOCATOR);
      Locator.Builder locator = Locator.newBuilder().setMatchCount((int) integer(l, "count", 0, MAX_COUNT));
      switch (kind) {
        case "testId" -> {
          locator.setTestId(value);
          testIdAttribute = optText(l, "attr", 40);
        }
        case "label" -> locator.setLabel(value);
        case "css" -> locator.setCss(value);
        case "xpath" -> locator.setXpath(value);
        default -> locator.setText(value);
      }
      locators.add(locator.build());
    }
    locators.sort(REPLAY_ORDER);
    b.addAllLocators(locators);
    Locator framePath = framePath(frame, t);
    if (framePath != null) {
      b.addLocators(framePath);
    }
    for (JsonNode c : array(t, "context")) {
      if (!c.isObject()) {
        throw schema("target.context: expected objects");
      }
      b.addContext(ContextElement.newBuilder().setRole(text(c, "role", 40)).setName(text(c, "name", MAX_NAME)));
    }
    JsonNode bounds = optObject(t, "bounds");
    if (bounds != null) {
      b.setBounds(Bounds.newBuilder()
          .setXPx((int) integer(bounds, "x", Integer.MIN_VALUE, Integer.MAX_VALUE))
          .setYPx((int) integer(bounds, "y", Integer.MIN_VALUE, Integer.MAX_VALUE))
          .setWidthPx((int) integer(bounds, "width", 0, Integer.MAX_VALUE))
          .setHeightPx((int) integer(bounds, "height", 0, Integer.MAX_VALUE)));
    }
    long countCap = optInteger(t, "countCap", 2, MAX_COUNT);
    return new Mapped(b.build(), tag, inputType, autocomplete, testIdAttribute, countCap);
  }

  /** The frame_path locator: iframes from the top, then the element's shadow hosts; null when there are none. */
  private static Locator framePath(JsonNode frame, JsonNode target) throws RejectedMessageException {
    List<String> steps = new ArrayList<>();
    long worst = 1;
    for (JsonNode step : array(frame, "path")) {
      if (!step.isObject()) {
        throw schema("frame.path: expected objects");
      }
      for (JsonNode host : array(step, "shadow")) {
        worst = Math.max(worst, addStep(steps, "shadow=", host));
      }
      worst = Math.max(worst, addStep(steps, "frame=", step));
    }
    for (JsonNode host : array(target, "shadow")) {
      worst = Math.max(worst, addStep(steps, "shadow=", host));
    }
    if (steps.isEmpty()) {
      return null;
    }
    String path = String.join(" >> ", steps);
    if (path.length() > MAX_LOCATOR * 4) {
      throw schema("frame path: too long");
    }
    return Locator.newBuilder().setFramePath(path).setMatchCount((int) worst).build();
  }

  private static long addStep(List<String> steps, String prefix, JsonNode step) throws RejectedMessageException {
    if (!step.isObject()) {
      throw schema("path step: expected an object");
    }
    steps.add(prefix + text(step, "css", MAX_LOCATOR));
    return integer(step, "count", 0, MAX_COUNT);
  }
}
