package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.attribute;
import static dev.understudy.plugins.browser.Actions.invoke;
import static dev.understudy.plugins.browser.Actions.locator;
import static dev.understudy.plugins.browser.Actions.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.proto.v1.ValueKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain sign-up form in real Chromium: what a person does becomes one semantic action per step. */
class FormRecordingTest {
  private static PageServer pages;

  @TempDir Path store;

  @BeforeAll
  static void serve() throws Exception {
    pages = new PageServer();
  }

  @AfterAll
  static void stopServing() {
    pages.close();
  }

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
}
