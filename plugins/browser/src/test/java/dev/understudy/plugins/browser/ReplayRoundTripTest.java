package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.browser.replay.BrowserReplay;
import dev.understudy.plugins.browser.replay.ReplayStep;
import dev.understudy.plugins.browser.replay.ReplayStep.Outcome;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Locator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record in real Chromium, replay the stored session in a fresh Chromium from its locators alone, and
 * compare the final DOM state of both tabs.
 */
class ReplayRoundTripTest {
  private static final String FORM_STATE = """
      (() => { const f = document.forms.signup; return {
        url: location.href, fullname: f.fullname.value, nickname: f.nickname.value, bio: f.bio.value,
        country: f.country.value, terms: f.terms.checked, plan: f.plan.value,
        status: document.getElementById('status').textContent }; })()""";
  private static final String SPA_STATE = "({url: location.href, view: document.getElementById('view').textContent, title: document.title})";
  private static final String SHADOW_STATE = """
      (() => { const r = document.getElementById('box').shadowRoot;
        return {q: r.getElementById('q').value, exact: r.getElementById('exact').checked}; })()""";

  private static PageServer pages;

  @TempDir Path store;

  @BeforeAll
  static void serve() throws Exception {
    pages = PageServer.started();
  }

  @AfterAll
  static void stopServing() {
    pages.close();
  }

  @Test
  void formReplaysToTheSameValuesAndCheckedStatesLeavingTheSecureFieldAlone() throws Exception {
    RoundTrip trip = roundTrip(FORM_STATE, r -> {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("input[name=fullname]");
      r.driver.type("Ada Lovelace");
      r.driver.click("#password");
      r.driver.type("canary-Hunter2");
      r.driver.click("input[name=nickname]");
      r.driver.type("ada");
      r.driver.click("textarea[name=bio]");
      r.driver.type("Mathematician");
      r.driver.click("#country");
      r.driver.press("ArrowDown", 0);
      r.driver.press("Enter", 0);
      r.driver.click("input[name=terms]");
      r.driver.click("input[value=pro]");
      r.driver.click("#cancel");
      r.await("cancel click", invoke("button", "Cancel"));
    }, "document.getElementById('password').value");
    assertThat(trip.recorded.path("status").asText()).isEqualTo("Cancelled");
    assertThat(trip.replayed).as("final DOM state after replay; steps: %s", trip.steps).isEqualTo(trip.recorded);
    assertThat(trip.replayedExtra.asText()).as("the secure field is left empty").isEmpty();

    List<ReplayStep> steps = trip.steps;
    assertThat(steps).filteredOn(s -> s.outcome() == Outcome.VALUE_NOT_RECORDED).singleElement()
        .satisfies(s -> assertThat(s.detail()).isEqualTo("value not recorded (secure)"))
        .satisfies(s -> assertThat(s.resolvedUniquely()).isTrue());
    assertThat(steps).filteredOn(s -> !s.action().startsWith("navigate"))
        .as("every target resolved to a unique element").isNotEmpty()
        .allSatisfy(s -> assertThat(s.resolvedUniquely()).as(s.toString()).isTrue());
    assertThat(steps).extracting(ReplayStep::outcome).doesNotContain(Outcome.NOT_FOUND, Outcome.FAILED, Outcome.AMBIGUOUS);
    assertThat(steps).filteredOn(s -> s.action().equals("set combobox 'Country'")).singleElement()
        .satisfies(s -> assertThat(s.outcome()).isEqualTo(Outcome.PERFORMED));
  }

  @Test
  void linkAndClientSideRouteReplayToTheSameRoute() throws Exception {
    RoundTrip trip = roundTrip(SPA_STATE, r -> {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("a[href='spa.html']");
      r.driver.awaitLoaded(pages.url("spa.html"));
      r.driver.click("a[href='/pages/spa.html/settings']");
      r.await("route change", a -> a.hasNavigate() && a.getNavigate().getUrl().endsWith("/settings"));
    }, "1");
    assertThat(trip.recorded.path("view").asText()).isEqualTo("Settings");
    assertThat(trip.replayed).as("route after replay; steps: %s", trip.steps).isEqualTo(trip.recorded);
    assertThat(trip.steps).extracting(ReplayStep::outcome).doesNotContain(Outcome.NOT_FOUND, Outcome.FAILED, Outcome.AMBIGUOUS);
    assertThat(trip.steps).filteredOn(s -> s.action().startsWith("click")).hasSize(2)
        .allSatisfy(s -> assertThat(s.resolvedUniquely()).as(s.toString()).isTrue());
    assertThat(trip.steps).filteredOn(s -> s.action().startsWith("navigate")).extracting(ReplayStep::outcome)
        .as("the first load is performed; the link and the route follow from clicks")
        .containsExactly(Outcome.PERFORMED, Outcome.FOLLOWED, Outcome.FOLLOWED);
  }

  @Test
  void shadowRootTargetsReplayThroughTheirHostPath() throws Exception {
    RoundTrip trip = roundTrip(SHADOW_STATE, r -> {
      r.driver.navigate(pages.url("shadow.html"));
      r.driver.click("#box >>> #q");
      r.driver.type("lamps");
      r.driver.click("#box >>> #exact");
      r.driver.click("#box >>> #go >>> button");
      r.await("find click", invoke("button", "Find"));
    }, "1");
    assertThat(trip.recorded.path("q").asText()).isEqualTo("lamps");
    assertThat(trip.replayed).as("shadow state after replay; steps: %s", trip.steps).isEqualTo(trip.recorded);
    assertThat(trip.steps).filteredOn(s -> !s.action().startsWith("navigate")).isNotEmpty()
        .allSatisfy(s -> assertThat(s.resolvedUniquely()).as(s.toString()).isTrue());
  }

