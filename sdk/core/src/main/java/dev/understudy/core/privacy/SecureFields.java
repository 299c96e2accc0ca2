package dev.understudy.core.privacy;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.ReplacementKind;
import dev.understudy.proto.v1.Target;
import java.util.Locale;

/**
 * Never stores a value typed into a password-like field, even when the adapter forgot to say the
 * field was secure: the target's {@code secure} flag, a platform password role (AT-SPI "password
 * text", UNO and Java {@code PASSWORD_TEXT}, Swing {@code JPasswordField}), an HTML password input or a
 * payment-card or password {@code autocomplete} hint all count. The value fields are cleared, the
 * action says a value was omitted, the target is flagged secure, and a Redaction records it.
 *
 * <p>Stateless; called on the pipeline thread.
 */
public final class SecureFields implements PrivacyStage {

  /** Rule id recorded on every redaction this stage makes. */
  public static final String RULE_ID = "secure-field";
  /** Version of the rule. */
  public static final int RULE_VERSION = 1;

  /** Roles, lower-cased with separators removed, that mean a password field on some platform. */
  private static final String[] PASSWORD_ROLES =
      {"passwordtext", "password", "passwordfield", "jpasswordfield", "passwordentry", "securetextfield"};

  @Override
  public String name() {
    return "secure-fields";
  }

  @Override
  public Action apply(Action action) {
    if (!action.hasTarget() || !isSecure(action)) {
      return action;
    }
    Action.Builder b = action.toBuilder();
    Target.Builder target = b.getTargetBuilder().setSecure(true);
    switch (action.getKindCase()) {
      case VALUE_CHANGE:
        if (!action.getValueChange().getValue().isEmpty()) {
          record(b, "value_change.value");
        }
        if (!action.getValueChange().getPreviousValue().isEmpty()) {
          record(b, "value_change.previous_value");
        }
        b.getValueChangeBuilder().clearValue().clearPreviousValue().setValueOmitted(true);
        break;
      case TEXT_EDIT:
        if (!action.getTextEdit().getText().isEmpty()) {
          record(b, "text_edit.text");
        }
        if (!action.getTextEdit().getRemovedText().isEmpty()) {
          record(b, "text_edit.removed_text");
        }
        b.getTextEditBuilder().clearText().clearRemovedText().clearUndoTitle();
        break;
      case SELECTION:
        if (!action.getSelection().getText().isEmpty()) {
          record(b, "selection.text");
        }
        b.getSelectionBuilder().clearText();
        break;
      case CLIPBOARD:
        if (!action.getClipboard().getContent().isEmpty()) {
          record(b, "clipboard.content");
        }
        b.getClipboardBuilder().clearContent();
        break;
      default:
        break;
    }
    // Text-bearing locators of a password field can hold what was typed (an input's value in a selector).
    for (int i = 0; i < target.getLocatorsCount(); i++) {
      Locator locator = target.getLocators(i);
      if (locator.getKindCase() == Locator.KindCase.TEXT && !locator.getText().isEmpty()) {
        target.setLocators(i, locator.toBuilder().clearText());
        record(b, "target.locators[" + i + "].text");
      }
    }
    return b.build();
  }

  private static void record(Action.Builder b, String fieldPath) {
    b.addRedactions(Redaction.newBuilder()
        .setFieldPath(fieldPath)
        .setRuleId(RULE_ID)
        .setRuleVersion(RULE_VERSION)
        .setReplacement(ReplacementKind.REPLACEMENT_KIND_REMOVED)
        .setCount(1));
  }

  /** Whether the action's target is a password-like field, by flag, role, locator or attribute. */
  public static boolean isSecure(Action action) {
    Target t = action.getTarget();
    if (t.getSecure() || isPasswordRole(t.getRole())) {
      return true;
    }
    for (Locator locator : t.getLocatorsList()) {
      String css = locator.getKindCase() == Locator.KindCase.CSS ? locator.getCss()
          : locator.getKindCase() == Locator.KindCase.XPATH ? locator.getXpath() : "";
      if (!Texts.containsIgnoreCase(css, "password")) {
        continue; // this runs on every action: skip the normalising below unless it can matter
      }
      String lower = css.toLowerCase(Locale.ROOT).replace(" ", "");
      if (lower.contains("type=\"password\"") || lower.contains("type='password'") || lower.contains("type=password")
          || lower.contains("@type=\"password\"") || lower.contains("@type='password'")) {
        return true;
      }
    }
    for (Attribute attribute : action.getAttributesList()) {
      // Lower-casing allocates; first a check that lets through every key the rules below can take.
      if (!endsWithIgnoreCase(attribute.getKey(), "autocomplete") && !endsWithIgnoreCase(attribute.getKey(), "input-type")
          && !endsWithIgnoreCase(attribute.getKey(), "input.type")) {
        continue;
      }
      String key = attribute.getKey().toLowerCase(Locale.ROOT);
      String value = attribute.getValue().toLowerCase(Locale.ROOT).trim();
      if (key.endsWith("autocomplete") && (value.startsWith("cc-") || value.contains(" cc-")
          || value.endsWith("current-password") || value.endsWith("new-password") || value.endsWith("one-time-code"))) {
        return true;
      }
      if ((key.endsWith("input-type") || key.endsWith("input.type")) && value.equals("password")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the role, lower-cased with separators removed, is one of {@link #PASSWORD_ROLES}: compared
   * in place, since this runs on every action and most roles differ at their first letter.
   */
  private static boolean isPasswordRole(String role) {
    for (String candidate : PASSWORD_ROLES) {
      int j = 0;
      boolean same = true;
      for (int i = 0; i < role.length() && same; i++) {
        char c = role.charAt(i);
        if (c == ' ' || c == '_' || c == '-') {
          continue;
        }
        same = j < candidate.length() && Character.toLowerCase(c) == candidate.charAt(j++);
      }
      if (same && j == candidate.length()) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code text} ends with {@code suffix} (lower case ASCII) in any case; also for every text
   * whose {@code toLowerCase(Locale.ROOT)} ends with it.
   */
  private static boolean endsWithIgnoreCase(String text, String suffix) {
    return text.regionMatches(true, text.length() - suffix.length(), suffix, 0, suffix.length());
  }
}
