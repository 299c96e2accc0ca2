package dev.understudy.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Clipboard;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.ReplacementKind;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.ValueChange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecureFieldsTest {

  private final SecureFields stage = new SecureFields();

  private static Action typed(Target.Builder target, String value) {
    return Action.newBuilder().setTarget(target).setValueChange(ValueChange.newBuilder().setValue(value).setPreviousValue("old")).build();
  }

  @Test
  void dropsTheValueOfATargetFlaggedSecureAndRecordsIt() {
    Action out = stage.apply(typed(Target.newBuilder().setRole("textbox").setName("PIN").setSecure(true), "1234"));
    assertThat(out.getValueChange().getValue()).isEmpty();
    assertThat(out.getValueChange().getPreviousValue()).isEmpty();
    assertThat(out.getValueChange().getValueOmitted()).isTrue();
    assertThat(out.getRedactionsList()).extracting(Redaction::getFieldPath)
        .containsExactly("value_change.value", "value_change.previous_value");
    assertThat(out.getRedactions(0).getRuleId()).isEqualTo("secure-field");
    assertThat(out.getRedactions(0).getReplacement()).isEqualTo(ReplacementKind.REPLACEMENT_KIND_REMOVED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"password text", "PASSWORD_TEXT", "PasswordText", "JPasswordField", "password", "SecureTextField"})
  void dropsTheValueWhenThePlatformRoleSaysPasswordEvenIfTheAdapterForgotTheFlag(String role) {
    Action out = stage.apply(typed(Target.newBuilder().setRole(role).setName("Password"), "hunter2"));
    assertThat(out.getValueChange().getValue()).isEmpty();
    assertThat(out.getTarget().getSecure()).isTrue();
  }

  @Test
  void recognisesPasswordInputsByLocatorAndCardFieldsByAutocomplete() {
    Action byCss = stage.apply(typed(Target.newBuilder().setRole("textbox")
        .addLocators(Locator.newBuilder().setCss("form#login > input[type=\"password\"]")), "hunter2"));
    assertThat(byCss.getValueChange().getValue()).isEmpty();
    Action byUpperCss = stage.apply(typed(Target.newBuilder().setRole("textbox")
        .addLocators(Locator.newBuilder().setXpath("//INPUT[@TYPE='PASSWORD']")), "hunter2"));
    assertThat(byUpperCss.getValueChange().getValue()).isEmpty();
    assertThat(byCss.getValueChange().getValue()).isEmpty();
    Action byAutocomplete = stage.apply(typed(Target.newBuilder().setRole("textbox").setName("Card number"), "4111111111111111")
        .toBuilder().addAttributes(Attribute.newBuilder().setKey("html.autocomplete").setValue("cc-number")).build());
    assertThat(byAutocomplete.getValueChange().getValue()).isEmpty();
  }

  @Test
  void clearsTypedTextClipboardContentAndTextLocatorsOfASecureField() {
    Action edit = stage.apply(Action.newBuilder().setTarget(Target.newBuilder().setRole("password text")
            .addLocators(Locator.newBuilder().setText("hunter2")))
        .setTextEdit(TextEdit.newBuilder().setText("h").setRemovedText("x")).build());
    assertThat(edit.getTextEdit().getText()).isEmpty();
    assertThat(edit.getTextEdit().getRemovedText()).isEmpty();
    assertThat(edit.getTarget().getLocators(0).getText()).isEmpty();
    Action paste = stage.apply(Action.newBuilder().setTarget(Target.newBuilder().setSecure(true))
        .setClipboard(Clipboard.newBuilder().setContent("hunter2").setContentLength(7)).build());
    assertThat(paste.getClipboard().getContent()).isEmpty();
    assertThat(paste.getClipboard().getContentLength()).isEqualTo(7);
  }

  @Test
  void leavesOrdinaryFieldsAlone() {
    Action in = typed(Target.newBuilder().setRole("textbox").setName("Password hint"), "my dog");
    assertThat(stage.apply(in)).isSameAs(in);
  }
}
