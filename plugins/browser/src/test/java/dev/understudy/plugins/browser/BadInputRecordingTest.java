package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.GapReason;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that break the rules, sent through the real binding from the recorder's own isolated world
 * (where a compromised or buggy recorder would send them): each is rejected and counted, the session
 * records the loss as a Gap, and recording goes on.
 */
class BadInputRecordingTest {
  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  @Test
  void malformedOversizedAndOutOfOrderMessagesAreCountedAndTheSessionGoesOn() throws Exception {
    List<Action> stored;
    try (BrowserRecording r = BrowserRecording.start(store)) {
      int world = recorderWorldAfterAClick(r);
      String valid = validMessage("forged-0001");
      String script = "(() => { const send = globalThis." + DevToolsRecorder.BINDING + ";"
          + " send('not json at all');"
          + " send('[1, 2, 3]');"
          + " send(JSON.stringify({...(" + valid + "), v: 7, seq: 1}));"
          + " send(JSON.stringify({...(" + valid + "), seq: 1, pad: 'x'.repeat(70000)}));"
          + " send(JSON.stringify({...(" + valid + "), seq: 2, type: 'click'}));"
          + " send(JSON.stringify({...(" + valid + "), seq: 5}));"
          + " send(JSON.stringify({...(" + valid + "), seq: 4}));"
          + " send(JSON.stringify({...(" + valid + "), seq: 5}));"
          + " return typeof send; })()";
      JsonNode result = r.driver.cdp().call("Runtime.evaluate", r.driver.cdp().params().put("expression", script)
          .put("contextId", world).put("returnByValue", true), r.driver.session(), BrowserRecording.WAIT);
      assertThat(result.path("result").path("value").asText()).as("the binding is there in the recorder's world").isEqualTo("function");
      assertThat(r.driver.eval("typeof window." + DevToolsRecorder.BINDING).asText()).as("and not in the page's").isEqualTo("undefined");

      r.driver.click("#cancel");
      r.awaitCount("second click", 2, invoke("button", "Cancel"));
      org.awaitility.Awaitility.await().atMost(BrowserRecording.WAIT).until(() -> r.translator().rejectedCount() == 7);
      assertThat(r.translator().rejections()).contains(entry(Rejection.NOT_JSON, 1L), entry(Rejection.NOT_AN_OBJECT, 1L),
          entry(Rejection.VERSION, 1L), entry(Rejection.OVERSIZED, 1L), entry(Rejection.SCHEMA, 1L), entry(Rejection.SEQUENCE, 2L));
      assertThat(r.actions()).filteredOn(Action::hasWindowSwitch).as("the one forged message that kept the rules").hasSize(1);
      stored = r.stop();
    }
    long reported = stored.stream().filter(Action::hasGap).filter(a -> a.getGap().getGapReason() == GapReason.GAP_REASON_ADAPTER_REPORTED)
        .mapToLong(a -> a.getGap().getCount()).sum();
    assertThat(reported).as("7 rejections and the 4 messages skipped before seq 5").isEqualTo(11);
    assertThat(stored).filteredOn(Action::hasSessionEnd).hasSize(1);
    assertThat(stored.toString()).doesNotContain("not json at all");
  }

  /** The recorder sends the messages of one page task in one binding call, one JSON text a line (cdp.ts). */
  @Test
  void aBatchedPayloadIsCheckedLineByLine() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      int world = recorderWorldAfterAClick(r);
      String valid = validMessage("batch-0001");
      String script = "(() => { globalThis." + DevToolsRecorder.BINDING + "(["
          + " JSON.stringify({...(" + valid + "), seq: 1}),"
          + " 'not json at all',"
          + " JSON.stringify({...(" + valid + "), seq: 2})].join('\\n')); })()";
      r.driver.cdp().call("Runtime.evaluate", r.driver.cdp().params().put("expression", script).put("contextId", world),
          r.driver.session(), BrowserRecording.WAIT);

      org.awaitility.Awaitility.await().atMost(BrowserRecording.WAIT)
          .until(() -> r.actions().stream().filter(Action::hasWindowSwitch).count() == 2);
      assertThat(r.translator().rejectedCount()).as("only the line that is not JSON").isEqualTo(1);
      assertThat(r.translator().rejections()).contains(entry(Rejection.NOT_JSON, 1L));
      r.driver.click("#cancel");
      r.awaitCount("a click after the batch", 2, invoke("button", "Cancel"));
      r.stop();
    }
  }

  /** Loads the form, waits for a first recorded click and returns the recorder's isolated world in the main frame. */
  private static int recorderWorldAfterAClick(BrowserRecording r) throws Exception {
    r.driver.navigate(pages.url("form.html"));
    r.driver.click("#cancel");
    r.await("first click", invoke("button", "Cancel"));
    String frameId = r.driver.cdp().call("Page.getFrameTree", r.driver.cdp().params(), r.driver.session(), BrowserRecording.WAIT)
        .path("frameTree").path("frame").path("id").asText();
    return r.driver.cdp().call("Page.createIsolatedWorld", r.driver.cdp().params().put("frameId", frameId)
        .put("worldName", DevToolsRecorder.WORLD), r.driver.session(), BrowserRecording.WAIT).path("executionContextId").asInt();
  }

  /** A JavaScript object literal of a well-formed activate message without its seq. */
  private static String validMessage(String rid) {
    return "{v: 1, rid: '" + rid + "', t: Date.now(), type: 'activate', frame: {url: location.href, top: true, title: 'x'}}";
  }
}
