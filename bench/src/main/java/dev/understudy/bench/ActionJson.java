package dev.understudy.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * An action as the peers store it: a plain Java object (records) that Jackson serializes, with the
 * same information our store keeps and the schema's field names in snake_case. Absent and empty
 * values are left out, as proto3 leaves them out. Ids are UUID text, enums their schema names.
 *
 * <p>Covers what the {@link Workload} emits (invoke, value_change and focus; test-id, CSS and label
 * locators); anything else is refused, so a change to the workload cannot silently shrink the JSON.
 */
record ActionJson(
    String id,
    String sessionId,
    Long seq,
    Long timeUnixNano,
    SourceJson source,
    TargetJson target,
    InvokeJson invoke,
    ValueChangeJson valueChange,
    FocusJson focus) {

  /** The mapper every peer uses: snake_case names, no empty values, no flush after each value. */
  static ObjectMapper mapper() {
    // One line per value: no separator between root values; the writer adds the newline.
    JsonFactory factory = new JsonFactoryBuilder().rootValueSeparator((String) null).build();
    return new ObjectMapper(factory)
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY)
        .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  }

  record SourceJson(String appId, String adapterId, String adapterVersion, String windowTitle, String document) {}

  record TargetJson(
      String role, String name, List<LocatorJson> locators, Integer roleNameMatchCount, List<ContextJson> context) {}

  record LocatorJson(String testId, String css, String label, Integer matchCount) {}

  record ContextJson(String role, String name) {}

  record InvokeJson(String command, String method) {}

  record ValueChangeJson(String value, String previousValue, String valueKind) {}

  record FocusJson(String previousRole, String previousName) {}

  /** The action as an adapter emitted it, with what the recorder adds. */
  static ActionJson of(Action a, Stamper stamp) {
    switch (a.getKindCase()) {
      case INVOKE:
      case VALUE_CHANGE:
      case FOCUS:
        break;
      default:
        throw new IllegalArgumentException("kind " + a.getKindCase() + " is not mapped");
    }
    if (a.getAttributesCount() > 0 || a.getRedactionsCount() > 0 || !a.getParentId().isEmpty()) {
      throw new IllegalArgumentException("attributes, redactions and parent_id are not mapped");
    }
    Source s = a.getSource();
    SourceJson source = new SourceJson(
        s.getAppId(), CapturingAdapter.NAME, CapturingAdapter.VERSION, s.getWindowTitle(), s.getDocument());
    return new ActionJson(stamp.idText(), stamp.sessionIdText(), stamp.seq(), stamp.timeUnixNano(),
        source, a.hasTarget() ? target(a.getTarget()) : null,
        a.hasInvoke()
            ? new InvokeJson(a.getInvoke().getCommand(), a.getInvoke().getMethod().name())
            : null,
        a.hasValueChange()
            ? new ValueChangeJson(a.getValueChange().getValue(), a.getValueChange().getPreviousValue(),
                a.getValueChange().getValueKind().name())
            : null,
        a.hasFocus()
            ? new FocusJson(a.getFocus().getPreviousRole(), a.getFocus().getPreviousName())
            : null);
  }

  /**
   * What the SQLite peer keeps in its payload column: everything except the fields that have columns
   * of their own (id, session id, seq, time, app id, window title, target role and name).
   */
  ActionJson payload() {
    return new ActionJson(null, null, null, null,
        new SourceJson(null, source.adapterId(), source.adapterVersion(), null, source.document()),
        target == null ? null
            : new TargetJson(null, null, target.locators(), target.roleNameMatchCount(), target.context()),
        invoke, valueChange, focus);
  }

  /** The schema's name of the action's kind: "invoke", "value_change", "focus". */
  static String kindName(Action a) {
    return a.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static TargetJson target(Target t) {
    List<LocatorJson> locators = new ArrayList<>(t.getLocatorsCount());
    for (Locator l : t.getLocatorsList()) {
      switch (l.getKindCase()) {
        case TEST_ID:
          locators.add(new LocatorJson(l.getTestId(), null, null, count(l.getMatchCount())));
          break;
        case CSS:
          locators.add(new LocatorJson(null, l.getCss(), null, count(l.getMatchCount())));
          break;
        case LABEL:
          locators.add(new LocatorJson(null, null, l.getLabel(), count(l.getMatchCount())));
          break;
        default:
          throw new IllegalArgumentException("locator kind " + l.getKindCase() + " is not mapped");
      }
    }
    List<ContextJson> context = new ArrayList<>(t.getContextCount());
    for (ContextElement c : t.getContextList()) {
      context.add(new ContextJson(c.getRole(), c.getName()));
    }
    if (t.getSecure() || t.hasBounds()) {
      throw new IllegalArgumentException("secure and bounds are not mapped");
    }
    return new TargetJson(t.getRole(), t.getName(), locators, count(t.getRoleNameMatchCount()), context);
  }

  private static Integer count(int n) {
    return n == 0 ? null : n;
  }
}
