package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.attribute;
import static dev.understudy.plugins.browser.Actions.invoke;
import static dev.understudy.plugins.browser.Actions.locator;
import static dev.understudy.plugins.browser.Actions.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ClipboardOperation;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.proto.v1.ValueKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A plain sign-up form in real Chromium: what a person does becomes one semantic action per step. */
class FormRecordingTest {
  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  @Test
  void typingBecomesOneValueChangePerFieldWithLabelRoleAndLocators() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("#email");
      r.driver.type("ada@example.org");
      r.driver.click("input[name=fullname]");
      r.driver.type("Ada Lovelace");
      r.driver.click("#cancel");

      Action email = r.await("email value", value("textbox", "Email *"));
      assertThat(email.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_TEXT);
      assertThat(email.getValueChange().getValue()).as("the core pseudonymizes e-mail addresses").startsWith("<EMAIL:");
      assertThat(attribute(email, "browser.value.cause")).as("change fires as the field loses focus").isEqualTo("change");
      assertThat(locator(email, Locator.KindCase.TEST_ID).getTestId()).isEqualTo("email-input");
      assertThat(email.getTarget().getLocators(0).getKindCase()).as("unique test id first").isEqualTo(Locator.KindCase.TEST_ID);
      assertThat(locator(email, Locator.KindCase.CSS).getCss()).isEqualTo("#email");
      assertThat(locator(email, Locator.KindCase.CSS).getMatchCount()).isEqualTo(1);
      assertThat(locator(email, Locator.KindCase.XPATH).getXpath()).isEqualTo("//*[@id=\"email\"]");
      assertThat(email.getTarget().getRoleNameMatchCount()).isEqualTo(1);
      assertThat(email.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName())
          .containsExactly("main:", "form:Sign up", "group:Account");
      assertThat(email.getSource().getAppId()).isEqualTo("chromium");
      assertThat(email.getSource().getWindowTitle()).isEqualTo("Sign up - Understudy test shop");
      assertThat(email.getSource().getDocument()).isEqualTo(pages.url("form.html"));

      Action name = r.await("full name value", value("textbox", "Full name"));
      assertThat(name.getValueChange().getValue()).isEqualTo("Ada Lovelace");
      assertThat(locator(name, Locator.KindCase.LABEL).getLabel()).isEqualTo("Full name");

      Action cancel = r.await("cancel click", invoke("button", "Cancel"));
      assertThat(cancel.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_CLICK);

