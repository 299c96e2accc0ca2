package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.attribute;
import static dev.understudy.plugins.browser.Actions.invoke;
import static dev.understudy.plugins.browser.Actions.locator;
import static dev.understudy.plugins.browser.Actions.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Locator;
import dev.understudy.testing.Canaries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Same-origin and cross-origin (out-of-process) iframes, and open shadow roots. */
class FramesAndShadowRecordingTest {
  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  /** Opens the page with a same-origin and a cross-origin frame once both have loaded; the cross-origin frame's URL. */
  private static String openFramesPage(BrowserRecording r) throws Exception {
    r.driver.navigate(pages.url("frames.html"));
    String crossUrl = pages.otherOrigin() + "/pages/frame-child.html";
    r.driver.awaitFrame(crossUrl);
    return crossUrl;
  }

  @Test
  void actionsInSameAndCrossOriginFramesCarryTheirFramePathAndTheTabAsDocument() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      String crossUrl = openFramesPage(r);
      r.driver.click("#same |> #apply");
      r.driver.click("#cross |> #apply");
      r.driver.click("#cross |> #code");
      r.driver.type("X42");
      r.driver.click("#cross |> #apply");

      Action same = r.await("click in the same-origin frame", a -> invoke("button", "Apply").test(a)
          && attribute(a, "browser.frame.url").equals(pages.url("frame-child.html")));
      assertThat(locator(same, Locator.KindCase.FRAME_PATH).getFramePath()).isEqualTo("frame=#same");
      assertThat(same.getSource().getDocument()).as("the policy judges the tab's page").isEqualTo(pages.url("frames.html"));
      assertThat(same.getSource().getWindowTitle()).isEqualTo("Frames");
      assertThat(same.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName()).containsExactly("form:Inner form");

      Action cross = r.await("click in the cross-origin frame", a -> invoke("button", "Apply").test(a)
          && attribute(a, "browser.frame.url").equals(crossUrl));
      assertThat(locator(cross, Locator.KindCase.FRAME_PATH).getFramePath()).isEqualTo("frame=#cross");
      assertThat(locator(cross, Locator.KindCase.FRAME_PATH).getMatchCount()).isEqualTo(1);
      assertThat(cross.getSource().getDocument()).isEqualTo(pages.url("frames.html"));
      assertThat(cross.getSource().getWindowTitle()).isEqualTo("Frames");
      Action code = r.await("value in the cross-origin frame", value("textbox", "Code"));
      assertThat(code.getValueChange().getValue()).isEqualTo("X42");
      assertThat(attribute(code, "browser.frame.url")).isEqualTo(crossUrl);
      assertThat(r.actions()).as("frames loading are not the person's navigations")
          .filteredOn(Action::hasNavigate).extracting(a -> a.getNavigate().getUrl()).containsExactly(pages.url("frames.html"));
    }
  }

  @Test
  void shortcutsInACrossOriginFrameAreRecordedWithItsFramePath() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      String crossUrl = openFramesPage(r);
      r.driver.click("#cross |> #code");
      r.await("the focus in the cross-origin frame", a -> a.hasFocus() && attribute(a, "browser.frame.url").equals(crossUrl));
      r.driver.type("ab");
      r.driver.press("s", Driver.CTRL);
      r.driver.press("Escape", 0);

      Action save = r.await("ctrl+s in the cross-origin frame", a -> a.hasKeyShortcut() && a.getKeyShortcut().getKey().equals("s"));
      assertThat(save.getKeyShortcut().getModifiersList()).containsExactly(dev.understudy.proto.v1.Modifier.MODIFIER_CTRL);
      assertThat(save.getTarget().getName()).isEqualTo("Code");
      assertThat(attribute(save, "browser.frame.url")).isEqualTo(crossUrl);
      assertThat(locator(save, Locator.KindCase.FRAME_PATH).getFramePath()).isEqualTo("frame=#cross");
      assertThat(save.getSource().getDocument()).as("the tab's page").isEqualTo(pages.url("frames.html"));
      Action escape = r.await("escape in the cross-origin frame", a -> a.hasKeyShortcut() && a.getKeyShortcut().getKey().equals("Escape"));
      assertThat(attribute(escape, "browser.frame.url")).isEqualTo(crossUrl);
      Action code = r.await("the value typed before the shortcut", value("textbox", "Code"));
      assertThat(code.getValueChange().getValue()).isEqualTo("ab");
      assertThat(attribute(code, "browser.value.cause")).as("the shortcut ends the typing").isEqualTo("key");
      List<Action> all = r.actions();
      assertThat(all.indexOf(code)).isLessThan(all.indexOf(save));
    }
  }

  @Test
  void aFrameFromASiteThePolicyDeniesIsNotRecordedInsideAnAllowedPage() throws Exception {
    PrivacyPolicy policy = PrivacyPolicy.parse("version: 1\nurls:\n  deny: ['localhost']\n", "deny-localhost");
    try (BrowserRecording r = BrowserRecording.start(store, Map.of(), policy)) {
      String crossUrl = openFramesPage(r);
      r.driver.click("#cross |> #code");
      r.driver.type("canary-in-denied-frame");
      r.driver.click("#cross |> #apply");
      r.driver.click("#same |> #apply");

      r.await("click in the allowed same-origin frame", a -> invoke("button", "Apply").test(a)
          && attribute(a, "browser.frame.url").equals(pages.url("frame-child.html")));
      r.stop();
      assertThat(r.translator().deniedFrameMessages()).as("the denied frame's click and value").isGreaterThanOrEqualTo(2);
      assertThat(r.actions()).as("nothing from the denied frame").isNotEmpty()
          .noneMatch(a -> a.toString().contains("localhost"));
    }
    String stored = Canaries.allBytes(store);
    assertThat(stored).isNotEmpty().doesNotContain("canary-in-denied-frame");
  }

  @Test
  void actionsInShadowRootsCarryTheHostPathAndLocatorsRelativeToTheRoot() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("shadow.html"));
      r.driver.click("#box >>> #q");
      r.driver.type("lamps");
      r.driver.click("#box >>> #exact");
      r.driver.click("#box >>> #go >>> button");

      Action query = r.await("search value", value("textbox", "Search"));
      assertThat(query.getValueChange().getValue()).isEqualTo("lamps");
      assertThat(locator(query, Locator.KindCase.FRAME_PATH).getFramePath()).isEqualTo("shadow=#box");
      assertThat(locator(query, Locator.KindCase.CSS).getCss()).isEqualTo("#q");
      assertThat(locator(query, Locator.KindCase.CSS).getMatchCount()).isEqualTo(1);
      assertThat(query.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName()).containsExactly("search:Site");
      Action exact = r.await("check box in a shadow root", value("checkbox", "Exact"));
      assertThat(exact.getValueChange().getValue()).as("change events do not leave shadow roots: heard inside").isEqualTo("true");
      Action find = r.await("button in a nested shadow root, named by slotted text", invoke("button", "Find"));
      assertThat(locator(find, Locator.KindCase.FRAME_PATH).getFramePath()).isEqualTo("shadow=#box >> shadow=#go");
    }
  }
}
