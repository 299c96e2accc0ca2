package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.CaptureClock;
import dev.understudy.proto.v1.Durability;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreOptionsTest {

  @Test
  void defaultsAreTheDocumentedConstants() {
    StoreOptions o = StoreOptions.defaults();
    assertThat(o.durability()).isEqualTo(Durability.DURABILITY_PROCESS_SAFE);
    assertThat(o.segmentMaxBytes()).isEqualTo(64L << 20);
    assertThat(o.segmentMaxAge()).isEqualTo(Duration.ofHours(1));
    assertThat(o.clock()).isSameAs(CaptureClock.system());
    assertThat(o.dictionaryMaxEntries()).isEqualTo(4096);
  }

  @Test
  void rejectsBadValuesNamingTheParameter() {
    StoreOptions.Builder b = StoreOptions.builder();
    assertThatThrownBy(() -> b.durability(Durability.DURABILITY_UNSPECIFIED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("durability");
    assertThatThrownBy(() -> b.durability(null))
        .isInstanceOf(NullPointerException.class).hasMessage("durability");
    assertThatThrownBy(() -> b.segmentMaxBytes(100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("segmentMaxBytes");
    assertThatThrownBy(() -> b.segmentMaxAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("segmentMaxAge");
    assertThatThrownBy(() -> b.clock(null))
        .isInstanceOf(NullPointerException.class).hasMessage("clock");
    assertThatThrownBy(() -> b.dictionaryMaxEntries(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("dictionaryMaxEntries");
  }
}
