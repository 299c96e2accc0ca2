package dev.understudy.plugins.office;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.CaptureContext;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import dev.understudy.testing.RecordingCaptureContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowSwitchMergerTest {
  private static final long MILLI = 1_000_000;
  private final AtomicLong now = new AtomicLong(1_000 * MILLI);
  private final WindowSwitchMerger merger = new WindowSwitchMerger(WindowSwitchMerger.DEFAULT_WINDOW_MILLIS * MILLI, now::get);

  private static Action switchTo(String title, long windowId) {
    return Action.newBuilder().setWindowSwitch(WindowSwitch.newBuilder()
        .setTo(WindowRef.newBuilder().setAppId("demo-app").setTitle(title).setWindowId(windowId))).build();
  }

  @Test
  void aDialogThatTheAgentAndX11BothReportIsOneWindowSwitch() {
    RecordingCaptureContext context = RecordingCaptureContext.create();
    CaptureContext agent = merger.contextFor("agent", context);
    CaptureContext x11 = merger.contextFor("x11", context);
    assertThat(agent.emitter().emit(switchTo("Export", 0))).isTrue();
    now.addAndGet(300 * MILLI);
    assertThat(x11.emitter().emit(switchTo("Export", 0x1a00007))).as("x11 a moment later: the same window").isFalse();
    assertThat(context.actions()).extracting(a -> a.getWindowSwitch().getTo().getTitle()).containsExactly("Export");
  }

  @Test
  void keepsSwitchesOfOtherWindowsLaterOnesAndOneBackendsBackAndForth() {
    RecordingCaptureContext context = RecordingCaptureContext.create();
    CaptureContext agent = merger.contextFor("agent", context);
    CaptureContext x11 = merger.contextFor("x11", context);
    x11.emitter().emit(switchTo("Export", 7));
    agent.emitter().emit(switchTo("Settings", 0));
    x11.emitter().emit(switchTo("Main", 5));
    x11.emitter().emit(switchTo("Export", 7));
    now.addAndGet(WindowSwitchMerger.DEFAULT_WINDOW_MILLIS * MILLI + MILLI);
    agent.emitter().emit(switchTo("Export", 0));
    agent.emitter().emit(Action.newBuilder().build());
    assertThat(context.actions()).extracting(a -> a.getWindowSwitch().getTo().getTitle())
        .containsExactly("Export", "Settings", "Main", "Export", "Export", "");
  }

  @Test
  void theAdapterMergesItsBackendsWindowSwitches() throws Exception {
    Backend agent = backend("agent", "Export");
    Backend x11 = backend("x11", "Export");
    OfficeAdapter adapter = new OfficeAdapter(List.of(agent, x11));
    RecordingCaptureContext context = RecordingCaptureContext.create();
    adapter.start(context);
    adapter.stop();
    assertThat(context.actions()).hasSize(1);
  }

  private static Backend backend(String name, String opens) {
    return new Backend() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start(CaptureContext context) {
        context.emitter().emit(switchTo(opens, 0));
      }

      @Override
      public void stop() {}
    };
  }
}