  @Test
  void crossOriginFrameTargetsReplayInTheFramesOwnSession() throws Exception {
    String crossUrl = pages.otherOrigin() + "/pages/frame-child.html";
    String code = "document.getElementById('code').value";
    List<Action> session;
    String recorded;
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("frames.html"));
      r.driver.awaitFrame(crossUrl);
      clickUntilRecorded(r, "#cross |> #apply", crossUrl);
      r.driver.click("#cross |> #code");
      r.driver.type("X42");
      r.driver.click("#cross |> #apply");
      r.driver.click("#same |> #code");
      r.driver.type("S7");
      r.driver.click("#same |> #apply");
      r.await("the click in the same-origin frame", a -> invoke("button", "Apply").test(a)
          && Actions.attribute(a, "browser.frame.url").equals(pages.url("frame-child.html")));
      recorded = r.driver.eval("document.getElementById('same').contentDocument.getElementById('code').value").asText();
      session = r.stop();
    }
    assertThat(recorded).isEqualTo("S7");
    try (BrowserReplay replay = BrowserReplay.builder().launch()) {
      List<ReplayStep> steps = replay.replay(session);
      assertThat(steps).filteredOn(s -> !s.action().startsWith("navigate")).as("steps").hasSizeGreaterThanOrEqualTo(6)
          .allSatisfy(s -> assertThat(s.resolvedUniquely()).as(s.toString()).isTrue());
      assertThat(steps).extracting(ReplayStep::outcome).doesNotContain(Outcome.NOT_FOUND, Outcome.FAILED, Outcome.AMBIGUOUS);
      assertThat(replay.evaluateInFrame(crossUrl, code).asText()).as("the cross-origin frame's field; steps: %s", steps).isEqualTo("X42");
      assertThat(replay.evaluate("document.getElementById('same').contentDocument.getElementById('code').value").asText())
          .isEqualTo("S7");
    }
  }

  @Test
  void aCrossOriginFrameInsideACrossOriginFrameReplaysThroughEachFramesSession() throws Exception {
    String middleUrl = pages.otherOrigin() + "/pages/nest-middle.html";
    String innerUrl = pages.url("frame-child.html");
    List<Action> session;
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("nested.html"));
      r.driver.awaitFrame(middleUrl);
      r.driver.awaitFrame(innerUrl);
      clickUntilRecorded(r, "#outer |> #inner |> #apply", innerUrl);
      r.driver.click("#outer |> #inner |> #code");
      r.driver.type("N5");
      r.driver.click("#outer |> #inner |> #apply");
      Action value = r.await("the value in the inner frame", a -> a.hasValueChange() && a.getValueChange().getValue().equals("N5"));
      assertThat(Actions.locator(value, Locator.KindCase.FRAME_PATH).getFramePath()).isEqualTo("frame=#outer >> frame=#inner");
      assertThat(value.getSource().getDocument()).as("the tab's page").isEqualTo(pages.url("nested.html"));
      session = r.stop();
    }
    try (BrowserReplay replay = BrowserReplay.builder().launch()) {
      List<ReplayStep> steps = replay.replay(session);
      assertThat(steps).filteredOn(s -> !s.action().startsWith("navigate")).as("steps").hasSizeGreaterThanOrEqualTo(4)
          .allSatisfy(s -> assertThat(s.resolvedUniquely()).as(s.toString()).isTrue());
      assertThat(replay.evaluateInFrame(innerUrl, "document.getElementById('code').value").asText()).as("steps: %s", steps)
          .isEqualTo("N5");
    }
  }

  /**
   * Clicks the element until a click in that frame is recorded. Once, in a loaded CI run, the first
   * focus and typed value in the cross-origin frame right after it appeared were not recorded (the cause
   * is not established: the recorder is set up while the new frame waits for the debugger); the round
   * trip checks replay, so it starts once the frame is known to be recorded.
   */
  private static void clickUntilRecorded(BrowserRecording r, String selector, String frameUrl) throws Exception {
    long deadline = System.nanoTime() + BrowserRecording.WAIT.toNanos();
    while (true) {
      r.driver.click(selector);
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
      while (System.nanoTime() < until) {
        if (r.actions().stream().anyMatch(a -> a.hasInvoke() && frameUrl.equals(Actions.attribute(a, "browser.frame.url")))) {
          return;
        }
        Thread.sleep(50);
      }
      assertThat(System.nanoTime()).as("a click recorded in the frame %s", frameUrl).isLessThan(deadline);
    }
  }

  /** What a person did in the recording browser. */
  private interface Script {
    void run(BrowserRecording r) throws Exception;
  }

  /** The final state of the recording tab and of the replay tab, one more value read after replay, and the steps. */
  private record RoundTrip(JsonNode recorded, JsonNode replayed, JsonNode replayedExtra, List<ReplayStep> steps) {}

  /** Records the script and reads the state; replays the stored session in a fresh browser and reads it there. */
  private RoundTrip roundTrip(String state, Script script, String extra) throws Exception {
    JsonNode recorded;
    List<Action> session;
    try (BrowserRecording r = BrowserRecording.start(store)) {
      script.run(r);
      recorded = r.driver.eval(state);
      session = r.stop();
    }
    try (BrowserReplay replay = BrowserReplay.builder().launch()) {
      List<ReplayStep> steps = replay.replay(session);
      return new RoundTrip(recorded, replay.evaluate(state), replay.evaluate(extra), steps);
    }
  }
}
