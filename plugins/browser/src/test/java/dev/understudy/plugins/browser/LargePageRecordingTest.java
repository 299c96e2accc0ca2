package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.attribute;
import static dev.understudy.plugins.browser.Actions.invoke;
import static dev.understudy.plugins.browser.Actions.locator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Locator;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A page of about 10,000 nodes with a thousand buttons of the same name: counts say which locators are unique. */
class LargePageRecordingTest {
  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  @Test
  void countsTellUniqueLocatorsFromAmbiguousOnesAndScrollingIsCoalesced() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("big.html"));
      assertThat(r.driver.eval("document.getElementsByTagName('*').length").asInt()).isGreaterThan(10_000);
      r.driver.eval("window.scrollEvents = 0; addEventListener('scroll', () => window.scrollEvents++)");
      r.driver.wheel("#filter", 400);
      r.driver.wheel("#filter", 400);
      r.driver.wheel("#filter", 400);
      // The recorded distances add up to where the page ended (wheel distances are the browser's to scale).
      await().atMost(BrowserRecording.WAIT).until(() -> {
        int scrolled = r.actions().stream().filter(Action::hasScroll).mapToInt(a -> a.getScroll().getDeltaYPx()).sum();
        return scrolled > 0 && scrolled == r.driver.eval("Math.round(scrollY)").asInt();
      });
      int scrollEvents = r.driver.eval("window.scrollEvents").asInt();
      r.driver.click("[data-testid=edit-500]");

      Action edit = r.await("edit click", invoke("button", "Edit"));
      // Counting stops at the cap: 2 of the 1,000 Edit buttons say "ambiguous", and the action says where counting stopped.
      assertThat(attribute(edit, "browser.count.cap")).isEqualTo("2");
      assertThat(edit.getTarget().getRoleNameMatchCount()).isEqualTo(2);
      assertThat(edit.getTarget().getLocators(0).getTestId()).isEqualTo("edit-500");
      assertThat(edit.getTarget().getLocators(0).getMatchCount()).isEqualTo(1);
      assertThat(locator(edit, Locator.KindCase.CSS).getMatchCount()).isEqualTo(1);
      assertThat(locator(edit, Locator.KindCase.XPATH).getMatchCount()).isEqualTo(1);
      assertThat(locator(edit, Locator.KindCase.TEXT).getMatchCount()).isEqualTo(2);
      assertThat(edit.getTarget().getLocatorsList()).extracting(Locator::getKindCase).as("ambiguous text last")
          .endsWith(Locator.KindCase.TEXT);
      assertThat(edit.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName())
          .contains("table:Orders", "row:#500 Customer 500 " + (500 * 7 % 300) + ".00 open Edit");

      // A name and text only one of the thousand buttons has: unique, after looking at all of them.
      r.driver.eval("document.querySelector('[data-testid=edit-700]').textContent = 'Archive'");
      r.driver.click("[data-testid=edit-700]");
      Action archive = r.await("archive click", invoke("button", "Archive"));
      assertThat(archive.getTarget().getRoleNameMatchCount()).isEqualTo(1);
      assertThat(locator(archive, Locator.KindCase.TEXT).getMatchCount()).isEqualTo(1);
      r.driver.eval("document.querySelector('[data-testid=edit-900]').textContent = 'Archive'");
      r.driver.click("[data-testid=edit-900]");
      Action second = r.await("second archive click", a -> invoke("button", "Archive").test(a)
          && locator(a, Locator.KindCase.TEST_ID).getTestId().equals("edit-900"));
      assertThat(second.getTarget().getRoleNameMatchCount()).isEqualTo(2);
      assertThat(locator(second, Locator.KindCase.TEXT).getMatchCount()).isEqualTo(2);

      List<Action> scrolls = r.actions().subList(0, r.actions().indexOf(edit)).stream().filter(Action::hasScroll).toList();
      assertThat(scrolls).as("scroll events coalesced").hasSizeLessThan(scrollEvents).allMatch(a -> a.getTarget().getRole().equals("document"));
      assertThat(scrolls.get(scrolls.size() - 1).getScroll().getPositionPermille()).isBetween(1, 999);
    }
  }

  @Test
  void testIdCountsAndPathsFollowTheDomAsItChanges() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("big.html"));
      // The first description places the table's rows and reads the test ids; everything after changes them.
      r.driver.click("[data-testid=edit-10]");
      r.await("first click", clickOn("edit-10"));

      // A second button takes a test id: its count sees both, then one again once it gives it back.
      r.driver.eval("document.querySelector('[data-testid=edit-20]').setAttribute('data-testid', 'edit-30')");
      r.driver.click("[data-testid=edit-30]");
      Action shared = r.await("click on a shared test id", clickOn("edit-30"));
      assertThat(locator(shared, Locator.KindCase.TEST_ID).getMatchCount()).isEqualTo(2);
      r.driver.eval("document.querySelector('[data-testid=edit-30]').setAttribute('data-testid', 'edit-20')");
      r.driver.click("[data-testid=edit-20]");
      r.await("the test id given back", clickOn("edit-20"));
      r.driver.click("[data-testid=edit-30]");
      Action own = r.await("click on a test id of its own again", a -> clickOn("edit-30").test(a) && a.getSeq() > shared.getSeq());
      assertThat(locator(own, Locator.KindCase.TEST_ID).getMatchCount()).isEqualTo(1);

      // Rows removed and inserted before the button: its CSS path and XPath find it, and only it.
      r.driver.eval("(() => { const rows = document.querySelector('#orders tbody'); rows.firstElementChild.remove(); rows.firstElementChild.remove();"
          + " rows.prepend(rows.lastElementChild.cloneNode(true)); })()");
      assertThat(locator(clickFoundByItsPaths(r, "edit-40"), Locator.KindCase.CSS).getCss()).contains("tr:nth-of-type(39)");

      // The table's body taken out, changed while out of the document (no observer sees that) and put back.
      r.driver.eval("window.detached = document.querySelector('#orders tbody'); window.detached.remove(); true");
      r.driver.eval("(() => { const rows = window.detached; rows.prepend(rows.lastElementChild); document.querySelector('#orders').append(rows); })()");
      assertThat(locator(clickFoundByItsPaths(r, "edit-60"), Locator.KindCase.CSS).getCss()).contains("tr:nth-of-type(60)");

      // Every row replaced, twice (the index sweeps out what left): counts and paths are those of the rows now there.
      r.driver.eval("(() => { const rows = document.querySelector('#orders tbody'); rows.innerHTML = rows.innerHTML; rows.innerHTML = rows.innerHTML; })()");
      assertThat(locator(clickFoundByItsPaths(r, "edit-70"), Locator.KindCase.TEST_ID).getMatchCount()).isEqualTo(1);
    }
  }

  /**
   * Clicks the button with this test id and checks that the recorded CSS path and XPath each find exactly that
   * button in the page; the click's action.
   */
  private static Action clickFoundByItsPaths(BrowserRecording r, String testId) throws Exception {
    r.driver.eval("window.clicked = document.querySelector('[data-testid=" + testId + "]'); true");
    r.driver.click("[data-testid=" + testId + "]");
    Action action = r.await("click on " + testId, clickOn(testId));
    String css = Driver.quote(locator(action, Locator.KindCase.CSS).getCss());
    String xpath = Driver.quote(locator(action, Locator.KindCase.XPATH).getXpath());
    assertThat(r.driver.eval("document.querySelectorAll(" + css + ").length === 1 && document.querySelector(" + css + ") === window.clicked")
        .asBoolean()).as("CSS path %s", css).isTrue();
    assertThat(r.driver.eval("(() => { const r = document.evaluate(" + xpath + ", document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);"
        + " return r.snapshotLength === 1 && r.snapshotItem(0) === window.clicked; })()").asBoolean()).as("XPath %s", xpath).isTrue();
    return action;
  }

  private static java.util.function.Predicate<Action> clickOn(String testId) {
    return a -> a.hasInvoke() && a.getTarget().getLocatorsList().stream()
        .anyMatch(l -> l.getKindCase() == Locator.KindCase.TEST_ID && l.getTestId().equals(testId));
  }
}
