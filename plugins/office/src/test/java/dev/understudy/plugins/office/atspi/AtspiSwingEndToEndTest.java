package dev.understudy.plugins.office.atspi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.CaptureClock;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.desktop.Child;
import dev.understudy.plugins.office.desktop.DbusSession;
import dev.understudy.plugins.office.desktop.DemoSwingApp;
import dev.understudy.plugins.office.desktop.Xvfb;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.testing.RecordingCaptureContext;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real accessible application — the Swing demo exposed through the ATK wrapper — on a private X
 * server and D-Bus session, driven with xdotool and recorded through AT-SPI.
 */
@Timeout(180)
class AtspiSwingEndToEndTest {
  private static final Duration UP = Duration.ofSeconds(60);
  private static final Path ATK_WRAPPER = Path.of("/usr/share/java/java-atk-wrapper.jar");

  /** The application under test, for failure messages. */
  private static final java.util.concurrent.atomic.AtomicReference<Child> APP = new java.util.concurrent.atomic.AtomicReference<>();

  @TempDir Path dir;

  static Child accessibleSwing(Xvfb x, DbusSession bus) throws Exception {
    assertThat(ATK_WRAPPER).as("the ATK wrapper (apt-get install libatk-wrapper-java libatk-wrapper-java-jni)").exists();
    Map<String, String> env = new HashMap<>(x.env());
    env.putAll(bus.env());
    String classes = Path.of(DemoSwingApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    Child app = Child.start("swing-atk", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djavax.accessibility.assistive_technologies=org.GNOME.Accessibility.AtkWrapper",
        "-cp", classes + ":" + ATK_WRAPPER, DemoSwingApp.class.getName()), env);
    APP.set(app);
    return app;
  }

  private static AtspiBackend backend(DbusSession bus) {
    return new AtspiBackend(PluginConfig.of("adapter.office.", Map.of(AtspiBackend.BUS_KEY, bus.address())));
  }

  /** Starts the backend and returns what stops it (for try-with-resources). */
  private static Closeable startBackend(AtspiBackend backend, RecordingCaptureContext ctx) throws Exception {
    backend.start(ctx);
    return backend::stop;
  }

  private static RecordingCaptureContext context() {
    return RecordingCaptureContext.builder().clock(CaptureClock.system()).build();
  }

  static Map<String, String> bounds(String line) {
    Map<String, String> out = new HashMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return out;
  }

  /**
   * Clicks the password field and then the name field until AT-SPI reports the name field's focus: the
   * application's accessibility bridge comes up some time after its window shows.
   */
  static void focusNameField(Xvfb x, Child app, Map<String, String> at, RecordingCaptureContext ctx) throws Exception {
    long deadline = System.nanoTime() + UP.toNanos();
    while (ctx.actions().stream().noneMatch(a -> a.hasFocus() && a.getTarget().getName().equals("Name:"))) {
      assertThat(System.nanoTime()).as("focus reported over AT-SPI: %s; application said %s", ctx.actions(), app.output())
          .isLessThan(deadline);
      x.clickIn(DemoSwingApp.TITLE, at.get("password"));
      x.clickIn(DemoSwingApp.TITLE, at.get("name"));
      Thread.sleep(300);
    }
  }

