package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's office part: LibreOffice Writer under Xvfb, recorded and shown as a timeline; picking parts. */
class OfficeDemoTest {
  @TempDir Path home;

  @Test
  void theDefaultDemoSaysHowToInstallWhatTheOfficePartMissesAndStillRunsTheRest() {
    CliRun run = CliRun.run(home, Map.of("PATH", home.toString()), "demo", "--delay", "1ms");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("Office part skipped: Xvfb, xdotool, soffice not found", OfficeDemo.INSTALL);
    assertThat(run.out()).contains("Timeline of session", "button \"Save\" in dialog \"Save As\"");
  }

  @Test
  void recordsLibreOfficeWriterAndPrintsTheTimelineLeavingNothingRunning() {
    CliRun run = CliRun.run(home, Map.of("PATH", System.getenv("PATH")), "demo", "--only", "office", "--delay", "40ms");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains("office part: LibreOffice Writer on virtual display").doesNotContain("Editor part");
    assertThat(run.out()).contains("Timeline of session")
        .contains("text_edit", "insert  \"Quarterly report\"")
        .contains(".uno:InsertPara", ".uno:Bold", ".uno:Italic")
        .contains("file_event")
        .contains("session_end")
        .doesNotContain("button \"Save\" in dialog \"Save As\"");
    assertThat(descendants()).as("soffice and Xvfb end with the part").isEmpty();
  }

  @Test
  void onlyPicksPartsAndRefusesUnknownOnes() {
    CliRun hello = CliRun.run(home, Map.of("PATH", home.toString()), "demo", "--only", "hello,office", "--delay", "1ms");
    assertThat(hello.exitCode()).as(hello.err()).isZero();
    assertThat(hello.err()).contains("Office part skipped").doesNotContain("Editor part");
    CliRun unknown = CliRun.run(home, "demo", "--only", "spreadsheet");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.errorLines()).singleElement().asString().contains("unknown part 'spreadsheet'", "hello, editor, office, browser");
  }

  private static List<String> descendants() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.info().command().orElse("?"))
        .filter(c -> c.contains("soffice") || c.contains("oosplash") || c.contains("Xvfb")).toList();
  }
}
