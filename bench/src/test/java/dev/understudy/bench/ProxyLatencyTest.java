package dev.understudy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy latency program measures every round trip of each way, and the capturing way records. */
class ProxyLatencyTest {
  @TempDir Path dir;

  @Test
  void measuresEachWayAndTheCapturingProxyRecordsWhatPassed() throws Exception {
    ProxyLatency.Figures f = ProxyLatency.measure(2, 20, 2, 4096, 10, 1, dir);
    assertThat(f.byWay()).containsOnlyKeys(ProxyLatency.DIRECT, ProxyLatency.PROXY, ProxyLatency.CAPTURE);
    assertThat(f.byWay().values()).allSatisfy(s -> {
      assertThat(s.small()).hasSize(40);
      assertThat(s.large()).hasSize(4);
      assertThat(s.small()[0]).isPositive();
      assertThat(s.small()).isSorted();
    });
    // Every hover the capturing way answered (warm-up included) is an action in its session: at 100 frames
    // the capture queue (1024) cannot overflow.
    assertThat(f.hoversSent()).isEqualTo(10 + 40);
    assertThat(f.actionsRecorded()).isEqualTo(f.hoversSent());
    assertThat(f.framesLost()).isZero();
  }
}
