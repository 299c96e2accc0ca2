package dev.understudy.samples.hello;

import static dev.understudy.testing.UnderstudyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Modifier;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ScriptTest {

  private static Action only(String line) throws ScriptException {
    return new Script(List.of(line)).step(1).orElseThrow();
  }

  @Test
  void windowSwitchesRememberTheWindowForLaterSteps() throws ScriptException {
    Script script = new Script(List.of("window notes | report.txt — Notes", "focus textbox \"Body\""));

    Action window = script.step(1).orElseThrow();
    Action focus = script.step(2).orElseThrow();

    assertThat(window).hasKind(Action.KindCase.WINDOW_SWITCH).hasAppId("notes").hasWindowTitle("report.txt — Notes");
    Assertions.assertThat(window.getWindowSwitch().getFrom().getAppId()).isEqualTo(Script.DEFAULT_APP_ID);
    Assertions.assertThat(window.getWindowSwitch().getTo().getTitle()).isEqualTo("report.txt — Notes");
    assertThat(focus).hasKind(Action.KindCase.FOCUS).hasTargetRole("textbox").hasTargetName("Body")
        .hasAppId("notes").hasWindowTitle("report.txt — Notes");
  }

  @Test
  void typeSetsTheValueButNeverAPasswords() throws ScriptException {
    assertThat(only("type textbox \"Body\" = Quarterly numbers = good")).hasValue("Quarterly numbers = good");

    Action password = only("type password \"Password\" in form \"Sign in\" = hunter2");
    assertThat(password).hasSecureTarget().hasTargetRole("textbox").hasNoValue().isInContext("form", "Sign in");
    Assertions.assertThat(password.getValueChange().getValueOmitted()).isTrue();
    Assertions.assertThat(password.toString()).doesNotContain("hunter2");
  }

  @Test
  void clicksAndInvocationsCarryTargetsContainersAndMethods() throws ScriptException {
    Action click = only("click button \"OK\" in dialog \"Font\" in window \"Writer\"");
    assertThat(click).isClick().isInvoke("").hasTargetName("OK");
    // Written innermost first, stored outermost first.
    Assertions.assertThat(click.getTarget().getContextList()).extracting(c -> c.getRole())
        .containsExactly("window", "dialog");

    assertThat(only("invoke .uno:Bold via toolbar")).isInvoke(".uno:Bold").isInvokedBy(InvokeMethod.INVOKE_METHOD_TOOLBAR);
    assertThat(only("invoke editor.action.rename")).isInvoke("editor.action.rename")
        .isInvokedBy(InvokeMethod.INVOKE_METHOD_UNSPECIFIED);
  }

  @Test
  void shortcutsNavigationAndFiles() throws ScriptException {
    assertThat(only("shortcut Ctrl+S")).isShortcut("s", Modifier.MODIFIER_CTRL);
    assertThat(only("shortcut Cmd+Shift+Enter")).isShortcut("Enter", Modifier.MODIFIER_META, Modifier.MODIFIER_SHIFT);
    assertThat(only("shortcut F5")).isShortcut("F5");

    Script browsing = new Script(List.of("navigate https://example.org/a", "navigate https://example.org/b"));
    browsing.step(1);
    Action second = browsing.step(2).orElseThrow();
    assertThat(second).isNavigationTo("https://example.org/b");
    Assertions.assertThat(second.getNavigate().getPreviousUrl()).isEqualTo("https://example.org/a");

    Action save = only("save /home/demo/report final.txt");
    Assertions.assertThat(save.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE);
    Assertions.assertThat(save.getFileEvent().getPath()).isEqualTo("/home/demo/report final.txt");
    Assertions.assertThat(only("open notes.txt").getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_OPEN);
  }

  @Test
  void blankLinesAndCommentsAreNotSteps() throws ScriptException {
    Script script = new Script(List.of("", "   ", "# a note"));

    Assertions.assertThat(script.step(1)).isEmpty();
    Assertions.assertThat(script.step(2)).isEmpty();
    Assertions.assertThat(script.step(3)).isEmpty();
  }

  @Test
  void malformedLinesFailNamingTheLineAndTheExpectedForm() {
    Script script = new Script(List.of(
        "jump over",
        "window notes",
        "focus textbox Body",
        "type textbox \"Body\" Quarterly",
        "click button \"OK\" twice",
        "invoke .uno:Bold via mouse",
        "shortcut Hyper+S",
        "navigate",
        "save"));

    assertFails(script, 1, "script line 1: unknown step 'jump'; expected one of: window, focus, type");
    assertFails(script, 2, "script line 2: expected: window <app-id> | <title>");
    assertFails(script, 3, "script line 3: expected: focus <role> \"<name>\"");
    assertFails(script, 4, "script line 4: expected: type <role> \"<name>\" = <text>");
    assertFails(script, 5, "script line 5: unexpected 'twice'");
    assertFails(script, 6, "script line 6: unknown invoke method 'mouse'");
    assertFails(script, 7, "script line 7: unknown modifier 'Hyper'");
    assertFails(script, 8, "script line 8: expected: navigate <url>");
    assertFails(script, 9, "script line 9: expected: save <path>");
  }

  private static void assertFails(Script script, int line, String messageStart) {
    assertThatThrownBy(() -> script.step(line))
        .isInstanceOf(ScriptException.class)
        .hasMessageStartingWith(messageStart)
        .satisfies(e -> Assertions.assertThat(((ScriptException) e).lineNumber()).isEqualTo(line));
  }

  @Test
  void keysEmitsTheFieldsValueAfterEveryKeyAndPasteEmitsAClipboardPaste() throws ScriptException {
    Script script = new Script(List.of("keys textbox \"Token\" = abc", "paste textbox \"Card\" = 4111"));
    List<Action> keys = script.steps(1);
    Assertions.assertThat(keys).extracting(a -> a.getValueChange().getValue()).containsExactly("a", "ab", "abc");
    Assertions.assertThat(keys).extracting(a -> a.getValueChange().getPreviousValue()).containsExactly("", "a", "ab");
    Action paste = script.steps(2).get(0);
    Assertions.assertThat(paste.getClipboard().getContent()).isEqualTo("4111");
    Assertions.assertThat(paste.getClipboard().getContentLength()).isEqualTo(4);
    Assertions.assertThat(paste.getTarget().getName()).isEqualTo("Card");
  }
}
