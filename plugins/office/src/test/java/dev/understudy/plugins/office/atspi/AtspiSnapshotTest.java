package dev.understudy.plugins.office.atspi;

import static dev.understudy.plugins.office.atspi.AtspiSwingEndToEndTest.accessibleSwing;
import static dev.understudy.plugins.office.atspi.AtspiSwingEndToEndTest.awaitAction;
import static dev.understudy.plugins.office.atspi.AtspiSwingEndToEndTest.bounds;
import static dev.understudy.plugins.office.atspi.AtspiSwingEndToEndTest.focusNameField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.office.a11y.SnapshotTrees;
import dev.understudy.api.CaptureClock;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.a11y.TreeWalk;
import dev.understudy.plugins.office.desktop.Child;
import dev.understudy.plugins.office.desktop.DbusSession;
import dev.understudy.plugins.office.desktop.DemoSwingApp;
import dev.understudy.plugins.office.desktop.Xvfb;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.testing.RecordingCaptureContext;
import dev.understudy.testing.TestPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Accessibility snapshots over AT-SPI from a real accessible application (the Swing demo through the
 * ATK wrapper) on a private X server and D-Bus session: asked for and allowed, an action brings a
 * snapshot of the active window with roles, names, states and bounds, and without typed values.
 */
@Timeout(180)
class AtspiSnapshotTest {
  private static final Duration UP = Duration.ofSeconds(60);

  @Test
  void anActionBringsASnapshotOfTheActiveWindowWithoutTypedValues() throws Exception {
    RecordingCaptureContext ctx = RecordingCaptureContext.builder().clock(CaptureClock.system())
        .config(Map.of("snapshots", "true")).policy(TestPolicy.allowing(Capability.CAPABILITY_INTERACTIONS,
            Capability.CAPABILITY_TEXT_CONTENT, Capability.CAPABILITY_SNAPSHOTS)).build();
    try (Xvfb x = Xvfb.start(); DbusSession bus = DbusSession.start(x.env())) {
      AtspiBackend backend = new AtspiBackend(PluginConfig.of("adapter.office.", Map.of(AtspiBackend.BUS_KEY, bus.address())));
      backend.start(ctx);
      try (Child app = accessibleSwing(x, bus)) {
        Map<String, String> at = bounds(app.awaitLine(l -> l.startsWith("READY"), UP));
        focusNameField(x, app, at, ctx);
        x.xdotool("type", "--delay", "40", "Ada Lovelace");
        x.clickIn(DemoSwingApp.TITLE, at.get("password"));
        awaitAction(ctx, a -> a.hasFocus() && a.getTarget().getName().equals("Password:"));
        x.xdotool("type", "--delay", "40", "hunter2");
        x.clickIn(DemoSwingApp.TITLE, at.get("subscribe"));
        awaitAction(ctx, a -> a.hasValueChange() && a.getTarget().getName().equals("Subscribe"));
        awaitAction(ctx, a -> a.hasObservation() && a.getObservation().getText().contains("\"Subscribe\"")
            && a.getObservation().getText().contains("checked"));
      } finally {
        backend.stop();
      }
    }
    List<Action> observations = ctx.actions().stream().filter(Action::hasObservation).toList();
    assertThat(observations).allSatisfy(o -> {
      assertThat(o.getObservation().getObservationKind()).isEqualTo(ObservationKind.OBSERVATION_KIND_ACCESSIBILITY_TREE);
      assertThat(o.getObservation().getMediaType()).isEqualTo("application/json");
      assertThat(o.getSource().getWindowTitle()).isEqualTo(DemoSwingApp.TITLE);
      assertThat(SnapshotTrees.count(o.getObservation().getText())).isBetween(1, TreeWalk.MAX_NODES);
      assertThat(o.getObservation().getText()).doesNotContain("hunter2").doesNotContain("Ada Lovelace");
    });
    Action last = observations.get(observations.size() - 1);
    JsonNode root = SnapshotTrees.root(last.getObservation().getText());
    assertThat(root.path("role").asText()).isEqualTo("frame");
    assertThat(root.path("name").asText()).isEqualTo(DemoSwingApp.TITLE);
    List<JsonNode> nodes = SnapshotTrees.nodes(root);
    assertThat(nodes).anySatisfy(n -> {
      assertThat(n.path("role").asText()).isEqualTo("check box");
      assertThat(n.path("name").asText()).isEqualTo("Subscribe");
      assertThat(n.path("states").toString()).contains("\"checked\"");
      assertThat(n.path("bounds")).hasSize(4);
    });
    assertThat(nodes).anySatisfy(n -> {
      assertThat(n.path("role").asText()).isEqualTo("password text");
      assertThat(n.has("name")).isFalse();
    });
    assertThat(nodes).anySatisfy(n -> assertThat(n.path("role").asText()).isEqualTo("push button"));
  }
}
