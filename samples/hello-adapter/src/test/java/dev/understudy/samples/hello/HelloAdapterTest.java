package dev.understudy.samples.hello;

import static dev.understudy.testing.UnderstudyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.understudy.api.Adapter;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.testing.ManualClock;
import dev.understudy.testing.RecordingCaptureContext;
import dev.understudy.testing.ReportedLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelloAdapterTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private final HelloAdapterProvider provider = new HelloAdapterProvider();

  private Path script(String... lines) throws IOException {
    return Files.write(dir.resolve("steps.txt"), List.of(lines));
  }

  private static RecordingCaptureContext contextWith(Map<String, String> config) {
    return RecordingCaptureContext.builder().config(PluginConfig.of("adapter.hello.", config)).build();
  }

  @Test
  void declaresItsNameCapabilitiesAndKeys() {
    Assertions.assertThat(provider.name()).isEqualTo("hello");
    Assertions.assertThat(provider.capabilities())
        .containsExactlyInAnyOrder(
            Capability.CAPABILITY_INTERACTIONS,
            Capability.CAPABILITY_TEXT_CONTENT,
            Capability.CAPABILITY_CLIPBOARD_CONTENT,
            Capability.CAPABILITY_FILE_NAMES,
            Capability.CAPABILITY_TITLES);
    Assertions.assertThat(provider.configKeys()).containsExactlyInAnyOrder("script", "delay-ms");
  }

  @Test
  void emitsOneActionPerStepInOrderStampedWithTheContextClock() throws Exception {
    Path steps = script(
        "window notes | report.txt — Notes",
        "type textbox \"Body\" = Quarterly numbers look good",
        "invoke .uno:Bold",
        "click button \"Save\" in dialog \"Save As\"");
    RecordingCaptureContext context = contextWith(Map.of("script", steps.toString()));
    Adapter adapter = provider.create(context.config());

    adapter.start(context);
    List<Action> actions = context.awaitActions(4, WAIT);
    adapter.stop();

    Assertions.assertThat(actions).hasSize(4);
    assertThat(actions.get(0)).hasKind(Action.KindCase.WINDOW_SWITCH).hasAppId("notes");
    assertThat(actions.get(1)).hasTargetName("Body").hasValue("Quarterly numbers look good");
    assertThat(actions.get(2)).isInvoke(".uno:Bold");
    assertThat(actions.get(3)).isClick().hasTargetName("Save").isInContext("dialog", "Save As")
        .hasWindowTitle("report.txt — Notes");
    Assertions.assertThat(actions).allSatisfy(a ->
        Assertions.assertThat(a.getTimeUnixNano()).isEqualTo(ManualClock.create().nowUnixNanos()));
    Assertions.assertThat(context.losses()).isEmpty();
  }

  @Test
  void reportsAMalformedLineAsALossNamingItAndPlaysTheRest() throws Exception {
    Path steps = script("focus textbox \"Body\"", "# fine", "teleport home", "shortcut Ctrl+S");
    RecordingCaptureContext context = contextWith(Map.of("script", steps.toString()));
    Adapter adapter = provider.create(context.config());

    adapter.start(context);
    List<Action> actions = context.awaitActions(2, WAIT);
    adapter.stop();

    Assertions.assertThat(context.losses()).containsExactly(new ReportedLoss(1,
        "script line 3: unknown step 'teleport'; expected one of: window, focus, type, keys, paste, click, invoke, shortcut, navigate, open, save"));
    assertThat(actions.get(1)).isShortcut("s", Modifier.MODIFIER_CTRL);
  }

  @Test
  void playsTheEmbeddedDemoWhenNoScriptIsConfigured() throws Exception {
    RecordingCaptureContext context = RecordingCaptureContext.create();
    Adapter adapter = provider.create(PluginConfig.empty());

    adapter.start(context);
    List<Action> actions = context.awaitActions(15, WAIT);
    adapter.stop();

    Assertions.assertThat(actions).hasSize(15);
    Assertions.assertThat(actions).extracting(Action::getKindCase).contains(
        Action.KindCase.WINDOW_SWITCH, Action.KindCase.FOCUS, Action.KindCase.VALUE_CHANGE, Action.KindCase.INVOKE,
        Action.KindCase.KEY_SHORTCUT, Action.KindCase.NAVIGATE, Action.KindCase.FILE_EVENT);
    assertThat(actions.get(4)).isInvoke(".uno:Bold");
    assertThat(actions.get(12)).hasSecureTarget().hasNoValue();
    Assertions.assertThat(context.losses()).isEmpty();
  }

  @Test
  void stopInterruptsTheDelayBetweenSteps() throws Exception {
    Path steps = script("focus textbox \"A\"", "focus textbox \"B\"");
    RecordingCaptureContext context = contextWith(Map.of("script", steps.toString(), "delay-ms", "600000"));
    Adapter adapter = provider.create(context.config());
    adapter.start(context);
    context.awaitActions(1, WAIT);

    assertTimeoutPreemptively(WAIT, adapter::stop);

    Assertions.assertThat(context.actions()).hasSize(1);
  }

  @Test
  void refusesBadConfigurationNamingTheKey() {
    assertThatThrownBy(() -> provider.create(PluginConfig.of("adapter.hello.", Map.of("delay-ms", "-5"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("delay-ms: must not be negative, got -5");
    assertThatThrownBy(() -> provider.create(PluginConfig.of("adapter.hello.", Map.of("delay-ms", "soon"))))
        .hasMessageStartingWith("adapter.hello.delay-ms: expected a whole number");
    assertThatThrownBy(() -> provider.create(PluginConfig.of("adapter.hello.", Map.of("script", dir.resolve("none.txt").toString()))))
        .hasMessageStartingWith("script: no script file at ");
  }
}
