package dev.understudy.plugins.office.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.understudy.api.PluginConfig;
import dev.understudy.core.Recording;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.plugins.office.desktop.DemoSwingApp;
import dev.understudy.plugins.office.desktop.Child;
import dev.understudy.plugins.office.desktop.Commands;
import dev.understudy.plugins.office.desktop.Xvfb;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.WindowSwitch;
import dev.understudy.testing.RecordingCaptureContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real X clients (the Swing demo and xmessage) under a private Xvfb, switched between with xdotool,
 * with and without a window manager.
 */
@Timeout(180)
class X11BackendEndToEndTest {
  private static final Duration UP = Duration.ofSeconds(60);
  private static final String SWING = "dev-understudy-plugins-office-desktop-DemoSwingApp";

  @TempDir Path dir;

  private static Child swing(Xvfb x) throws Exception {
    Child app = Child.start("swing-demo", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        Path.of(DemoSwingApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
        DemoSwingApp.class.getName()), x.env());
    app.awaitLine(l -> l.startsWith("READY"), UP);
    return app;
  }

  private static Child xmessage(Xvfb x, String title) throws Exception {
    Child m = Child.start("xmessage", List.of(Commands.require("xmessage", "x11-utils"), "-title", title,
        "-geometry", "+700+100", "hello"), x.env());
    try {
      waitForWindow(x, title);
    } catch (AssertionError e) {
      m.close();
      throw new AssertionError(e.getMessage() + "; xmessage " + (m.alive() ? "runs" : "exited") + ", said " + m.output(), e);
    }
    return m;
  }

  private static String waitForWindow(Xvfb x, String title) throws Exception {
    long deadline = System.nanoTime() + UP.toNanos();
    while (true) {
      try {
        return x.xdotool("search", "--onlyvisible", "--name", "^" + title + "$").lines().findFirst().orElseThrow();
      } catch (AssertionError e) {
        assertThat(System.nanoTime()).as("window '%s' mapped", title).isLessThan(deadline);
        Thread.sleep(100);
      }
    }
  }

  private static X11Backend backend(Xvfb x) {
    return new X11Backend(PluginConfig.of("adapter.office.", Map.of(X11Backend.DISPLAY_KEY, x.display(),
        X11Backend.POLL_KEY, "50")));
  }

  private static List<WindowSwitch> switches(List<Action> actions) {
    return actions.stream().filter(Action::hasWindowSwitch).map(Action::getWindowSwitch).toList();
  }

  @Test
  void recordsSwitchesWithTitlesAndWindowClassesByPollingTheFocusWithoutAWindowManager() throws Exception {
    try (Xvfb x = Xvfb.start(); Child app = swing(x); Child note = xmessage(x, "Note for Ada")) {
      String swingWindow = waitForWindow(x, DemoSwingApp.TITLE);
      String noteWindow = waitForWindow(x, "Note for Ada");
      x.xdotool("windowfocus", "--sync", swingWindow);
      X11Backend backend = backend(x);
      RecordingCaptureContext ctx = RecordingCaptureContext.create();
      backend.start(ctx);
      try {
        assertThat(backend.mode()).isEqualTo("polling");
        ctx.awaitActions(1, UP);
        x.xdotool("windowfocus", "--sync", noteWindow);
        ctx.awaitActions(2, UP);
        x.xdotool("windowfocus", "--sync", swingWindow);
        ctx.awaitActions(3, UP);
        // The focused application vanishes: nothing to record until the next window has the focus.
        x.xdotool("windowfocus", "--sync", noteWindow);
        ctx.awaitActions(4, UP);
        note.kill();
        try (Child second = xmessage(x, "Second note")) {
          String w2 = waitForWindow(x, "Second note");
          x.xdotool("windowfocus", "--sync", w2);
          ctx.awaitActions(5, UP);
        }
      } finally {
        backend.stop();
      }
      List<WindowSwitch> s = switches(ctx.actions());
      assertThat(s.get(0).hasFrom()).isFalse();
      assertThat(s.get(0).getTo().getTitle()).isEqualTo(DemoSwingApp.TITLE);
      assertThat(s.get(0).getTo().getAppId()).isEqualTo(SWING);
      assertThat(s.get(1).getFrom().getTitle()).isEqualTo(DemoSwingApp.TITLE);
      assertThat(s.get(1).getTo().getTitle()).isEqualTo("Note for Ada");
      assertThat(s.get(1).getTo().getAppId()).isEqualTo("Xmessage");
      assertThat(s.get(1).getTo().getWindowId()).isEqualTo(Long.parseLong(noteWindow));
      assertThat(s.get(2).getTo().getAppId()).isEqualTo(SWING);
      assertThat(s.get(4).getFrom().getTitle()).isEqualTo("Note for Ada");
      assertThat(s.get(4).getTo().getTitle()).isEqualTo("Second note");
      assertThat(ctx.actions().get(1).getSource().getAppId()).isEqualTo("Xmessage");
      assertThat(ctx.actions().get(1).getSource().getWindowTitle()).isEqualTo("Note for Ada");
      assertThat(ctx.losses()).isEmpty();
    }
  }

