package dev.understudy.plugins.office.x11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.WindowRef;
import org.junit.jupiter.api.Test;

class WindowSwitchesTest {
  private static final WindowInfo EDITOR = new WindowInfo(10, "Gedit", "gedit", "notes.txt");
  private static final WindowInfo MAIL = new WindowInfo(20, "Thunderbird", "Mail", "Inbox");

  @Test
  void theFirstWindowStartsTheSessionAndEachNewWindowIsASwitchFromThePrevious() {
    WindowSwitches s = new WindowSwitches();
    Action first = s.observe(EDITOR, 1, "polling").orElseThrow();
    assertThat(first.getWindowSwitch().hasFrom()).isFalse();
    assertThat(first.getWindowSwitch().getTo())
        .isEqualTo(WindowRef.newBuilder().setAppId("Gedit").setTitle("notes.txt").setWindowId(10).build());
    assertThat(first.getSource().getAppId()).isEqualTo("Gedit");
    assertThat(first.getSource().getWindowTitle()).isEqualTo("notes.txt");

    Action second = s.observe(MAIL, 2, "events").orElseThrow();
    assertThat(second.getTimeUnixNano()).isEqualTo(2);
    assertThat(second.getWindowSwitch().getFrom().getTitle()).isEqualTo("notes.txt");
    assertThat(second.getWindowSwitch().getTo().getAppId()).isEqualTo("Thunderbird");
    assertThat(second.getTarget().getRole()).isEqualTo("window");
    assertThat(second.getAttributesList()).extracting(a -> a.getKey() + "=" + a.getValue())
        .containsExactly("x11.mode=events", "x11.wm_instance=Mail");
  }

  @Test
  void theSameWindowAgainOrRetitledIsNoSwitch() {
    WindowSwitches s = new WindowSwitches();
    s.observe(EDITOR, 1, "polling");
    assertThat(s.observe(EDITOR, 2, "polling")).isEmpty();
    assertThat(s.observe(new WindowInfo(10, "Gedit", "gedit", "*notes.txt"), 3, "polling")).isEmpty();
    assertThat(s.current()).hasValueSatisfying(w -> assertThat(w.title()).isEqualTo("*notes.txt"));
    Action back = s.observe(MAIL, 4, "polling").orElseThrow();
    assertThat(back.getWindowSwitch().getFrom().getTitle()).isEqualTo("*notes.txt");
  }

  @Test
  void aWindowIdTheServerReusedAfterTheWindowWasDestroyedIsANewWindow() {
    WindowSwitches s = new WindowSwitches();
    s.observe(EDITOR, 1, "polling");
    s.gone();
    Action reused = s.observe(new WindowInfo(10, "Gedit", "gedit", "other.txt"), 2, "polling").orElseThrow();
    assertThat(reused.getWindowSwitch().getFrom().getTitle()).isEqualTo("notes.txt");
    assertThat(reused.getWindowSwitch().getTo().getTitle()).isEqualTo("other.txt");
  }
}
