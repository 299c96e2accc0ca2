package dev.understudy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture-server figure program serves the session it frames, with and without a recording. */
class CaptureServerCpuTest {

  @TempDir Path dir;

  @Test
  void servesEveryFramedChangeAndRecordsAnEditPerTypedLine() throws Exception {
    byte[] input = CaptureServerCpu.session(410);

    CaptureServerCpu.Round alone = CaptureServerCpu.round(input, null, 0);
    CaptureServerCpu.Round recorded = CaptureServerCpu.round(input, dir, 1);

    // didOpen gives two actions (open, its text); 410 changes of one character with a line break after
    // every 40 complete 10 lines, each an edit: "text" then "\ntext" ... and the last line at exit.
    assertThat(alone.actions()).isEqualTo(2 + 11);
    assertThat(recorded.actions()).isEqualTo(alone.actions());
    assertThat(alone.cpuNanos()).isPositive();
  }
}
