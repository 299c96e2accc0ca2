package dev.understudy.plugins.office.uno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.understudy.api.Adapter;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.proto.v1.Action;
import dev.understudy.testing.RecordingCaptureContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LibreOffice missing, not running, killed mid-session: one clear error or a gap, never a hang. */
class UnoBackendFailureTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static Adapter office(Map<String, String> config) throws Exception {
    return new OfficeAdapterProvider().create(PluginConfig.of("adapter.office.", config));
  }

  @Test
  void failsNamingTheConnectionAndHowToStartSofficeWhenNothingListens() throws Exception {
    int port = SofficeProcess.freePort();
    Adapter adapter = office(Map.of("uno.connect", "socket,host=127.0.0.1,port=" + port));
    assertTimeoutPreemptively(LIMIT, () -> assertThatThrownBy(() -> adapter.start(RecordingCaptureContext.create()))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("uno: LibreOffice is not accepting UNO connections on socket,host=127.0.0.1,port=" + port)
        .hasMessageContaining("adapter.office.uno.connect")
        .hasMessageContaining("soffice --accept=\"socket,host=127.0.0.1,port=" + port + ";urp;\"")
        .hasMessageContaining("adapter.office.uno.launch=true"));
    adapter.stop();
  }

  @Test
  void failsSayingWhatToInstallWhenLibreOfficesJavaClassesAreMissing() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("no-classes"));
    Adapter adapter = office(Map.of("uno.classes", empty.toString()));
    assertThatThrownBy(() -> adapter.start(RecordingCaptureContext.create()))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("libreoffice.jar) were not found in " + empty + " (adapter.office.uno.classes)")
        .hasMessageContaining("libreoffice-java-common");
    adapter.stop();
  }

  @Test
  void neverStartsLibreOfficeHeadless() {
    UnoBackend backend = new UnoBackend(UnoOptions.builder().launch(true).display(Optional.empty()).build());
    assertThatThrownBy(() -> backend.start(RecordingCaptureContext.create()))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("set DISPLAY or adapter.office.uno.display")
        .hasMessageContaining("never started headless");
    backend.stop();
  }

  @Test
  void rejectsABadConnectionNamingTheKey() {
    assertThatThrownBy(() -> office(Map.of("uno.connect", "localhost:2002")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("adapter.office.uno.connect: expected a UNO connection such as 'socket,host=127.0.0.1,port=2002'");
    assertThatThrownBy(() -> office(Map.of("uno.typing-idle-ms", "0")))
        .hasMessage("adapter.office.uno.typing-idle-ms: must be at least 1, got 0");
    assertThatThrownBy(() -> office(Map.of("uno.launch", "yes")))
        .hasMessage("adapter.office.uno.launch: expected true or false, got 'yes'");
    assertThatThrownBy(() -> office(Map.of("uno.launch-module", "base")))
        .hasMessageContaining("adapter.office.uno.launch-module: expected one of writer, calc");
  }

  @Test
  void aLibreOfficeKilledMidSessionLeavesAGapAndStopReturnsPromptly() throws Exception {
    try (LibreOfficeHarness office = LibreOfficeHarness.start("writer")) {
      OfficeRecording rec = OfficeRecording.start(dir.resolve("store"), office.connect());
      try {
        office.focus("LibreOffice Writer");
        office.type("abc");
        office.key("Return");
        rec.awaitAction("typing before the crash", Action::hasTextEdit);
        office.killSoffice();
        rec.awaitAction("the gap", Action::hasGap);
        List<Action> actions = assertTimeoutPreemptively(LIMIT, rec::stop);
        assertThat(actions).anySatisfy(a -> assertThat(a.getTextEdit().getText()).isEqualTo("abc"));
        Action gap = WriterCaptureTest.find(actions, Action::hasGap);
        assertThat(gap.getGap().getDetail()).contains("the connection to LibreOffice on " + office.connect() + " was lost");
        assertThat(actions.get(actions.size() - 1).hasSessionEnd()).isTrue();
      } finally {
        rec.close();
      }
    }
  }

  @Test
  void launchesLibreOfficeOnTheDisplayCapturesItAndEndsItWhenAsked() throws Exception {
    try (LibreOfficeHarness display = LibreOfficeHarness.start(null)) {
      String port;
      List<Action> actions;
      try (OfficeRecording rec = OfficeRecording.start(dir.resolve("store"), Map.of("uno.launch", "true",
          "uno.display", display.display(), "uno.launch-module", "writer", "uno.quit-on-stop", "true"))) {
        assertThat(rec.backend().awaitReady(LIMIT)).as("the launched LibreOffice is ready").isTrue();
        port = rec.backend().launchedConnect().orElseThrow();
        display.focus("LibreOffice Writer");
        display.type("launched");
        rec.awaitAction("typing", Action::hasTextEdit);
        actions = rec.stop();
      }
      assertThat(actions).anySatisfy(a -> assertThat(a.getTextEdit().getText()).isEqualTo("launched"));
      String accept = port.substring(port.indexOf("port="));
      assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(accept)))
          .as("the soffice Understudy started is ended at stop").isEmpty();
    }
  }
}
