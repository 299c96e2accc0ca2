package dev.understudy.core.policy;

import dev.understudy.core.privacy.PrivacyStage;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.ReplacementKind;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.WindowRef;
import java.util.Objects;

/**
 * Enforces a {@link PrivacyPolicy} on every action: drops actions in a denied app, window, site or
 * file, and clears the fields of kinds of data the policy refuses where the rest of the action is
 * still worth keeping (clipboard content, selected text, titles and URLs), recording each removal as
 * a {@link Redaction}. Whole kinds the policy refuses (text edits without text content, screenshots,
 * file events without file names) are dropped by the runtime's capability check after this stage.
 *
 * <p>Threading: the pipeline thread only. Apart from the immutable policy it keeps a bounded memo of
 * recent answers (see {@link DecisionMemo}).
 */
public final class PolicyGate implements PrivacyStage {

  /** Rule id of a field cleared because the policy refuses that kind of data. */
  public static final String RULE_CAPABILITY = "policy-capability";
  /** Rule id of a field cleared because it names a denied app, window, site or file. */
  public static final String RULE_DENY = "policy-deny";
  /** Version of both rules: {@value}. */
  public static final int RULE_VERSION = 1;

  private final PrivacyPolicy policy;
  private final DecisionMemo apps;
  private final DecisionMemo titles;
  private final DecisionMemo documents;

  /** A gate enforcing this policy. */
  public PolicyGate(PrivacyPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.apps = new DecisionMemo(policy::allowsApp);
    this.titles = new DecisionMemo(policy::allowsTitle);
    this.documents = new DecisionMemo(policy::allowsDocument);
  }

  @Override
  public String name() {
    return "policy";
  }

  @Override
  public Action apply(Action action) {
    if (denied(action)) {
      return null;
    }
    Action.Builder b = null;
    switch (action.getKindCase()) {
      case NAVIGATE:
        if (!documents.test(action.getNavigate().getPreviousUrl())) {
          b = builder(b, action);
          b.getNavigateBuilder().clearPreviousUrl();
          redact(b, "navigate.previous_url", RULE_DENY);
        }
        break;
      case WINDOW_SWITCH:
        WindowRef from = action.getWindowSwitch().getFrom();
        if (!apps.test(from.getAppId()) && !from.getAppId().isEmpty() || !titles.test(from.getTitle())) {
          b = builder(b, action);
          b.getWindowSwitchBuilder().clearFrom();
          redact(b, "window_switch.from", RULE_DENY);
        }
        break;
      case CLIPBOARD:
        String content = action.getClipboard().getContent();
        if (!content.isEmpty() && !policy.allows(Capability.CAPABILITY_CLIPBOARD_CONTENT)) {
          b = builder(b, action);
          if (b.getClipboard().getContentLength() == 0) {
            b.getClipboardBuilder().setContentLength(content.codePointCount(0, content.length()));
          }
          b.getClipboardBuilder().clearContent();
          redact(b, "clipboard.content", RULE_CAPABILITY);
        }
        break;
      case SELECTION:
        if (!action.getSelection().getText().isEmpty() && !policy.allows(Capability.CAPABILITY_TEXT_CONTENT)) {
          b = builder(b, action);
          b.getSelectionBuilder().clearText();
          redact(b, "selection.text", RULE_CAPABILITY);
        }
        break;
      default:
        break;
    }
    if (!policy.allows(Capability.CAPABILITY_TITLES)) {
      b = clearTitles(b, action);
    }
    return b == null ? action : b.build();
  }

  /** Whether the action happened somewhere the policy denies. */
  private boolean denied(Action action) {
    Source source = action.getSource();
    if (!apps.test(source.getAppId()) || !titles.test(source.getWindowTitle())
        || !documents.test(source.getDocument())) {
      return true;
    }
    for (Locator locator : action.getTarget().getLocatorsList()) {
      if (locator.hasTextLocation() && !documents.test(locator.getTextLocation().getUri())) {
        return true;
      }
    }
    switch (action.getKindCase()) {
      case NAVIGATE:
        return !documents.test(action.getNavigate().getUrl());
      case WINDOW_SWITCH:
        WindowRef to = action.getWindowSwitch().getTo();
        return !to.getAppId().isEmpty() && !apps.test(to.getAppId()) || !titles.test(to.getTitle());
      case FILE_EVENT:
        return !documents.test(action.getFileEvent().getPath())
            || !documents.test(action.getFileEvent().getNewPath());
      default:
        return false;
    }
  }

  /** Clears every title, URL and document name; off only when the policy refuses titles. */
  private static Action.Builder clearTitles(Action.Builder b, Action action) {
    Action.Builder out = builder(b, action);
    int before = out.getRedactionsCount();
    if (!out.getSource().getWindowTitle().isEmpty()) {
      out.getSourceBuilder().clearWindowTitle();
      redact(out, "source.window_title", RULE_CAPABILITY);
    }
    if (!out.getSource().getDocument().isEmpty()) {
      out.getSourceBuilder().clearDocument();
      redact(out, "source.document", RULE_CAPABILITY);
    }
    if (out.hasNavigate() && !out.getNavigate().getUrl().isEmpty()) {
      out.getNavigateBuilder().clearUrl();
      redact(out, "navigate.url", RULE_CAPABILITY);
    }
    if (out.hasNavigate() && !out.getNavigate().getPreviousUrl().isEmpty()) {
      out.getNavigateBuilder().clearPreviousUrl();
      redact(out, "navigate.previous_url", RULE_CAPABILITY);
    }
    if (out.hasWindowSwitch() && !out.getWindowSwitch().getTo().getTitle().isEmpty()) {
      out.getWindowSwitchBuilder().getToBuilder().clearTitle();
      redact(out, "window_switch.to.title", RULE_CAPABILITY);
    }
    if (out.hasWindowSwitch() && !out.getWindowSwitch().getFrom().getTitle().isEmpty()) {
      out.getWindowSwitchBuilder().getFromBuilder().clearTitle();
      redact(out, "window_switch.from.title", RULE_CAPABILITY);
    }
    return out.getRedactionsCount() == before ? b : out;
  }

  private static Action.Builder builder(Action.Builder b, Action action) {
    return b != null ? b : action.toBuilder();
  }

  private static void redact(Action.Builder b, String fieldPath, String rule) {
    b.addRedactions(Redaction.newBuilder().setFieldPath(fieldPath).setRuleId(rule).setRuleVersion(RULE_VERSION)
        .setReplacement(ReplacementKind.REPLACEMENT_KIND_REMOVED).setCount(1));
  }
}
