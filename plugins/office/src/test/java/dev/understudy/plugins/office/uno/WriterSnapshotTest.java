package dev.understudy.plugins.office.uno;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.office.a11y.SnapshotTrees;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.testing.TestPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accessibility snapshots from the uno backend, with a real LibreOffice Writer under Xvfb driven by
 * xdotool: after actions when asked for and allowed, of the window that is active (the document, then a
 * dialog), never with what was typed; and none unless both asked for and allowed.
 */
class WriterSnapshotTest {
  @RegisterExtension static final LibreOfficeExtension OFFICE = new LibreOfficeExtension("writer");

  @TempDir Path dir;

  @Test
  void snapshotsOfTheActiveWindowFollowActionsWithoutWhatWasTyped(LibreOfficeHarness office) throws Exception {
    String window = office.newDocument("LibreOffice Writer");
    List<Action> actions;
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("store"),
        Map.of("uno.connect", office.connect(), "snapshots", "true"),
        PrivacyPolicy.builder().capability(Capability.CAPABILITY_SNAPSHOTS, true).build())) {
      rec.awaitAccessibility(300);
      office.focus(window);
      office.type("Zebrafish");
      office.key("ctrl+b");
      rec.awaitAction("a snapshot of the document window", a -> a.hasObservation()
          && a.getSource().getWindowTitle().startsWith(window));
      office.key("ctrl+F12");
      office.focus("Insert Table");
      office.key("ctrl+a");
      office.type("Tabby9");
      office.key("Tab");
      rec.awaitAction("a snapshot of the dialog", a -> a.hasObservation()
          && a.getSource().getWindowTitle().equals("Insert Table"));
      office.focus("Insert Table");
      office.key("Escape");
      actions = rec.stop();
    }
    List<Action> observations = actions.stream().filter(Action::hasObservation).toList();
    assertThat(observations).isNotEmpty().allSatisfy(o -> {
      assertThat(o.getObservation().getObservationKind()).isEqualTo(ObservationKind.OBSERVATION_KIND_ACCESSIBILITY_TREE);
      assertThat(o.getObservation().getMediaType()).isEqualTo("application/json");
      assertThat(o.getSource().getAppId()).isEqualTo("libreoffice-writer");
      assertThat(SnapshotTrees.count(o.getObservation().getText())).isBetween(1, 400);
      assertThat(SnapshotTrees.root(o.getObservation().getText()).path("role").asText()).isIn("root pane", "frame", "dialog");
      assertThat(o.getObservation().getText()).doesNotContain("Zebrafish").doesNotContain("Tabby9");
    });

    Action document = observations.stream().filter(o -> o.getSource().getWindowTitle().startsWith(window)).findFirst().orElseThrow();
    System.out.println("WriterSnapshotTest: the document window's snapshot has " + SnapshotTrees.count(
        document.getObservation().getText()) + " nodes, " + document.getObservation().getText().length() + " characters");
    List<JsonNode> nodes = SnapshotTrees.nodes(SnapshotTrees.root(document.getObservation().getText()));
    assertThat(nodes).anySatisfy(n -> {
      assertThat(n.path("role").asText()).isEqualTo("toggle button");
      assertThat(n.path("name").asText()).isEqualTo("Bold");
      assertThat(n.path("bounds")).hasSize(4);
    });
    assertThat(nodes).anySatisfy(n -> assertThat(n.path("role").asText()).isEqualTo("document text"));

    Action dialog = observations.stream().filter(o -> o.getSource().getWindowTitle().equals("Insert Table")).findFirst().orElseThrow();
    JsonNode dialogRoot = SnapshotTrees.root(dialog.getObservation().getText());
    assertThat(dialogRoot.path("role").asText()).isEqualTo("dialog");
    assertThat(SnapshotTrees.nodes(dialogRoot)).anySatisfy(n -> {
      assertThat(n.path("role").asText()).isEqualTo("text");
      assertThat(n.path("name").asText()).isEqualTo("Name:");
    });

    // Observations follow actions and name them where the action can be a cause (not held-back typing).
    assertThat(observations).anySatisfy(o -> assertThat(actions).anySatisfy(a -> {
      assertThat(a.hasObservation()).isFalse();
      assertThat(o.getParentId()).isNotEmpty().isEqualTo(a.getId());
    }));
  }

  @Test
  void noSnapshotsUnlessAskedForAndAllowedByThePolicy(LibreOfficeHarness office) throws Exception {
    String window = office.newDocument("LibreOffice Writer");
    List<Action> off;
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("off"),
        Map.of("uno.connect", office.connect(), "uno.accessibility", "false"), TestPolicy.permissive())) {
      office.focus(window);
      office.type("One");
      office.key("ctrl+b");
      rec.awaitAction("the shortcut", a -> a.hasInvoke() && a.getInvoke().getCommand().equals(".uno:Bold"));
      off = rec.stop();
    }
    List<Action> refused;
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("refused"),
        Map.of("uno.connect", office.connect(), "uno.accessibility", "false", "snapshots", "true"),
        PrivacyPolicy.defaults())) {
      office.focus(window);
      office.type("Two");
      office.key("ctrl+b");
      rec.awaitAction("the shortcut", a -> a.hasInvoke() && a.getInvoke().getCommand().equals(".uno:Bold"));
      refused = rec.stop();
    }
    assertThat(off).anyMatch(Action::hasInvoke).noneMatch(Action::hasObservation).noneMatch(Action::hasGap);
    assertThat(refused).anyMatch(Action::hasInvoke).noneMatch(Action::hasObservation).noneMatch(Action::hasGap);
  }
}
