package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** ARIA widgets (combobox, listbox, menu, dialog, tabs, tree) and names that are easy to get wrong, in real Chromium. */
class AriaWidgetsRecordingTest {
  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  private static List<String> context(Action a) {
    return a.getTarget().getContextList().stream().map(c -> c.getRole() + ":" + c.getName()).toList();
  }

  @Test
  void widgetsAreRecordedByRoleNameAndContainer() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("aria.html"));
      r.driver.click("#fruit");
      r.driver.click("#opt-banana");
      r.driver.click("[aria-labelledby=colors-label] [role=option]:nth-child(2)");
      r.driver.click("#file-button");
      r.driver.click("#file-menu [role=menuitem]:nth-child(2)");
      r.driver.click("#open-dialog");
      r.driver.click("#close-dialog");
      r.driver.click("#tab-b");
      r.driver.click("#leaf");

      Action combo = r.await("combobox focus", a -> a.hasFocus() && a.getTarget().getRole().equals("combobox"));
      assertThat(combo.getTarget().getName()).isEqualTo("Fruit");
      Action banana = r.await("option", invoke("option", "Banana"));
      assertThat(context(banana)).containsExactly("main:", "listbox:Fruits");
      Action green = r.await("listbox option", invoke("option", "Green"));
      assertThat(context(green)).containsExactly("main:", "listbox:Colors");
      assertThat(green.getTarget().getRoleNameMatchCount()).isEqualTo(1);
      r.await("menu button", invoke("button", "File"));
      Action export = r.await("menu item", invoke("menuitem", "Export"));
      assertThat(export.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_MENU);
      assertThat(export.getInvoke().getMenuPathList()).containsExactly("Editor", "File", "Export");
      Action close = r.await("dialog close", invoke("button", "Close"));
      assertThat(context(close)).containsExactly("main:", "dialog:Settings");
      Action tab = r.await("tab", invoke("tab", "Details"));
      assertThat(context(tab)).containsExactly("main:", "tablist:Sections");
      Action leaf = r.await("tree item", invoke("treeitem", "report.odt"));
      assertThat(context(leaf)).containsExactly("main:", "tree:Files", "group:");
    }
  }

  /** The recorder's names agree with the names Chromium's accessibility tree computes, element by element. */
  @Test
  void namesAgreeWithChromium() throws Exception {
    Map<String, String> elements = new LinkedHashMap<>();
    elements.put("#star", "button");
    elements.put("#next", "button");
    elements.put("#home-link", "link");
    elements.put("#labelled", "button");
    elements.put("#titled", "button");
    elements.put("#hidden-part", "button");
    elements.put("#tab-a", "tab");
    elements.put("nav a", "link"); // last: it leaves the page
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("aria.html"));
      Map<String, String> chromium = new LinkedHashMap<>();
      for (String selector : elements.keySet()) {
        chromium.put(selector, chromiumName(r.driver, selector));
      }
      assertThat(chromium).containsEntry("#star", "Favourite").containsEntry("#next", "Go next")
          .containsEntry("#home-link", "Top of page").containsEntry("#labelled", "Delete draft")
          .containsEntry("#titled", "Print page").containsEntry("#hidden-part", "Send").containsEntry("nav a", "Home");
      r.driver.click("#clicky");
      Action clicky = r.await("div with onclick", a -> a.hasInvoke() && a.getTarget().getRole().isEmpty());
      assertThat(clicky.getTarget().getName()).as("a generic element has no name from its content").isEqualTo(chromiumName(r.driver, "#clicky"));
      assertThat(Actions.locator(clicky, dev.understudy.proto.v1.Locator.KindCase.TEXT).getText()).isEqualTo("Click me");
      for (Map.Entry<String, String> e : elements.entrySet()) {
        r.driver.click(e.getKey());
        String expected = chromium.get(e.getKey());
        r.await(e.getKey() + " named '" + expected + "'", invoke(e.getValue(), expected));
      }
    }
  }

  private static String chromiumName(Driver driver, String selector) throws Exception {
    String objectId = driver.cdp().call("Runtime.evaluate", driver.cdp().params()
        .put("expression", "document.querySelector(" + Driver.quote(selector) + ")"), driver.session(), BrowserRecording.WAIT)
        .path("result").path("objectId").asText();
    JsonNode nodes = driver.cdp().call("Accessibility.getPartialAXTree", driver.cdp().params()
        .put("objectId", objectId).put("fetchRelatives", false), driver.session(), BrowserRecording.WAIT).path("nodes");
    return nodes.path(0).path("name").path("value").asText("").replaceAll("\\s+", " ").strip();
  }
}
