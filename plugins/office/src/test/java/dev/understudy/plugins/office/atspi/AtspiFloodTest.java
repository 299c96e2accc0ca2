package dev.understudy.plugins.office.atspi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.CaptureClock;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.desktop.DbusSession;
import dev.understudy.plugins.office.desktop.Xvfb;
import dev.understudy.testing.RecordingCaptureContext;
import dev.understudy.testing.ReportedLoss;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A flood on a real accessibility bus — far more events than an application's start brings, most of
 * them noise, the rest about more objects than the worker can describe in time — absorbed without
 * blocking anything: every signal is accounted for as filtered, translated or dropped, and every drop
 * is reported as a gap.
 */
@Timeout(180)
class AtspiFloodTest {
  private static final int NOISE = 12_000;
  private static final int FOCUS = 4_000;
  private static final int OBJECTS = 1_000;
  private static final int QUEUE = 64;

  @Test
  void absorbsAFloodCountingEveryDropAsAGap() throws Exception {
    try (Xvfb x = Xvfb.start(); DbusSession session = DbusSession.start(x.env())) {
      String a11yAddress = FakeAccessibleApp.a11yAddress(session.address());
      AtspiBackend backend = new AtspiBackend(PluginConfig.of("adapter.office.",
          Map.of(AtspiBackend.BUS_KEY, session.address(), AtspiBackend.QUEUE_KEY, Integer.toString(QUEUE))));
      RecordingCaptureContext ctx = RecordingCaptureContext.builder().clock(CaptureClock.system()).build();
      try (FakeAccessibleApp app = new FakeAccessibleApp(a11yAddress, OBJECTS, 1)) {
        backend.start(ctx);
        for (int i = 0; i < NOISE + FOCUS; i++) {
          if (i % 4 == 3 && i / 4 < FOCUS) {
            app.state((i / 4) % OBJECTS, "focused", true);
          } else {
            app.state(i % OBJECTS, "showing", true);
          }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (backend.stats().received() < NOISE + FOCUS || backend.stats().queued() > 0) {
          assertThat(System.nanoTime()).as("flood absorbed: %s", backend.stats()).isLessThan(deadline);
          Thread.sleep(50);
        }
      } finally {
        long before = System.nanoTime();
        backend.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(15));
      }
      AtspiBackend.Stats stats = backend.stats();
      assertThat(stats.received()).isEqualTo(NOISE + FOCUS);
      assertThat(stats.filtered()).isEqualTo(NOISE);
      assertThat(stats.dropped()).as("a queue of %d cannot hold what a slow describer leaves", QUEUE).isPositive();
      assertThat(stats.translated() + stats.dropped()).isEqualTo(FOCUS);
      long reported = ctx.losses().stream().filter(l -> l.detail().startsWith("AT-SPI event queue full"))
          .mapToLong(ReportedLoss::count).sum();
      assertThat(reported).isEqualTo(stats.dropped());
      assertThat(ctx.actions()).isNotEmpty().allSatisfy(a -> {
        assertThat(a.hasFocus()).isTrue();
        assertThat(a.getSource().getAppId()).isEqualTo("fake-app");
        assertThat(a.getSource().getWindowTitle()).isEqualTo("Flood");
      });
      assertThat(stats.emitted()).isEqualTo(ctx.actions().size());
    }
  }
}
