package dev.understudy.testing;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.KeyShortcut;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.ValueChange;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one {@link Action}; start from {@link UnderstudyAssertions#assertThat(Action)}.
 *
 * <pre>{@code
 * assertThat(action).isInvoke(".uno:Bold");
 * assertThat(action).isClick().hasTargetRole("button").hasTargetName("Save").isInContext("dialog", "Save As");
 * assertThat(action).hasSecureTarget().hasNoValue();
 * assertThat(action).hasRedaction("value_change.value", "email");
 * }</pre>
 *
 * <p>Failure messages quote the action in protobuf text form, so the test output shows what was there.
 */
public final class ActionAssert extends AbstractAssert<ActionAssert, Action> {

  ActionAssert(Action actual) {
    super(actual, ActionAssert.class);
  }

  /** The action is of this kind ({@code INVOKE}, {@code VALUE_CHANGE}, ...). */
  public ActionAssert hasKind(Action.KindCase kind) {
    Objects.requireNonNull(kind, "kind");
    isNotNull();
    if (actual.getKindCase() != kind) {
      failWithMessage("expected an action of kind %s but it was %s:%n%s", kind, actual.getKindCase(), actual);
    }
    return this;
  }

  /** The action invokes exactly this command ({@code ".uno:Bold"}; {@code ""} for a plain activation). */
  public ActionAssert isInvoke(String command) {
    Objects.requireNonNull(command, "command");
    hasKind(Action.KindCase.INVOKE);
    return expectText("command", command, actual.getInvoke().getCommand());
  }

  /** The action is an invocation made this way. */
  public ActionAssert isInvokedBy(InvokeMethod method) {
    Objects.requireNonNull(method, "method");
    hasKind(Action.KindCase.INVOKE);
    if (actual.getInvoke().getMethod() != method) {
      failWithMessage("expected an invoke by %s but it was by %s:%n%s", method, actual.getInvoke().getMethod(), actual);
    }
    return this;
  }

  /** The action is an invocation by a pointer click. */
  public ActionAssert isClick() {
    return isInvokedBy(InvokeMethod.INVOKE_METHOD_CLICK);
  }

  /** The action is a key shortcut of this key with exactly these modifiers, in any order. */
  public ActionAssert isShortcut(String key, Modifier... modifiers) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(modifiers, "modifiers");
    hasKind(Action.KindCase.KEY_SHORTCUT);
    KeyShortcut shortcut = actual.getKeyShortcut();
    boolean sameModifiers = shortcut.getModifiersList().size() == modifiers.length
        && shortcut.getModifiersList().containsAll(List.of(modifiers));
    if (!shortcut.getKey().equals(key) || !sameModifiers) {
      failWithMessage("expected the shortcut %s%s but it was %s%s:%n%s", List.of(modifiers), key,
          shortcut.getModifiersList(), shortcut.getKey(), actual);
    }
    return this;
  }

  /** The action navigates to exactly this URL. */
  public ActionAssert isNavigationTo(String url) {
    Objects.requireNonNull(url, "url");
    hasKind(Action.KindCase.NAVIGATE);
    return expectText("navigation url", url, actual.getNavigate().getUrl());
  }

  /** The target's role is this ({@code "button"}). */
  public ActionAssert hasTargetRole(String role) {
    Objects.requireNonNull(role, "role");
    isNotNull();
    return expectText("target role", role, actual.getTarget().getRole());
  }

  /** The target's accessible name is this ({@code "Save"}). */
  public ActionAssert hasTargetName(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    return expectText("target name", name, actual.getTarget().getName());
  }

  /** The target is marked secure (a password-like field). */
  public ActionAssert hasSecureTarget() {
    isNotNull();
    if (!actual.getTarget().getSecure()) {
      failWithMessage("expected a secure target but it was not:%n%s", actual);
    }
    return this;
  }

  /** One of the target's containers has this role and name ({@code "dialog", "Save As"}). */
  public ActionAssert isInContext(String role, String name) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    isNotNull();
    ContextElement wanted = ContextElement.newBuilder().setRole(role).setName(name).build();
    if (!actual.getTarget().getContextList().contains(wanted)) {
      failWithMessage("expected the target inside %s '%s' but its context was %s:%n%s", role, name,
          actual.getTarget().getContextList(), actual);
    }
    return this;
  }

  /** The action is a value change to exactly this value. */
  public ActionAssert hasValue(String value) {
    Objects.requireNonNull(value, "value");
    hasKind(Action.KindCase.VALUE_CHANGE);
    return expectText("value", value, actual.getValueChange().getValue());
  }

  /**
   * The action is a value change that carries no value and no previous value, as for a secure field
   * or a policy that masks values.
   */
  public ActionAssert hasNoValue() {
    hasKind(Action.KindCase.VALUE_CHANGE);
    ValueChange change = actual.getValueChange();
    if (!change.getValue().isEmpty() || !change.getPreviousValue().isEmpty()) {
      failWithMessage("expected no value but the action carries one:%n%s", actual);
    }
    return this;
  }

  /** A redaction of this field by this rule is recorded ({@code "value_change.value", "email"}). */
  public ActionAssert hasRedaction(String fieldPath, String ruleId) {
    Objects.requireNonNull(fieldPath, "fieldPath");
    Objects.requireNonNull(ruleId, "ruleId");
    isNotNull();
    for (Redaction redaction : actual.getRedactionsList()) {
      if (redaction.getFieldPath().equals(fieldPath) && redaction.getRuleId().equals(ruleId)) {
        return this;
      }
    }
    failWithMessage("expected a redaction of %s by rule '%s' but the redactions were %s:%n%s", fieldPath, ruleId,
        actual.getRedactionsList(), actual);
    return this;
  }

  /** No redaction is recorded. */
  public ActionAssert hasNoRedactions() {
    isNotNull();
    if (actual.getRedactionsCount() > 0) {
      failWithMessage("expected no redactions but found %s:%n%s", actual.getRedactionsList(), actual);
    }
    return this;
  }

  /** The source application is this ({@code "org.libreoffice.writer"}). */
  public ActionAssert hasAppId(String appId) {
    Objects.requireNonNull(appId, "appId");
    isNotNull();
    return expectText("app id", appId, actual.getSource().getAppId());
  }

  /** The source window title is this. */
  public ActionAssert hasWindowTitle(String title) {
    Objects.requireNonNull(title, "title");
    isNotNull();
    return expectText("window title", title, actual.getSource().getWindowTitle());
  }

  private ActionAssert expectText(String field, String expected, String found) {
    if (!found.equals(expected)) {
      failWithMessage("expected %s '%s' but it was '%s':%n%s", field, expected, found, actual);
    }
    return this;
  }
}
