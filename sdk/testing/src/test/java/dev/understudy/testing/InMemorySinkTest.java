package dev.understudy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySinkTest {

  private static Action seq(long seq) {
    return Action.newBuilder().setSeq(seq).build();
  }

  @Test
  void keepsBatchesInDeliveryOrder() {
    InMemorySink sink = new InMemorySink();

    sink.accept(List.of(seq(1), seq(2)));
    sink.accept(List.of(seq(3)));

    assertThat(sink.received()).extracting(Action::getSeq).containsExactly(1L, 2L, 3L);
    assertThat(sink.batchCount()).isEqualTo(2);
  }

  @Test
  void awaitCountReturnsWhenADeliveryThreadCatchesUp() throws Exception {
    InMemorySink sink = new InMemorySink();
    Thread delivery = new Thread(() -> {
      for (long i = 1; i <= 50; i++) {
        sink.accept(List.of(seq(i)));
      }
    });
    delivery.start();

    assertThat(sink.awaitCount(50, Duration.ofSeconds(10))).hasSize(50);
    delivery.join();
  }

  @Test
  void awaitCountFailsSayingHowManyArrived() {
    InMemorySink sink = new InMemorySink("slow");
    sink.accept(List.of(seq(1)));

    assertThatThrownBy(() -> sink.awaitCount(3, Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("sink 'slow': expected at least 3 actions within PT0.02S but received 1");
  }

  @Test
  void isItsOwnProviderAndRecordsClose() {
    InMemorySink sink = new InMemorySink();

    assertThat(sink.name()).isEqualTo(InMemorySink.DEFAULT_NAME);
    assertThat(sink.create(PluginConfig.empty())).isSameAs(sink);
    assertThat(sink.isClosed()).isFalse();
    sink.close();
    assertThat(sink.isClosed()).isTrue();
  }
}
