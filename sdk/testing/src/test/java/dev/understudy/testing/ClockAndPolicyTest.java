package dev.understudy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Capability;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockAndPolicyTest {

  @Test
  void manualClockMovesOnlyWhenAdvanced() {
    ManualClock clock = ManualClock.startingAt(Instant.ofEpochSecond(10, 5));

    assertThat(clock.nowUnixNanos()).isEqualTo(10_000_000_005L);
    assertThat(clock.nanoTime()).isZero();
    clock.advance(Duration.ofMillis(3));
    assertThat(clock.nowUnixNanos()).isEqualTo(10_003_000_005L);
    assertThat(clock.nanoTime()).isEqualTo(3_000_000L);
    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).hasMessageStartingWith("duration:");
  }

  @Test
  void restrictedPolicyAllowsOnlyWhatItNamesAndHashesByContent() {
    TestPolicy policy = TestPolicy.allowing(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT);

    assertThat(policy.allows(Capability.CAPABILITY_TEXT_CONTENT)).isTrue();
    assertThat(policy.allows(Capability.CAPABILITY_SCREENSHOTS)).isFalse();
    assertThat(policy.hash()).hasSize(64).matches("[0-9a-f]+")
        .isEqualTo(TestPolicy.allowing(Capability.CAPABILITY_TEXT_CONTENT, Capability.CAPABILITY_INTERACTIONS).hash())
        .isNotEqualTo(TestPolicy.permissive().hash());
  }
}
