package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.testing.Canaries;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords, card numbers and secrets typed into a real page: after the session is stored, every byte
 * Understudy wrote is searched. No canary, nor a long fragment of one, may be found.
 */
class SecretsNeverStoredTest {
  private static final Map<String, String> CANARIES = new LinkedHashMap<>();

  static {
    CANARIES.put("CanaryHorseBattery42", "typed into a password field");
    CANARIES.put("ZebraShown77x", "typed after the page turned the password field to text (show password)");
    CANARIES.put("4111111111111111", "typed into a field with autocomplete=cc-number");
    CANARIES.put("AKIACANARY7Q2W3E4R5T", "typed into a plain field (an access key: the core redacts it)");
    CANARIES.put("ghp_CANARYaaaaBBBBccccDDDDeeeeFFFF012345", "typed into a text area (a token: the core redacts it)");
  }

  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  @Test
  void noCanaryTypedIntoThePageReachesTheDisk() throws Exception {
    List<Action> stored;
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("#password");
      r.driver.type("CanaryHorseBattery42");
      r.driver.click("#cancel");
      r.driver.eval("document.getElementById('password').type = 'text'");
      r.driver.click("#password");
      r.driver.type("ZebraShown77x");
      r.driver.click("#card");
      r.driver.type("4111111111111111");
      r.driver.click("input[name=nickname]");
      r.driver.type("AKIACANARY7Q2W3E4R5T");
      r.driver.click("textarea[name=bio]");
      r.driver.type("ghp_CANARYaaaaBBBBccccDDDDeeeeFFFF012345");
      r.driver.click("input[name=fullname]");
      r.driver.type("Ada Lovelace");
      r.driver.click("#cancel");
      r.awaitCount("two password values", 2, value("textbox", "Password"));
      r.await("full name value", value("textbox", "Full name"));
      stored = r.stop();
    }
    // The recording really captured the typing: one value change per field, values removed or redacted.
    assertThat(stored).filteredOn(Action::hasValueChange).hasSize(6);
    assertThat(stored).filteredOn(a -> a.hasValueChange() && a.getTarget().getSecure()).hasSize(3)
        .allMatch(a -> a.getValueChange().getValueOmitted());
    assertThat(stored).filteredOn(a -> a.hasValueChange() && !a.getTarget().getSecure() && !a.getTarget().getName().equals("Full name"))
        .allMatch(a -> a.getRedactionsCount() > 0);

    String everything = Canaries.allBytes(store);
    assertThat(everything).as("the search can see what was stored: a plain value is there").contains("Ada Lovelace");
    List<String> found = Canaries.find(everything, CANARIES);
    assertThat(found).as("canaries found in what Understudy wrote").isEmpty();
  }
}