      List<Action> values = r.actions().stream().filter(Action::hasValueChange).toList();
      assertThat(values).as("one value change per field, not one per key").hasSize(2);
      assertThat(r.actions().indexOf(name)).as("the value is recorded before the click that ended the typing")
          .isLessThan(r.actions().indexOf(cancel));
      Action load = r.await("page load", a -> a.hasNavigate() && a.getNavigate().getUrl().equals(pages.url("form.html")));
      assertThat(load.getNavigate().getNavigationType()).isEqualTo(NavigationType.NAVIGATION_TYPE_UNSPECIFIED);
    }
  }

  @Test
  void secureFieldsNeverCarryAValue() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("#password");
      r.driver.type("Hunter2-Secret");
      r.driver.click("#card");
      r.driver.type("4111111111111111");
      r.driver.click("#cancel");

      Action password = r.await("password value", value("textbox", "Password"));
      assertThat(password.getTarget().getSecure()).isTrue();
      assertThat(password.getValueChange().getValueOmitted()).isTrue();
      assertThat(password.getValueChange().getValue()).isEmpty();
      Action card = r.await("card value", value("textbox", "Card number"));
      assertThat(card.getTarget().getSecure()).isTrue();
      assertThat(card.getValueChange().getValueOmitted()).isTrue();
      assertThat(attribute(card, "browser.autocomplete")).isEqualTo("cc-number");
      r.await("cancel click", invoke("button", "Cancel"));
      assertThat(r.actions().toString()).doesNotContain("Hunter2", "4111111111111111");
    }
  }

  @Test
  void choicesBecomeOptionAndCheckedValuesWithoutClicks() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("#country");
      r.driver.press("ArrowDown", 0);
      r.driver.press("Enter", 0);
      r.driver.click("input[name=terms]");
      r.driver.click("input[value=pro]");
      r.driver.click("#cancel");

      Action country = r.await("country value", value("combobox", "Country"));
      assertThat(country.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_OPTION);
      assertThat(country.getValueChange().getValue()).isEqualTo("Germany");
      Action terms = r.await("terms value", value("checkbox", "I accept the terms"));
      assertThat(terms.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_CHECKED);
      assertThat(terms.getValueChange().getValue()).isEqualTo("true");
      Action plan = r.await("plan value", value("radio", "Pro"));
      assertThat(plan.getValueChange().getValue()).isEqualTo("true");
      assertThat(plan.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName()).contains("radiogroup:Plan");
      r.await("cancel click", invoke("button", "Cancel"));
      assertThat(r.actions()).as("clicks on boxes and selects are told by their value change")
          .noneMatch(a -> a.hasInvoke() && !a.getTarget().getName().equals("Cancel"));
    }
  }

  @Test
  void submittingRecordsTheButtonTheFormAndTheNavigation() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("textarea[name=bio]");
      r.driver.type("Mathematician");
      r.driver.click("button[type=submit]");
      r.driver.awaitLoaded(pages.url("done.html"));

      Action bio = r.await("bio value", value("textbox", "About you"));
      assertThat(bio.getValueChange().getValue()).isEqualTo("Mathematician");
      Action button = r.await("submit click", invoke("button", "Create account"));
      assertThat(locator(button, Locator.KindCase.TEST_ID).getTestId()).isEqualTo("submit");
      assertThat(button.getTarget().getLocatorsList()).as("the span inside is not the target")
          .noneMatch(l -> l.getKindCase() == Locator.KindCase.CSS && l.getCss().endsWith("span"));
      Action submit = r.await("form submit", a -> a.hasInvoke() && a.getInvoke().getMethod() == InvokeMethod.INVOKE_METHOD_SUBMIT);
      assertThat(submit.getTarget().getRole()).isEqualTo("form");
      assertThat(submit.getTarget().getName()).isEqualTo("Sign up");
      assertThat(attribute(submit, "browser.submitter.name")).isEqualTo("Create account");
      Action done = r.await("navigation", a -> a.hasNavigate() && a.getNavigate().getUrl().equals(pages.url("done.html")));
      assertThat(done.getNavigate().getNavigationType()).isEqualTo(NavigationType.NAVIGATION_TYPE_FORM_SUBMIT);
      assertThat(done.getNavigate().getPreviousUrl()).isEqualTo(pages.url("form.html"));
      assertThat(done.getSource().getWindowTitle()).isEqualTo("Welcome - Understudy test shop");
      List<Action> all = r.actions();
      assertThat(all.indexOf(bio)).isLessThan(all.indexOf(button));
      assertThat(all.indexOf(button)).isLessThan(all.indexOf(submit));
      assertThat(all.indexOf(submit)).isLessThan(all.indexOf(done));
    }
  }

  @Test
  void shortcutsAndContextKeysAreRecordedButPlainTypingIsNot() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("input[name=nickname]");
      r.driver.type("ada");
      r.driver.press("s", Driver.CTRL);
      r.driver.press("Tab", 0);
      r.driver.press("Escape", 0);

      Action save = r.await("ctrl+s", a -> a.hasKeyShortcut() && a.getKeyShortcut().getKey().equals("s"));
      assertThat(save.getKeyShortcut().getModifiersList()).containsExactly(dev.understudy.proto.v1.Modifier.MODIFIER_CTRL);
      assertThat(save.getTarget().getName()).isEqualTo("Nickname");
      r.await("tab", a -> a.hasKeyShortcut() && a.getKeyShortcut().getKey().equals("Tab"));
      r.await("escape", a -> a.hasKeyShortcut() && a.getKeyShortcut().getKey().equals("Escape"));
      Action nickname = r.await("nickname value", value("textbox", "Nickname"));
      assertThat(attribute(nickname, "browser.value.cause")).as("a shortcut ends the typing first").isEqualTo("key");
      List<Action> all = r.actions();
      assertThat(all.indexOf(nickname)).isLessThan(all.indexOf(save));
      assertThat(all).filteredOn(Action::hasKeyShortcut).hasSize(3);
    }
  }

  @Test
  void focusMovesBetweenFieldsNameTheFieldBefore() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("#email");
      r.driver.press("Tab", 0);

      Action toPassword = r.await("focus on password", a -> a.hasFocus() && a.getTarget().getName().equals("Password"));
      assertThat(toPassword.getFocus().getPreviousRole()).isEqualTo("textbox");
      assertThat(toPassword.getFocus().getPreviousName()).isEqualTo("Email *");
    }
  }

  @Test
  void chosenFilesAreRecordedByNameWhenFileNamesAreAllowedAndOnlyCountedOtherwise() throws Exception {
    Path file = store.getParent().resolve("avatar-" + System.nanoTime() + ".png");
    java.nio.file.Files.write(file, new byte[] {1, 2, 3});
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.chooseFiles("#avatar", file.toString());
      Action upload = r.await("upload", Action::hasFileEvent);
      assertThat(upload.getFileEvent().getOperation()).isEqualTo(dev.understudy.proto.v1.FileOperation.FILE_OPERATION_UPLOAD);
      assertThat(upload.getFileEvent().getPath()).isEqualTo(file.getFileName().toString());
      assertThat(upload.getTarget().getName()).isEqualTo("Avatar");
    }
    PrivacyPolicy noNames = PrivacyPolicy.builder().capability(Capability.CAPABILITY_FILE_NAMES, false).build();
    try (BrowserRecording r = BrowserRecording.start(store.resolve("second"), java.util.Map.of(), noNames)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.chooseFiles("#avatar", file.toString());
      Action chosen = r.await("file value", value("button", "Avatar"));
      assertThat(chosen.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_FILE);
      assertThat(chosen.getValueChange().getValueOmitted()).isTrue();
      assertThat(attribute(chosen, "browser.file.count")).isEqualTo("1");
      assertThat(r.actions().toString()).doesNotContain(file.getFileName().toString());
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void copyAndPasteAreRecordedWithLengthsAndNoContentByDefault() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("input[name=nickname]");
      r.driver.type("clip me");
      r.driver.press("a", Driver.CTRL, "selectAll");
      r.driver.press("c", Driver.CTRL, "copy");
      r.driver.click("input[name=fullname]");
      r.driver.press("v", Driver.CTRL, "paste");

      Action copy = r.await("copy", a -> a.hasClipboard() && a.getClipboard().getOperation() == ClipboardOperation.CLIPBOARD_OPERATION_COPY);
      assertThat(copy.getClipboard().getContentLength()).isEqualTo(7);
      assertThat(copy.getClipboard().getContent()).isEmpty();
      assertThat(copy.getTarget().getName()).isEqualTo("Nickname");
      Action paste = r.await("paste", a -> a.hasClipboard() && a.getClipboard().getOperation() == ClipboardOperation.CLIPBOARD_OPERATION_PASTE);
      assertThat(paste.getClipboard().getContentLength()).isEqualTo(7);
      assertThat(paste.getTarget().getName()).isEqualTo("Full name");
      assertThat(r.actions()).as("ctrl+c and ctrl+v are told by their clipboard actions")
          .noneMatch(a -> a.hasKeyShortcut() && (a.getKeyShortcut().getKey().equals("c") || a.getKeyShortcut().getKey().equals("v")));
    }
  }

  @Test
  void valuesAreLeftOutOnSitesWhereTheyAreMasked() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store, java.util.Map.of("mask-values-hosts", "127.0.0.*"), PrivacyPolicy.defaults())) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("input[name=fullname]");
      r.driver.type("Ada Lovelace");
      r.driver.click("input[name=terms]");
      r.driver.click("#cancel");
      Action name = r.await("full name value", value("textbox", "Full name"));
      assertThat(name.getValueChange().getValueOmitted()).isTrue();
      assertThat(name.getValueChange().getValue()).isEmpty();
      Action terms = r.await("terms value", value("checkbox", "I accept the terms"));
      assertThat(terms.getValueChange().getValueOmitted()).isTrue();
      assertThat(r.actions().toString()).doesNotContain("Lovelace");
    }
  }
}
