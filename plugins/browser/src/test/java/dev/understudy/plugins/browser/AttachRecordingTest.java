package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.Recording;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.plugins.browser.cdp.ChromiumProcess;
import dev.understudy.proto.v1.Action;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attaching to a Chromium someone started with remote debugging: the page already open is recorded at
 * once, and when recording stops the recorder leaves the browser (which goes on) as it found it.
 */
class AttachRecordingTest {
  @TempDir Path store;

  @Test
  void recordsAnAlreadyOpenPageAndLeavesTheBrowserCleanWhenItStops() throws Exception {
    try (PageServer pages = PageServer.started(); ChromiumProcess chromium = ChromiumProcess.builder().launch();
        Driver driver = Driver.firstTab(chromium.webSocketUrl())) {
      driver.navigate(pages.url("form.html"));
      String http = "http://127.0.0.1:" + chromium.webSocketUrl().getPort();
      List<Action> seen = new CopyOnWriteArrayList<>();
      try (Recording recording = Recording.builder().storeDirectory(store).adapter(new BrowserAdapterProvider())
          .config("adapter.browser.attach", http).policy(PrivacyPolicy.defaults()).startTimeout(Duration.ofSeconds(40)).start()) {
        recording.subscribe(seen::add);
        assertThat(recording.stats().plugins()).allSatisfy(p -> assertThat(p.lastError()).isEmpty());
        driver.click("#cancel");
        Awaitility.await().atMost(BrowserRecording.WAIT).until(() -> seen.stream().anyMatch(invoke("button", "Cancel")));
      }
      assertThat(driver.eval("document.title").asText()).as("the browser goes on").isEqualTo("Sign up - Understudy test shop");
      // Stopped: no recorder is left in the page, and a new page gets none.
      JsonNodes.assertNoRecorder(driver);
      driver.navigate(pages.url("done.html"));
      JsonNodes.assertNoRecorder(driver);
      assertThat(chromium.isAlive()).isTrue();
    }
  }

  /** Looks for the recorder in the page's recorder world. */
  private static final class JsonNodes {
    static void assertNoRecorder(Driver driver) throws Exception {
      String frameId = driver.cdp().call("Page.getFrameTree", driver.cdp().params(), driver.session(), BrowserRecording.WAIT)
          .path("frameTree").path("frame").path("id").asText();
      int world = driver.cdp().call("Page.createIsolatedWorld", driver.cdp().params().put("frameId", frameId)
          .put("worldName", DevToolsRecorder.WORLD), driver.session(), BrowserRecording.WAIT).path("executionContextId").asInt();
      String found = driver.cdp().call("Runtime.evaluate", driver.cdp().params()
          .put("expression", "typeof globalThis.__understudyRecorder + ' ' + typeof globalThis." + DevToolsRecorder.BINDING)
          .put("contextId", world).put("returnByValue", true), driver.session(), BrowserRecording.WAIT).path("result").path("value").asText();
      assertThat(found).isEqualTo("undefined undefined");
    }
  }
}