  static Action awaitAction(RecordingCaptureContext ctx, Predicate<Action> match) throws InterruptedException {
    long deadline = System.nanoTime() + UP.toNanos();
    while (true) {
      for (Action a : ctx.actions()) {
        if (match.test(a)) {
          return a;
        }
      }
      assertThat(System.nanoTime()).as("an action matching in %s (losses %s, application said %s)", ctx.actions(), ctx.losses(), APP.get() == null ? "?" : APP.get().output()).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static String lastFocus(List<Action> actions) {
    return actions.stream().filter(Action::hasFocus).reduce((a, b) -> b).map(a -> a.getTarget().getName()).orElse("");
  }

  @Test
  void recordsFocusTextCheckedStatesAndMenusOfARealAccessibleApplication() throws Exception {
    // As on a desktop: the accessibility bus and the registry run (the backend starts them) before the application.
    AtspiBackend backend;
    RecordingCaptureContext ctx = context();
    try (Xvfb x = Xvfb.start(); DbusSession bus = DbusSession.start(x.env());
        Closeable stop = startBackend(backend = backend(bus), ctx); Child app = accessibleSwing(x, bus)) {
      Map<String, String> at = bounds(app.awaitLine(l -> l.startsWith("READY"), UP));
      try {
        focusNameField(x, app, at, ctx);
        x.xdotool("type", "--delay", "40", "Ada Lovelace");
        // Typing goes wherever the focus is when the keys arrive: wait until it moved.
        long focusMoves = ctx.actions().stream().filter(Action::hasFocus).count();
        x.clickIn(DemoSwingApp.TITLE, at.get("password"));
        awaitAction(ctx, a -> ctx.actions().stream().filter(Action::hasFocus).count() > focusMoves
            && lastFocus(ctx.actions()).equals("Password:"));
        x.xdotool("type", "--delay", "40", "hunter2");
        x.clickIn(DemoSwingApp.TITLE, at.get("subscribe"));
        awaitAction(ctx, a -> a.hasValueChange() && a.getTarget().getName().equals("Subscribe"));
        x.xdotool("key", "alt+f");
        x.xdotool("key", "Down");
        x.xdotool("key", "Return");
        app.awaitLine(l -> l.startsWith("DIALOG"), UP);
        awaitAction(ctx, a -> a.hasInvoke() && a.getTarget().getName().equals("Address..."));
      } finally {
        backend.stop();
      }
      List<Action> actions = ctx.actions();
      Action name = awaitAction(ctx, a -> a.hasValueChange() && a.getTarget().getName().equals("Name:"));
      assertThat(name.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_TEXT);
      assertThat(name.getValueChange().getValue()).isEqualTo("Ada Lovelace");
      assertThat(name.getTarget().getRole()).isEqualTo("textbox");
      assertThat(name.getSource().getWindowTitle()).isEqualTo(DemoSwingApp.TITLE);
      assertThat(actions.stream().filter(a -> a.hasValueChange() && a.getTarget().getName().equals("Name:"))).hasSize(1);

      Action password = awaitAction(ctx, a -> a.hasValueChange() && a.getTarget().getSecure());
      assertThat(password.getValueChange().getValueOmitted()).isTrue();
      assertThat(password.getValueChange().getValue()).isEmpty();
      assertThat(actions.toString()).doesNotContain("hunter2");

      Action subscribe = awaitAction(ctx, a -> a.hasValueChange() && a.getTarget().getName().equals("Subscribe"));
      assertThat(subscribe.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_CHECKED);
      assertThat(subscribe.getValueChange().getValue()).isEqualTo("true");
      assertThat(subscribe.getTarget().getRole()).isEqualTo("checkbox");

      Action menu = awaitAction(ctx, a -> a.hasInvoke() && a.getTarget().getName().equals("Address..."));
      assertThat(menu.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_MENU);
      assertThat(menu.getInvoke().getMenuPathList()).containsExactly("File", "Address...");
      assertThat(menu.getTarget().getRole()).isEqualTo("menuitem");

      assertThat(actions.indexOf(name)).isLessThan(actions.indexOf(password));
      assertThat(actions.indexOf(password)).isLessThan(actions.indexOf(subscribe));
      assertThat(backend.stats().emitted()).isEqualTo(actions.size());
      assertThat(actions).as("no snapshots unless asked for").noneMatch(Action::hasObservation);
    }
  }

  @Test
  void anApplicationThatVanishesWhileItsTypingIsHeldIsAGapNotAHang() throws Exception {
    // As on a desktop: the accessibility bus and the registry run (the backend starts them) before the application.
    AtspiBackend backend;
    RecordingCaptureContext ctx = context();
    try (Xvfb x = Xvfb.start(); DbusSession bus = DbusSession.start(x.env());
        Closeable stop = startBackend(backend = backend(bus), ctx); Child app = accessibleSwing(x, bus)) {
      Map<String, String> at = bounds(app.awaitLine(l -> l.startsWith("READY"), UP));
      try {
        focusNameField(x, app, at, ctx);
        long translated = backend.stats().translated();
        x.xdotool("type", "--delay", "20", "gone");
        // Kill only once the application has the text and the backend has taken in at least one event since
        // the typing began: killed earlier, the application may never have announced the typing at all.
        app.awaitLine(l -> l.equals("NAME-LENGTH 4"), UP);
        long typingDeadline = System.nanoTime() + UP.toNanos();
        while (backend.stats().translated() == translated) {
          assertThat(System.nanoTime()).as("typing reported over AT-SPI; stats %s", backend.stats()).isLessThan(typingDeadline);
          Thread.sleep(20);
        }
        app.kill();
        assertThat(ctx.awaitLosses(1, UP).get(0).detail()).isEqualTo(AtspiTranslator.VANISHED);
      } finally {
        long before = System.nanoTime();
        backend.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
      }
      assertThat(ctx.actions()).noneMatch(a -> a.hasValueChange() && a.getValueChange().getValue().contains("gone"));
    }
  }

  @Test
  void failsClearlyWhenThereIsNoSessionBusOrNoAccessibilityBus() throws Exception {
    AtspiBackend nowhere = new AtspiBackend(PluginConfig.of("adapter.office.",
        Map.of(AtspiBackend.BUS_KEY, "unix:path=" + dir.resolve("no-such-bus"))));
    assertThatThrownBy(() -> nowhere.start(context()))
        .isInstanceOf(BackendException.class).hasMessageStartingWith("cannot connect to the D-Bus session bus at unix:path=");
    nowhere.stop();

    Path bare = Files.createDirectories(dir.resolve("bare"));
    try (DbusSession empty = DbusSession.bare(Map.of(), bare)) {
      AtspiBackend noA11y = backend(empty);
      assertThatThrownBy(() -> noA11y.start(context()))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("the AT-SPI accessibility bus is not available").hasMessageContaining("at-spi2-core");
      noA11y.stop();
    }
  }
}