  @Test
  void followsTheWindowManagersActiveWindowAndFallsBackToPollingWhenItLeaves() throws Exception {
    try (Xvfb x = Xvfb.start(); Child app = swing(x); Child note = xmessage(x, "Note for Ada")) {
      String swingWindow = waitForWindow(x, DemoSwingApp.TITLE);
      String noteWindow = waitForWindow(x, "Note for Ada");
      X11Backend backend = backend(x);
      RecordingCaptureContext ctx = RecordingCaptureContext.create();
      try (FakeWindowManager wm = new FakeWindowManager(x.display())) {
        backend.start(ctx);
        assertThat(backend.mode()).isEqualTo("events");
        x.xdotool("windowactivate", "--sync", noteWindow);
        ctx.awaitActions(1, UP);
        x.xdotool("windowactivate", "--sync", swingWindow);
        ctx.awaitActions(2, UP);
      }
      try {
        // The window manager left: the backend notices and polls the focus, which it left on the Swing frame.
        long deadline = System.nanoTime() + UP.toNanos();
        while (!backend.mode().equals("polling")) {
          assertThat(System.nanoTime()).as("fell back to polling").isLessThan(deadline);
          Thread.sleep(50);
        }
        x.xdotool("windowfocus", "--sync", noteWindow);
        ctx.awaitActions(3, UP);
      } finally {
        backend.stop();
      }
      List<Action> actions = ctx.actions();
      assertThat(switches(actions)).extracting(w -> w.getTo().getTitle())
          .containsExactly("Note for Ada", DemoSwingApp.TITLE, "Note for Ada");
      assertThat(actions.get(0).getAttributes(0).getValue()).isEqualTo("events");
      assertThat(actions.get(2).getAttributes(0).getValue()).isEqualTo("polling");
      assertThat(switches(actions).get(1).getFrom().getAppId()).isEqualTo("Xmessage");
    }
  }

  @Test
  void thePolicyJudgesSwitchesByTheWindowClass() throws Exception {
    Path store = dir.resolve("sessions");
    String id;
    try (Xvfb x = Xvfb.start(); Child app = swing(x); Child note = xmessage(x, "Note for Ada")) {
      String swingWindow = waitForWindow(x, DemoSwingApp.TITLE);
      String noteWindow = waitForWindow(x, "Note for Ada");
      x.xdotool("windowfocus", "--sync", swingWindow);
      try (Recording recording = Recording.builder().storeDirectory(store).adapter(new OfficeAdapterProvider())
          .policy(PrivacyPolicy.builder().denyApps("Xmessage").build())
          .config(Map.of("adapter.office.backends", "x11", "adapter.office.x11.display", x.display(),
              "adapter.office.x11.poll-ms", "50"))
          .start()) {
        List<Action> live = new java.util.concurrent.CopyOnWriteArrayList<>();
        recording.subscribe(live::add);
        org.awaitility.Awaitility.await().atMost(UP).until(() -> live.stream().anyMatch(Action::hasWindowSwitch));
        x.xdotool("windowfocus", "--sync", noteWindow);
        Thread.sleep(500);
        x.xdotool("windowfocus", "--sync", swingWindow);
        org.awaitility.Awaitility.await().atMost(UP).until(() -> live.stream().filter(Action::hasWindowSwitch).count() >= 2);
        assertThat(recording.flush(Duration.ofSeconds(20))).isTrue();
        id = recording.sessionIdText();
      }
    }
    List<Action> recorded;
    try (SessionReader reader = SessionStore.open(store).reader(SessionId.parse(id))) {
      recorded = reader.readAll();
    }
    List<Action> s = recorded.stream().filter(Action::hasWindowSwitch).toList();
    assertThat(s).hasSize(2);
    assertThat(s).noneMatch(a -> a.getWindowSwitch().getTo().getAppId().equals("Xmessage"));
    Action back = s.get(1);
    assertThat(back.getWindowSwitch().getTo().getAppId()).isEqualTo(SWING);
    assertThat(back.getWindowSwitch().hasFrom()).isFalse();
    assertThat(back.getRedactionsList()).anyMatch(r -> r.getFieldPath().equals("window_switch.from"));
    assertThat(recorded.toString()).doesNotContain("Note for Ada");
  }

  @Test
  void aLostXServerIsAGapAndNeverEndsTheRecorder() throws Exception {
    X11Backend backend;
    RecordingCaptureContext ctx = RecordingCaptureContext.create();
    try (Xvfb x = Xvfb.start(); Child note = xmessage(x, "Note for Ada")) {
      x.xdotool("windowfocus", "--sync", waitForWindow(x, "Note for Ada"));
      backend = backend(x);
      backend.start(ctx);
      ctx.awaitActions(1, UP);
    }
    assertThat(ctx.awaitLosses(1, UP).get(0).detail()).contains("lost the connection to the X server");
    assertTimeoutPreemptively(Duration.ofSeconds(10), backend::stop);
  }

  @Test
  void failsClearlyWithoutAnXServer() {
    X11Backend nowhere = new X11Backend(PluginConfig.of("adapter.office.", Map.of(X11Backend.DISPLAY_KEY, ":4999")));
    assertThatThrownBy(() -> nowhere.start(RecordingCaptureContext.create()))
        .isInstanceOf(BackendException.class).hasMessageContaining("cannot open X display ':4999'");
    nowhere.stop();
    assertThatThrownBy(() -> new X11Backend(PluginConfig.of("adapter.office.", Map.of(X11Backend.POLL_KEY, "1"))))
        .hasMessage("adapter.office.x11.poll-ms: expected 10 to 10000 ms, got 1");
  }
}
