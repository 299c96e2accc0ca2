package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.Actions.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.testing.Canaries;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observations in real Chromium: with snapshots and screenshots allowed and observations on, a click
 * stores a cleaned HTML snapshot and a screenshot whose password field is black; with the default policy
 * nothing of the kind is stored.
 */
class ObservationRecordingTest {
  private static final String CANARY = "CanaryObserved93Kite";
  private static final Map<String, String> ON = Map.of("observations", "true");

  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  private static PrivacyPolicy observing() {
    return PrivacyPolicy.builder().capability(Capability.CAPABILITY_SNAPSHOTS, true)
        .capability(Capability.CAPABILITY_SCREENSHOTS, true).build();
  }

  private static boolean observation(Action a, ObservationKind kind) {
    return a.hasObservation() && a.getObservation().getObservationKind() == kind;
  }

  @Test
  void aClickStoresACleanedSnapshotAndAScreenshotWithThePasswordBlackedOut() throws Exception {
    List<Action> stored;
    JsonNode field;
    double viewportWidth;
    // Clicks only: the password's value change, sent just before the click, would otherwise take the tab's turn.
    try (BrowserRecording r = BrowserRecording.start(store, Map.of("observations", "true", "observation-triggers", "click"), observing())) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("input[name=fullname]");
      r.driver.type("Ada Lovelace");
      r.driver.click("#password");
      r.driver.type(CANARY);
      r.driver.click("#cancel");
      Action cancel = r.await("cancel click", invoke("button", "Cancel"));
      Action html = r.await("snapshot", a -> observation(a, ObservationKind.OBSERVATION_KIND_DOM_SNAPSHOT)
          && Actions.attribute(a, "browser.observation.trigger").equals("click"));
      r.await("screenshot", a -> observation(a, ObservationKind.OBSERVATION_KIND_SCREENSHOT));
      assertThat(html.getTimeUnixNano()).as("the observation goes with the click").isEqualTo(cancel.getTimeUnixNano());
      assertThat(html.getSource().getDocument()).isEqualTo(pages.url("form.html"));
      field = r.driver.eval("(() => { const b = document.getElementById('password').getBoundingClientRect();"
          + " return {x: b.x, y: b.y, width: b.width, height: b.height, vw: window.innerWidth}; })()");
      viewportWidth = field.path("vw").asDouble();
      stored = r.stop();
    }

    Action snapshot = stored.stream().filter(a -> observation(a, ObservationKind.OBSERVATION_KIND_DOM_SNAPSHOT)).findFirst().orElseThrow();
    assertThat(snapshot.getObservation().getMediaType()).isEqualTo("text/html");
    String html = snapshot.getObservation().getText();
    assertThat(html).startsWith("<body>")
        .doesNotContain("<script", "<style", "addEventListener", "<meta", "class=")
        .contains("<label for=\"password\">Password</label>")
        .contains("<input id=\"password\" name=\"password\" type=\"password\">")
        .contains("<div role=\"radiogroup\" aria-label=\"Plan\">")
        .contains("data-testid=\"email-input\"")
        .contains("<legend>Account</legend>")
        .contains("value=\"Ada Lovelace\"")
        .contains("<button type=\"button\" id=\"cancel\">Cancel</button>")
        .doesNotContain(CANARY);

