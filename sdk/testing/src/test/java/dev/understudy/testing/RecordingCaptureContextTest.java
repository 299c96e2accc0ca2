package dev.understudy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RecordingCaptureContextTest {

  private static Action focus(String name) {
    return Action.newBuilder().setTarget(Target.newBuilder().setRole("textbox").setName(name))
        .setFocus(Focus.getDefaultInstance()).build();
  }

  @Test
  void keepsEmittedActionsInOrder() {
    RecordingCaptureContext context = RecordingCaptureContext.create();

    assertThat(context.emitter().emit(focus("a"))).isTrue();
    assertThat(context.emitter().emit(focus("b"))).isTrue();

    assertThat(context.actions()).extracting(a -> a.getTarget().getName()).containsExactly("a", "b");
  }

  @Test
  void collectsFromManyThreadsAndAwaitReturnsOnceEnoughArrived() throws Exception {
    RecordingCaptureContext context = RecordingCaptureContext.create();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 250; i++) {
          context.emitter().emit(focus("x"));
        }
      });
      thread.start();
      threads.add(thread);
    }
    go.countDown();

    assertThat(context.awaitActions(1000, Duration.ofSeconds(10))).hasSize(1000);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(context.actions()).hasSize(1000);
  }

  @Test
  void awaitFailsSayingWhatArrived() {
    RecordingCaptureContext context = RecordingCaptureContext.create();
    context.emitter().emit(focus("only"));

    assertThatThrownBy(() -> context.awaitActions(2, Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected at least 2 actions")
        .hasMessageContaining("but got 1");
  }

  @Test
  void refusesPastCapacityAndCountsIt() {
    RecordingCaptureContext context = RecordingCaptureContext.builder().capacity(1).build();

    assertThat(context.emitter().emit(focus("a"))).isTrue();
    assertThat(context.emitter().emit(focus("b"))).isFalse();

    assertThat(context.actions()).hasSize(1);
    assertThat(context.refusedCount()).isEqualTo(1);
  }

  @Test
  void recordsLossesAndIgnoresCountsBelowOne() throws Exception {
    RecordingCaptureContext context = RecordingCaptureContext.create();

    context.emitter().reportLoss(0, "nothing");
    context.emitter().reportLoss(3, "buffer overflow");
    context.emitter().reportLoss(2, "app dropped events");

    assertThat(context.awaitLosses(2, Duration.ofSeconds(1)))
        .containsExactly(new ReportedLoss(3, "buffer overflow"), new ReportedLoss(2, "app dropped events"));
    assertThat(context.lostCount()).isEqualTo(5);
  }

  @Test
  void givesTheConfigurationClockAndPolicyItWasBuiltWith() {
    ManualClock clock = ManualClock.create();
    TestPolicy policy = TestPolicy.allowing(Capability.CAPABILITY_INTERACTIONS);

    RecordingCaptureContext context = RecordingCaptureContext.builder()
        .config(Map.of("delay-ms", "x"))
        .clock(clock)
        .policy(policy)
        .build();

    assertThat(context.clock()).isSameAs(clock);
    assertThat(context.policy()).isSameAs(policy);
    assertThat(context.config().get("delay-ms")).contains("x");
    assertThatThrownBy(() -> context.config().getInt("delay-ms", 0)).hasMessageStartingWith("adapter.test.delay-ms");
  }

  @Test
  void defaultsAreEmptyConfigManualClockAndPermissivePolicy() {
    RecordingCaptureContext context = RecordingCaptureContext.create();

    assertThat(context.config().asMap()).isEmpty();
    assertThat(context.clock().nowUnixNanos()).isEqualTo(ManualClock.create().nowUnixNanos());
    for (Capability capability : Capability.values()) {
      if (capability != Capability.UNRECOGNIZED && capability != Capability.CAPABILITY_UNSPECIFIED) {
        assertThat(context.policy().allows(capability)).as(capability.name()).isTrue();
      }
    }
  }

  @Test
  void failsLoudlyOnNullActionAndBadBuilderInput() {
    RecordingCaptureContext context = RecordingCaptureContext.create();

    assertThatThrownBy(() -> context.emitter().emit(null)).hasMessage("action");
    assertThatThrownBy(() -> RecordingCaptureContext.builder().capacity(-1)).hasMessageStartingWith("capacity:");
    assertThatThrownBy(() -> RecordingCaptureContext.builder().config((PluginConfig) null)).hasMessage("config");
  }
}
