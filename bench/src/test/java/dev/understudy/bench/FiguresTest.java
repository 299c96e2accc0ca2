package dev.understudy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figure programs measure what they say. */
class FiguresTest {

  /** Segment header frame: sync, type, length, payload (version, 16-byte session id, number 1), CRC. */
  static final int HEADER_FRAME_BYTES = 1 + 1 + 1 + (1 + 16 + 1) + 4;

  @TempDir Path dir;

  @Test
  void segmentFramesChargeEveryByteToAnActionOrTheSegmentHeader() throws Exception {
    Path sessionDir = writeSession(Workload.generate(3_000));
    long[] bytes = SegmentFrames.actionBytes(sessionDir);
    assertThat(bytes).hasSize(3_000 + 2);
    assertThat(SegmentFrames.segments(sessionDir)).hasSize(1);
    assertThat(Arrays.stream(bytes).sum() + HEADER_FRAME_BYTES).isEqualTo(SegmentFrames.segmentBytes(sessionDir));
  }

  @Test
  void segmentFramesRefuseADamagedSegment() throws Exception {
    Path sessionDir = writeSession(Workload.generate(100));
    Path segment = SegmentFrames.segments(sessionDir).get(0);
    byte[] b = Files.readAllBytes(segment);
    b[b.length / 2] ^= 0x01;
    Files.write(segment, b);
    assertThatThrownBy(() -> SegmentFrames.actionBytes(sessionDir)).isInstanceOf(IOException.class);
  }

  @Test
  void bytesPerActionComparesTheSameWorkloadAcrossWriters() throws Exception {
    BytesPerAction.Figures f = BytesPerAction.measure(Workload.generate(2_000), dir);
    assertThat(f.actions()).isEqualTo(2_000);
    assertThat(f.oursClickMedian()).isPositive().isLessThan(f.protobufClickMedian());
    assertThat(f.oursTimedClickMedian()).isGreaterThan(f.oursClickMedian());
    assertThat(f.protobufClickMedian()).isLessThan(f.jsonlClickMedian());
    assertThat(f.jsonlMean()).isPositive();
    assertThat(f.sqliteMean()).isPositive();
  }

  @Test
  void ackLatencyMeasuresEveryEmittedAction() throws Exception {
    AckLatency.Result r = AckLatency.run(Durability.DURABILITY_PROCESS_SAFE, 2_000, 1, Workload.generate(1 << 12));
    assertThat(r.sortedLatencies()).hasSize(2_000);
    assertThat(r.sortedLatencies()[0]).isPositive();
    assertThat(r.commits()).isBetween(1L, 2_000L);
    assertThat(r.percentile(0.5)).isLessThanOrEqualTo(r.percentile(0.99));
  }

  private Path writeSession(Workload workload) throws Exception {
    String session;
    try (RecordingWriter w = RecordingWriter.start(dir.resolve("store"), Durability.DURABILITY_PROCESS_SAFE,
        workload.size(), null)) {
      ActionWriter.writeAll(w, workload);
      session = w.sessionIdText();
    }
    return dir.resolve("store").resolve(session);
  }
}
