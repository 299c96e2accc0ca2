package dev.understudy.plugins.office.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Windows translators on recorded-by-hand fixtures (src/test/resources/windows): what the Access
 * Bridge reports for a Swing order form, and what UI Automation reports for Notepad's Save As and a
 * VPN client's sign-in. The native layers that produce these events are not exercised here.
 */
class WindowsFixtureTest {
  private static final long SECOND = 1_000_000_000L;

  private static List<NativeEvent> fixture(String name) throws IOException {
    try (InputStream in = WindowsFixtureTest.class.getResourceAsStream("/windows/" + name)) {
      return new ObjectMapper().readValue(in, new TypeReference<List<NativeEvent>>() {});
    }
  }

  /** One line per action: kind, role, name and the essential value, for reading the whole story at once. */
  private static String summary(Action a) {
    String target = a.getTarget().getRole() + ":" + a.getTarget().getName();
    return switch (a.getKindCase()) {
      case WINDOW_SWITCH -> "switch " + a.getWindowSwitch().getFrom().getTitle() + " -> " + a.getWindowSwitch().getTo().getTitle()
          + " (" + a.getWindowSwitch().getTo().getAppId() + ")";
      case FOCUS -> "focus " + target;
      case VALUE_CHANGE -> "value " + target + " " + a.getValueChange().getValueKind().name().substring(11) + "="
          + (a.getValueChange().getValueOmitted() ? "<omitted>" : a.getValueChange().getValue());
      case INVOKE -> "invoke " + target + " " + a.getInvoke().getCommand() + a.getInvoke().getMenuPathList()
          + " " + a.getInvoke().getMethod().name().substring(14);
      case SELECTION -> "select " + target;
      default -> a.getKindCase().name();
    };
  }

  private static List<Action> run(List<NativeEvent> events, Function<NativeEvent, List<Action>> translate) {
    List<Action> out = new ArrayList<>();
    events.forEach(e -> out.addAll(translate.apply(e)));
    return out;
  }

  @Test
  void accessBridgeEventsOfASwingOrderForm() throws IOException {
    JabTranslator jab = new JabTranslator(SECOND);
    List<Action> actions = run(fixture("jab-order-form.json"), jab::translate);
    actions.addAll(jab.finish());
    assertThat(actions).extracting(WindowsFixtureTest::summary).containsExactly(
        "switch  -> Order Form (javaw.exe)",
        "focus textbox:Name:",
        "value textbox:Name: TEXT=Ada",
        "focus textbox:Password:",
        "value textbox:Password: TEXT=<omitted>",
        "focus checkbox:Express delivery",
        "value checkbox:Express delivery CHECKED=true",
        "value combobox:Country: OPTION=France",
        "invoke button:Submit [] UNSPECIFIED",
        "select menu:File",
        "invoke menuitem:Export [File, Export] MENU",
        "switch Order Form -> Export (javaw.exe)",
        "focus textbox:File name:");
    Action name = actions.get(2);
    assertThat(name.getTimeUnixNano()).isEqualTo(1100);
    assertThat(name.getSource().getAppId()).isEqualTo("javaw.exe");
    assertThat(name.getTarget().getLocators(0).getTestId()).isEqualTo("name");
    assertThat(actions.get(4).getTarget().getSecure()).isTrue();
    assertThat(actions).allSatisfy(a -> assertThat(a.toString()).doesNotContain("hunter2"));
    assertThat(actions.get(5).getTarget().getBounds().getWidthPx()).isEqualTo(160);
    assertThat(actions.get(12).getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName())
        .containsExactly("window:Export", "dialog:Export");
  }

  @Test
  void uiAutomationEventsOfNotepadAndASignInDialog() throws IOException {
    UiaTranslator uia = new UiaTranslator(SECOND);
    List<Action> actions = run(fixture("uia-notepad.json"), uia::translate);
    actions.addAll(uia.finish());
    assertThat(actions).extracting(WindowsFixtureTest::summary).containsExactly(
        "switch  -> Untitled - Notepad (notepad.exe)",
        "focus document:Text Editor",
        "focus textbox:Search",
        "value textbox:Search TEXT=quarterly",
        "value checkbox:Match case CHECKED=true",
        "invoke menuitem:Save as [File, Save as] MENU",
        "switch Untitled - Notepad -> Save as (notepad.exe)",
        "focus textbox:File name:",
        "value textbox:File name: TEXT=report.txt",
        "value combobox:Encoding: OPTION=UTF-8 with BOM",
        "invoke treeitem:Documents expand[] UNSPECIFIED",
        "switch Save as -> Sign in (vpnclient.exe)",
        "focus textbox:Password",
        "value textbox:Password TEXT=<omitted>",
        "invoke button:Sign in [] UNSPECIFIED");
    assertThat(actions).allSatisfy(a -> assertThat(a.toString()).doesNotContain("leaked-if-read"));
    Action search = actions.get(3);
    assertThat(search.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName())
        .containsExactly("window:Untitled - Notepad", "toolbar:Find");
    assertThat(search.getAttributesList()).extracting(a -> a.getKey() + "=" + a.getValue())
        .containsExactly("windows.role=Edit", "windows.api=uia");
  }

  @Test
  void aPauseEndsTheFieldsRunAndStaticTextIsALabel() throws IOException {
    UiaTranslator uia = new UiaTranslator(SECOND);
    List<NativeEvent> events = fixture("uia-notepad.json").subList(0, 4);
    events.forEach(uia::translate);
    assertThat(uia.idle(1300 + SECOND / 2)).isEmpty();
    assertThat(uia.idle(1300 + SECOND)).extracting(WindowsFixtureTest::summary).containsExactly("value textbox:Search TEXT=quarterly");
    assertThat(UiaTranslator.aria("Text")).isEqualTo("label");
    assertThat(UiaTranslator.aria("Edit")).isEqualTo("textbox");
  }
}
