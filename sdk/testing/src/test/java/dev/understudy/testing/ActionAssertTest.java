package dev.understudy.testing;

import static dev.understudy.testing.UnderstudyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.KeyShortcut;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import org.junit.jupiter.api.Test;

class ActionAssertTest {

  private static final Action CLICK_SAVE = Action.newBuilder()
      .setSource(Source.newBuilder().setAppId("notes").setWindowTitle("report.txt — Notes"))
      .setTarget(Target.newBuilder().setRole("button").setName("Save")
          .addContext(ContextElement.newBuilder().setRole("dialog").setName("Save As")))
      .setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK))
      .build();

  private static final Action BOLD = Action.newBuilder()
      .setInvoke(Invoke.newBuilder().setCommand(".uno:Bold").setMethod(InvokeMethod.INVOKE_METHOD_TOOLBAR))
      .build();

  private static final Action TYPED = Action.newBuilder()
      .setTarget(Target.newBuilder().setRole("textbox").setName("Body"))
      .setValueChange(ValueChange.newBuilder().setValue("Quarterly numbers"))
      .addRedactions(Redaction.newBuilder().setFieldPath("value_change.value").setRuleId("email"))
      .build();

  private static final Action PASSWORD = Action.newBuilder()
      .setTarget(Target.newBuilder().setRole("textbox").setName("Password").setSecure(true))
      .setValueChange(ValueChange.newBuilder().setValueOmitted(true))
      .build();

  private static final Action SAVE_SHORTCUT = Action.newBuilder()
      .setKeyShortcut(KeyShortcut.newBuilder().setKey("s").addModifiers(Modifier.MODIFIER_CTRL)
          .addModifiers(Modifier.MODIFIER_SHIFT))
      .build();

  private static final Action NAVIGATE = Action.newBuilder()
      .setNavigate(Navigate.newBuilder().setUrl("https://example.org/report"))
      .build();

  @Test
  void kindAndInvokeAssertionsPassOnMatchingActions() {
    assertThat(BOLD).hasKind(Action.KindCase.INVOKE).isInvoke(".uno:Bold")
        .isInvokedBy(InvokeMethod.INVOKE_METHOD_TOOLBAR);
    assertThat(CLICK_SAVE).isInvoke("").isClick();
    assertThat(SAVE_SHORTCUT).isShortcut("s", Modifier.MODIFIER_SHIFT, Modifier.MODIFIER_CTRL);
    assertThat(NAVIGATE).isNavigationTo("https://example.org/report");
  }

  @Test
  void kindAndInvokeAssertionsFailWithWhatWasThere() {
    assertThatThrownBy(() -> assertThat(TYPED).hasKind(Action.KindCase.INVOKE))
        .isInstanceOf(AssertionError.class).hasMessageContaining("kind INVOKE but it was VALUE_CHANGE");
    assertThatThrownBy(() -> assertThat(BOLD).isInvoke(".uno:Italic"))
        .hasMessageContaining("command '.uno:Italic' but it was '.uno:Bold'");
    assertThatThrownBy(() -> assertThat(BOLD).isClick())
        .hasMessageContaining("by INVOKE_METHOD_CLICK but it was by INVOKE_METHOD_TOOLBAR");
    assertThatThrownBy(() -> assertThat(SAVE_SHORTCUT).isShortcut("s", Modifier.MODIFIER_CTRL))
        .hasMessageContaining("expected the shortcut [MODIFIER_CTRL]s");
    assertThatThrownBy(() -> assertThat(SAVE_SHORTCUT).isShortcut("t", Modifier.MODIFIER_CTRL, Modifier.MODIFIER_SHIFT))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(NAVIGATE).isNavigationTo("https://example.org/"))
        .hasMessageContaining("navigation url 'https://example.org/' but it was 'https://example.org/report'");
    assertThatThrownBy(() -> assertThat((Action) null).hasKind(Action.KindCase.INVOKE))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void targetAssertionsPassAndFail() {
    assertThat(CLICK_SAVE).hasTargetRole("button").hasTargetName("Save").isInContext("dialog", "Save As");
    assertThat(PASSWORD).hasSecureTarget();

    assertThatThrownBy(() -> assertThat(CLICK_SAVE).hasTargetRole("link"))
        .hasMessageContaining("target role 'link' but it was 'button'");
    assertThatThrownBy(() -> assertThat(CLICK_SAVE).hasTargetName("Cancel"))
        .hasMessageContaining("target name 'Cancel' but it was 'Save'");
    assertThatThrownBy(() -> assertThat(CLICK_SAVE).isInContext("dialog", "Open"))
        .hasMessageContaining("inside dialog 'Open'");
    assertThatThrownBy(() -> assertThat(CLICK_SAVE).hasSecureTarget())
        .hasMessageContaining("expected a secure target");
  }

  @Test
  void valueAssertionsPassAndFail() {
    assertThat(TYPED).hasValue("Quarterly numbers");
    assertThat(PASSWORD).hasNoValue();

    assertThatThrownBy(() -> assertThat(TYPED).hasValue("other"))
        .hasMessageContaining("value 'other' but it was 'Quarterly numbers'");
    assertThatThrownBy(() -> assertThat(TYPED).hasNoValue())
        .hasMessageContaining("expected no value");
    assertThatThrownBy(() -> assertThat(BOLD).hasNoValue())
        .hasMessageContaining("kind VALUE_CHANGE");
  }

  @Test
  void redactionAssertionsPassAndFail() {
    assertThat(TYPED).hasRedaction("value_change.value", "email");
    assertThat(BOLD).hasNoRedactions();

    assertThatThrownBy(() -> assertThat(TYPED).hasRedaction("value_change.value", "phone"))
        .hasMessageContaining("redaction of value_change.value by rule 'phone'");
    assertThatThrownBy(() -> assertThat(TYPED).hasNoRedactions())
        .hasMessageContaining("expected no redactions");
  }

  @Test
  void sourceAssertionsPassAndFail() {
    assertThat(CLICK_SAVE).hasAppId("notes").hasWindowTitle("report.txt — Notes");

    assertThatThrownBy(() -> assertThat(CLICK_SAVE).hasAppId("browser"))
        .hasMessageContaining("app id 'browser' but it was 'notes'");
    assertThatThrownBy(() -> assertThat(CLICK_SAVE).hasWindowTitle("Untitled"))
        .hasMessageContaining("window title 'Untitled'");
  }
}
