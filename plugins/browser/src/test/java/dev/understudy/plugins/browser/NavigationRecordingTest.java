package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.NavigationType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Client-side routes, fragment changes, back and forward, new tabs and popups. */
class NavigationRecordingTest {
  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  private static List<String> navigations(BrowserRecording r) {
    return r.actions().stream().filter(Action::hasNavigate)
        .map(a -> a.getNavigate().getNavigationType().name().replace("NAVIGATION_TYPE_", "") + " " + a.getNavigate().getUrl()).toList();
  }

  @Test
  void routeChangesInsideTheDocumentAndBackAreRecorded() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      String app = pages.url("spa.html");
      r.driver.navigate(app);
      r.driver.click("a[href$=inbox]");
      r.driver.click("a[href$=settings]");
      r.driver.click("a[href='#help']");
      // The history entry to go back to is the one before #help: read it only once #help is recorded.
      r.awaitCount("four navigations", 4, Action::hasNavigate);
      JsonNode history = r.driver.cdp().call("Page.getNavigationHistory", r.driver.cdp().params(), r.driver.session(), BrowserRecording.WAIT);
      int back = history.path("entries").get(history.path("currentIndex").asInt() - 1).path("id").asInt();
      r.driver.cdp().call("Page.navigateToHistoryEntry", r.driver.cdp().params().put("entryId", back), r.driver.session(), BrowserRecording.WAIT);

      r.awaitCount("five navigations", 5, Action::hasNavigate);
      assertThat(navigations(r)).containsExactly(
          "UNSPECIFIED " + app, // the driver opened it: neither a link nor typed by the person
          "SAME_DOCUMENT " + app + "/inbox",
          "SAME_DOCUMENT " + app + "/settings",
          "SAME_DOCUMENT " + app + "/settings#help",
          "BACK_FORWARD " + app + "/settings");
      Action inbox = r.actions().stream().filter(a -> a.hasNavigate() && a.getNavigate().getUrl().endsWith("/inbox")).findFirst().orElseThrow();
      assertThat(inbox.getNavigate().getPreviousUrl()).isEqualTo(app);
      Action link = r.await("link click", invoke("link", "Inbox"));
      assertThat(r.actions().indexOf(link)).isLessThan(r.actions().indexOf(inbox));
    }
  }

  @Test
  void newTabsAndPopupsAreRecordedAsSuch() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("spa.html"));
      r.driver.click("#new-tab");
      Action tab = r.await("new tab", a -> a.hasNavigate() && a.getNavigate().getUrl().equals(pages.url("form.html")));
      assertThat(tab.getNavigate().getNavigationType()).isEqualTo(NavigationType.NAVIGATION_TYPE_NEW_TAB);
      assertThat(tab.getSource().getWindowTitle()).isEqualTo("Sign up - Understudy test shop");
      r.driver.click("#popup");
      Action popup = r.await("popup", a -> a.hasNavigate() && a.getNavigate().getUrl().equals(pages.url("done.html")));
      assertThat(popup.getNavigate().getNavigationType()).isEqualTo(NavigationType.NAVIGATION_TYPE_POPUP);
    }
  }

  @Test
  void switchingBetweenTabsIsRecordedAsTabActivation() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("spa.html"));
      String first = r.driver.cdp().call("Target.getTargetInfo", r.driver.cdp().params(), r.driver.session(), BrowserRecording.WAIT)
          .path("targetInfo").path("targetId").asText();
      String second = r.driver.cdp().call("Target.createTarget", r.driver.cdp().params().put("url", pages.url("form.html")), null,
          BrowserRecording.WAIT).path("targetId").asText();
      r.await("the second tab's page", a -> a.hasNavigate() && a.getNavigate().getUrl().equals(pages.url("form.html")));
      r.driver.cdp().call("Target.activateTarget", r.driver.cdp().params().put("targetId", first), null, BrowserRecording.WAIT);
      Action back = r.await("back to the first tab", a -> a.hasWindowSwitch() && a.getWindowSwitch().getTo().getTitle().equals("App - Home"));
      assertThat(back.getSource().getDocument()).isEqualTo(pages.url("spa.html"));
      assertThat(back.getWindowSwitch().getFrom().getTitle()).as("the tab opened in front").isEqualTo("Sign up - Understudy test shop");
      r.driver.cdp().call("Target.activateTarget", r.driver.cdp().params().put("targetId", second), null, BrowserRecording.WAIT);
      Action again = r.await("to the second tab again", a -> a.hasWindowSwitch()
          && a.getWindowSwitch().getTo().getTitle().equals("Sign up - Understudy test shop"));
      assertThat(again.getWindowSwitch().getFrom().getTitle()).isEqualTo("App - Home");
      assertThat(again.getSource().getDocument()).isEqualTo(pages.url("form.html"));
    }
  }
}
