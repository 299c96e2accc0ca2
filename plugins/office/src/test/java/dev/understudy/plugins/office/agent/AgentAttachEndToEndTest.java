package dev.understudy.plugins.office.agent;

import static dev.understudy.plugins.office.agent.AgentSwingEndToEndTest.bounds;
import static dev.understudy.plugins.office.agent.AgentSwingEndToEndTest.javaBin;
import static dev.understudy.plugins.office.agent.AgentSwingEndToEndTest.testClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.understudy.core.Recording;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.plugins.office.desktop.Child;
import dev.understudy.plugins.office.desktop.DemoSwingApp;
import dev.understudy.plugins.office.desktop.Xvfb;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ObservationKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loaded into a Swing application that is already running (dynamic attach), with
 * accessibility snapshots asked for and allowed; then the application vanishes while recorded.
 */
@Timeout(180)
class AgentAttachEndToEndTest {
  private static final Duration UP = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void attachesToARunningApplicationSendsSnapshotsWithoutValuesAndSurvivesItsDeath() throws Exception {
    Path store = dir.resolve("sessions");
    List<Action> live = new CopyOnWriteArrayList<>();
    String sessionId;
    try (Xvfb x = Xvfb.start();
        Child app = Child.start("swing-demo", List.of(javaBin(), "-cp", testClasses(), DemoSwingApp.class.getName()), x.env())) {
      Map<String, String> at = bounds(app.awaitLine(l -> l.startsWith("READY"), UP));
      Recording recording = Recording.builder().storeDirectory(store).adapter(new OfficeAdapterProvider())
          .policy(PrivacyPolicy.builder().capability(Capability.CAPABILITY_SNAPSHOTS, true).build())
          .config(Map.of("adapter.office.backends", "agent", "adapter.office.agent.socket", dir.resolve("a.sock").toString(),
              "adapter.office.agent.attach", Long.toString(app.pid()), "adapter.office.snapshots", "true"))
          .start();
      try {
        recording.subscribe(live::add);
        long deadline = System.nanoTime() + UP.toNanos();
        while (live.stream().noneMatch(a -> a.hasFocus() && a.getTarget().getName().equals("Name:"))) {
          assertThat(System.nanoTime()).as("agent attached and reporting focus").isLessThan(deadline);
          x.clickIn(DemoSwingApp.TITLE, at.get("password"));
          x.clickIn(DemoSwingApp.TITLE, at.get("name"));
          Thread.sleep(300);
        }
        x.xdotool("type", "--delay", "40", "Grace");
        x.clickIn(DemoSwingApp.TITLE, at.get("submit"));
        await().atMost(UP).until(() -> live.stream().anyMatch(Action::hasObservation)
            && live.stream().anyMatch(a -> a.hasInvoke() && a.getTarget().getName().equals("Submit")));
        app.kill();
        assertThat(recording.flush(Duration.ofSeconds(20))).isTrue();
        sessionId = recording.sessionIdText();
      } finally {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> recording.close());
      }
    }

    List<Action> recorded;
    try (SessionReader reader = SessionStore.open(store).reader(SessionId.parse(sessionId))) {
      recorded = reader.readAll();
    }
    assertThat(recorded.get(recorded.size() - 1).hasSessionEnd()).isTrue();
    Action submit = recorded.stream().filter(a -> a.hasInvoke() && a.getTarget().getName().equals("Submit")).findFirst().orElseThrow();
    Action typed = recorded.stream().filter(a -> a.hasValueChange() && a.getTarget().getName().equals("Name:")).findFirst().orElseThrow();
    assertThat(typed.getValueChange().getValue()).isEqualTo("Grace");
    List<Action> observations = recorded.stream().filter(Action::hasObservation).toList();
    assertThat(observations).isNotEmpty().allSatisfy(o -> {
      assertThat(o.getObservation().getObservationKind()).isEqualTo(ObservationKind.OBSERVATION_KIND_ACCESSIBILITY_TREE);
      assertThat(o.getObservation().getMediaType()).isEqualTo("application/json");
      assertThat(o.getObservation().getText()).contains("\"role\":\"push button\"", "\"name\":\"Submit\"", "\"bounds\":[")
          .doesNotContain("Grace");
    });
    String submitSeq = attribute(submit, AgentTranslator.SEQ);
    assertThat(observations).anyMatch(o -> attribute(o, AgentTranslator.OBSERVES).equals(submitSeq));
  }

  private static String attribute(Action a, String key) {
    return a.getAttributesList().stream().filter(x -> x.getKey().equals(key)).map(Attribute::getValue).findFirst().orElse("");
  }
}
