package dev.understudy.plugins.office.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.Recording;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.plugins.office.desktop.Child;
import dev.understudy.plugins.office.desktop.DemoSwingApp;
import dev.understudy.plugins.office.desktop.Xvfb;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.ValueKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Swing application in a JVM of its own, started with the agent under a private Xvfb and driven
 * like a person with xdotool (clicks at the controls' screen bounds, typing, keyboard menu navigation),
 * recorded through the office adapter into a real session store.
 */
@Timeout(180)
class AgentSwingEndToEndTest {
  private static final Duration UP = Duration.ofSeconds(60);
  private static final String APP_ID = "dev-understudy-plugins-office-desktop-DemoSwingApp";

  @TempDir Path dir;

  @Test
  void recordsButtonsMenusComboCheckboxTextAndAPasswordFieldWithoutItsValue() throws Exception {
    Path store = dir.resolve("sessions");
    Path socket = dir.resolve("agent.sock");
    Path agentJar = AgentJar.write(dir.resolve("agent"));
    List<Action> live = new CopyOnWriteArrayList<>();
    String sessionId;
    try (Xvfb x = Xvfb.start();
        Recording recording = Recording.builder().storeDirectory(store).adapter(new OfficeAdapterProvider())
            .config(Map.of("adapter.office.backends", "agent", "adapter.office.agent.socket", socket.toString()))
            .start()) {
      recording.subscribe(live::add);
      try (Child app = Child.start("swing-demo", List.of(javaBin(), "-javaagent:" + agentJar + "=socket=" + socket,
          "-cp", testClasses(), DemoSwingApp.class.getName()), x.env())) {
        Map<String, String> at = bounds(app.awaitLine(l -> l.startsWith("READY"), UP));
        // The agent connects on its own schedule: move the focus until a move shows up in the recording.
        long deadline = System.nanoTime() + UP.toNanos();
        while (live.stream().noneMatch(a -> a.hasFocus() && a.getTarget().getName().equals("Name:"))) {
          assertThat(System.nanoTime()).as("agent connected and reporting focus").isLessThan(deadline);
          x.clickIn(DemoSwingApp.TITLE, at.get("password"));
          x.clickIn(DemoSwingApp.TITLE, at.get("name"));
          Thread.sleep(300);
        }
        x.xdotool("type", "--delay", "40", "Ada Lovelace");
        // Typing goes wherever the focus is when the keys arrive: wait until it moved.
        long focusMoves = live.stream().filter(Action::hasFocus).count();
        x.clickIn(DemoSwingApp.TITLE, at.get("password"));
        await().atMost(UP).until(() -> live.stream().filter(Action::hasFocus).count() > focusMoves
            && live.stream().filter(Action::hasFocus).reduce((a, b) -> b).orElseThrow().getTarget().getName().equals("Password:"));
        x.xdotool("type", "--delay", "40", "hunter2");
        x.clickIn(DemoSwingApp.TITLE, at.get("subscribe"));
        x.clickIn(DemoSwingApp.TITLE, at.get("country"));
        x.xdotool("key", "Down");
        x.xdotool("key", "Return");
        app.awaitLine(l -> l.equals("COUNTRY Germany"), UP);
        x.clickIn(DemoSwingApp.TITLE, at.get("submit"));
        app.awaitLine(l -> l.equals("SUBMITTED"), UP);
        x.xdotool("key", "alt+f");
        x.xdotool("key", "Return");
        x.xdotool("key", "ctrl+e");
        x.xdotool("key", "alt+f");
        x.xdotool("key", "Down");
        x.xdotool("key", "Return");
        Map<String, String> dialog = bounds(app.awaitLine(l -> l.startsWith("DIALOG"), UP));
        x.clickIn(DemoSwingApp.DIALOG, dialog.get("city"));
        x.xdotool("key", "Down");
        x.xdotool("key", "Return");
        x.clickIn(DemoSwingApp.DIALOG, dialog.get("ok"));
        await().atMost(UP).until(() -> live.stream().anyMatch(a -> a.hasInvoke() && a.getTarget().getName().equals("OK")));
      }
      assertThat(recording.flush(Duration.ofSeconds(20))).isTrue();
      sessionId = recording.sessionIdText();
    }

    List<Action> recorded;
    try (SessionReader reader = SessionStore.open(store).reader(SessionId.parse(sessionId))) {
      recorded = reader.readAll();
    }
    List<Action> semantic = recorded.stream().filter(a -> a.hasInvoke() || a.hasValueChange() || a.hasWindowSwitch()).toList();

    Action name = only(semantic, a -> a.hasValueChange() && a.getTarget().getName().equals("Name:"));
    assertThat(name.getValueChange().getValue()).isEqualTo("Ada Lovelace");
    assertThat(name.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_TEXT);
    assertThat(name.getTarget().getRole()).isEqualTo("textbox");
    assertThat(name.getTarget().getLocatorsList()).contains(Locator.newBuilder().setTestId("name").build(),
        Locator.newBuilder().setLabel("Name:").build());
    assertThat(name.getSource().getAppId()).isEqualTo(APP_ID);
    assertThat(name.getSource().getWindowTitle()).isEqualTo(DemoSwingApp.TITLE);

    Action password = only(semantic, a -> a.hasValueChange() && a.getTarget().getName().equals("Password:"));
    assertThat(password.getTarget().getSecure()).isTrue();
    assertThat(password.getValueChange().getValueOmitted()).isTrue();
    assertThat(password.getValueChange().getValue()).isEmpty();
    assertThat(recorded).allSatisfy(a -> assertThat(a.toString()).doesNotContain("hunter2"));
    try (Stream<Path> files = Files.walk(store)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain("hunter2");
      }
    }

    Action subscribe = only(semantic, a -> a.hasValueChange() && a.getTarget().getName().equals("Subscribe"));
    assertThat(subscribe.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_CHECKED);
    assertThat(subscribe.getValueChange().getValue()).isEqualTo("true");
    assertThat(subscribe.getTarget().getRole()).isEqualTo("checkbox");

    Action country = only(semantic, a -> a.hasValueChange() && a.getTarget().getName().equals("Country:"));
    assertThat(country.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_OPTION);
    assertThat(country.getValueChange().getValue()).isEqualTo("Germany");
    assertThat(country.getTarget().getRole()).isEqualTo("combobox");

    Action submit = only(semantic, a -> a.hasInvoke() && a.getTarget().getName().equals("Submit"));
    assertThat(submit.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_CLICK);
    assertThat(submit.getTarget().getRole()).isEqualTo("button");
    assertThat(submit.getTarget().getBounds().getWidthPx()).isPositive();

    List<Action> exports = semantic.stream().filter(a -> a.hasInvoke() && a.getTarget().getName().equals("Export")).toList();
    assertThat(exports).extracting(a -> a.getInvoke().getMethod())
        .containsExactly(InvokeMethod.INVOKE_METHOD_MENU, InvokeMethod.INVOKE_METHOD_SHORTCUT);
    assertThat(exports).allSatisfy(a -> assertThat(a.getInvoke().getMenuPathList()).containsExactly("File", "Export"));
    assertThat(exports.get(0).getTarget().getRole()).isEqualTo("menuitem");

    Action toDialog = only(semantic, a -> a.hasWindowSwitch() && a.getWindowSwitch().getTo().getTitle().equals("Address"));
    assertThat(toDialog.getWindowSwitch().getFrom().getTitle()).isEqualTo(DemoSwingApp.TITLE);
    assertThat(toDialog.getWindowSwitch().getTo().getAppId()).isEqualTo(APP_ID);
    assertThat(toDialog.getAttributesList()).anyMatch(attr -> attr.getKey().equals(AgentTranslator.OPENED));

    Action city = only(semantic, a -> a.hasValueChange() && a.getTarget().getName().equals("City:"));
    assertThat(city.getValueChange().getValue()).isEqualTo("Lyon");
    assertThat(city.getTarget().getContext(0).getRole()).isEqualTo("dialog");
    assertThat(city.getTarget().getContext(0).getName()).isEqualTo("Address");
    assertThat(city.getSource().getWindowTitle()).isEqualTo("Address");

    // The person's order survives: typing, the checkbox, the combo, Submit, the menu, the dialog.
    assertThat(semantic.indexOf(name)).isLessThan(semantic.indexOf(password));
    assertThat(semantic.indexOf(password)).isLessThan(semantic.indexOf(subscribe));
    assertThat(semantic.indexOf(country)).isLessThan(semantic.indexOf(submit));
    assertThat(semantic.indexOf(submit)).isLessThan(semantic.indexOf(exports.get(0)));
    assertThat(semantic.indexOf(toDialog)).isLessThan(semantic.indexOf(city));
  }

  private static Action only(List<Action> actions, Predicate<Action> match) {
    List<Action> found = actions.stream().filter(match).toList();
    assertThat(found).as("matching actions in %s", actions).hasSize(1);
    return found.get(0);
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

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String testClasses() throws Exception {
    return Path.of(DemoSwingApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
