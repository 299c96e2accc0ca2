package dev.understudy.plugins.office.a11y;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.ActionRefs;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.proto.v1.Source;
import dev.understudy.testing.RecordingCaptureContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotSchedulerTest {
  private static Action invoke(String command) {
    return Action.newBuilder().setSource(Source.newBuilder().setAppId("libreoffice-writer").setWindowTitle("doc"))
        .setInvoke(Invoke.newBuilder().setCommand(command)).build();
  }

  private static String attribute(Action a, String key) {
    return a.getAttributesList().stream().filter(at -> at.getKey().equals(key)).map(Attribute::getValue)
        .findFirst().orElse("");
  }

  @Test
  void actionsInQuickSuccessionShareOneSnapshotThatNamesTheLastOfThem() throws Exception {
    RecordingCaptureContext ctx = RecordingCaptureContext.create();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger walks = new AtomicInteger();
    TreeWalk.Result tree = new TreeWalk.Result("Insert Table", "{\"nodes\":1}", 1, false);
    SnapshotScheduler s = new SnapshotScheduler("test", ctx.emitter(), after -> {
      walks.incrementAndGet();
      release.await(10, TimeUnit.SECONDS);
      return Optional.of(tree);
    }, 60_000, null);
    try {
      s.emitter().emit(invoke(".uno:Bold"));
      s.emitter().emit(invoke(".uno:Italic"));
      s.emitter().emit(invoke(".uno:Underline"));
      release.countDown();
      List<Action> all = ctx.awaitActions(4, Duration.ofSeconds(10));
      Action observation = all.get(3);
      assertThat(observation.getObservation().getObservationKind()).isEqualTo(ObservationKind.OBSERVATION_KIND_ACCESSIBILITY_TREE);
      assertThat(observation.getObservation().getMediaType()).isEqualTo("application/json");
      assertThat(observation.getSource().getAppId()).isEqualTo("libreoffice-writer");
      assertThat(observation.getSource().getWindowTitle()).isEqualTo("Insert Table");
      assertThat(attribute(observation, ActionRefs.PARENT_REF)).isNotEmpty()
          .isEqualTo(attribute(all.get(2), ActionRefs.REF));
      // Within the spacing a further action asks again, but waits its turn: still one walk.
      s.emitter().emit(invoke(".uno:Save"));
      assertThat(ctx.awaitActions(5, Duration.ofSeconds(10))).hasSize(5);
    } finally {
      s.close();
    }
    assertThat(s.taken()).isEqualTo(1);
    assertThat(walks).hasValue(1);
    assertThat(ctx.actions()).hasSize(5);
  }

  @Test
  void aFailingWalkSendsNoObservationAndTheActionsStillPass() throws Exception {
    RecordingCaptureContext ctx = RecordingCaptureContext.create();
    CountDownLatch tried = new CountDownLatch(1);
    try (SnapshotScheduler s = new SnapshotScheduler("test", ctx.emitter(), after -> {
      tried.countDown();
      throw new IllegalStateException("LibreOffice went away");
    }, 0, null)) {
      assertThat(s.emitter().emit(invoke(".uno:Bold"))).isTrue();
      assertThat(tried.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ctx.actions()).singleElement().satisfies(a -> assertThat(a.hasInvoke()).isTrue());
  }
}