    Action screenshot = stored.stream().filter(a -> observation(a, ObservationKind.OBSERVATION_KIND_SCREENSHOT)).findFirst().orElseThrow();
    assertThat(screenshot.getObservation().getMediaType()).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(screenshot.getObservation().getData().toByteArray()));
    assertThat(image).as("a PNG").isNotNull();
    double scale = image.getWidth() / viewportWidth;
    int x0 = (int) Math.floor(field.path("x").asDouble() * scale);
    int y0 = (int) Math.floor(field.path("y").asDouble() * scale);
    int x1 = (int) Math.ceil((field.path("x").asDouble() + field.path("width").asDouble()) * scale);
    int y1 = (int) Math.ceil((field.path("y").asDouble() + field.path("height").asDouble()) * scale);
    assertThat(x1 - x0).as("the password field is on screen").isGreaterThan(20);
    for (int y = Math.max(0, y0); y < Math.min(y1, image.getHeight()); y++) {
      for (int x = Math.max(0, x0); x < Math.min(x1, image.getWidth()); x++) {
        assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d of the password field", x, y).isZero();
      }
    }
    assertThat(image.getRGB(x1 + 40, y0 + (y1 - y0) / 2) & 0xFFFFFF).as("the page beside the field is not blacked out").isNotZero();

    assertThat(Canaries.find(Canaries.allBytes(store), Map.of(CANARY, "typed into the password field"))).isEmpty();
  }

  @Test
  void theDefaultPolicyStoresNoObservationEvenWhenTheyAreOn() throws Exception {
    List<Action> stored;
    try (BrowserRecording r = BrowserRecording.start(store, ON, PrivacyPolicy.defaults())) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("#cancel");
      r.await("cancel click", invoke("button", "Cancel"));
      assertThat(r.provider.lastAdapter().observer()).as("no observer without the capabilities").isNull();
      stored = r.stop();
    }
    assertThat(stored).filteredOn(a -> a.hasInvoke()).isNotEmpty();
    assertThat(stored).noneMatch(Action::hasObservation);
  }

  @Test
  void observationsStayOffUnlessConfiguredEvenWhenThePolicyAllowsThem() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store, Map.of(), observing())) {
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("#cancel");
      r.await("cancel click", invoke("button", "Cancel"));
      assertThat(r.provider.lastAdapter().observer()).isNull();
      assertThat(r.stop()).noneMatch(Action::hasObservation);
    }
  }
  @Test
  void onAMaskedSiteNoObservationIsStoredAndNoValueNorFileName() throws Exception {
    Path file = store.getParent().resolve("CanaryStatement-" + System.nanoTime() + ".pdf");
    Files.write(file, new byte[] {1, 2, 3});
    List<Action> stored;
    PageObserver observer;
    try (BrowserRecording r = BrowserRecording.start(store,
        Map.of("observations", "true", "mask-values-hosts", "127.0.0.1"), observing())) {
      observer = r.provider.lastAdapter().observer();
      assertThat(observer).as("observations are on and allowed").isNotNull();
      r.driver.navigate(pages.url("form.html"));
      r.driver.click("input[name=fullname]");
      r.driver.type(CANARY);
      r.driver.chooseFiles("#avatar", file.toString());
      r.driver.click("#cancel");
      r.await("cancel click", invoke("button", "Cancel"));
      r.await("the file's value", a -> a.hasValueChange() && a.getTarget().getName().equals("Avatar"));
      Awaitility.await("observations left out").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> observer.maskedCount() >= 3);
      stored = r.stop();
    } finally {
      Files.delete(file);
    }
    assertThat(stored).filteredOn(Action::hasInvoke).isNotEmpty();
    assertThat(stored).noneMatch(Action::hasObservation).noneMatch(Action::hasFileEvent);
    assertThat(observer.storedCount()).isZero();
    assertThat(Canaries.find(Canaries.allBytes(store), Map.of(CANARY, "typed on a masked site",
        file.getFileName().toString(), "chosen on a masked site"))).isEmpty();
  }

  @Test
  void aMaskedCrossOriginFrameInsideAnUnmaskedPageKeepsThePageFromBeingObserved() throws Exception {
    List<Action> stored;
    PageObserver observer;
    try (BrowserRecording r = BrowserRecording.start(store,
        Map.of("observations", "true", "observation-triggers", "click", "mask-values-hosts", "localhost"), observing())) {
      observer = r.provider.lastAdapter().observer();
      r.driver.navigate(pages.url("frames.html"));
      r.driver.awaitFrame(pages.otherOrigin() + "/pages/frame-child.html");
      r.driver.click("#same |> #apply");
      Action apply = r.await("click in the unmasked same-origin frame", a -> invoke("button", "Apply").test(a)
          && Actions.attribute(a, "browser.frame.url").equals(pages.url("frame-child.html")));
      assertThat(apply.getAttributesList()).as("the action itself is not on a masked site")
          .noneMatch(x -> x.getKey().equals("browser.value.masked"));
      Awaitility.await("the observation left out").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> observer.maskedCount() >= 1);
      stored = r.stop();
    }
    assertThat(stored).noneMatch(Action::hasObservation);
    assertThat(observer.storedCount()).isZero();
  }
}
