package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'understudy demo --office': LibreOffice Writer under Xvfb, recorded and shown as a timeline. */
class OfficeDemoTest {
  @TempDir Path home;

  @Test
  void saysHowToInstallWhatIsMissing() {
    CliRun run = CliRun.run(home, Map.of("PATH", home.toString()), "demo", "--office");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CAPTURE_FAILED);
    assertThat(run.err()).contains("Xvfb, xdotool, soffice not found").contains(OfficeDemo.INSTALL);
  }

  @Test
  void recordsLibreOfficeWriterAndPrintsTheTimeline() {
    CliRun run = CliRun.run(home, Map.of("PATH", System.getenv("PATH")), "demo", "--office", "--delay", "80ms");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Timeline of session", "(LibreOffice Writer)")
        .contains("text_edit", "insert  \"Quarterly report\"")
        .contains(".uno:InsertPara", ".uno:Bold")
        .contains("window_switch")
        .contains("file_event")
        .contains("session_end");
  }
}
