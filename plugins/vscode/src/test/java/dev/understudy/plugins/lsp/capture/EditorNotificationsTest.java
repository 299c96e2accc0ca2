package dev.understudy.plugins.lsp.capture;

import static dev.understudy.plugins.lsp.capture.CaptureServerTest.attributes;
import static dev.understudy.plugins.lsp.capture.CaptureServerTest.changes;
import static dev.understudy.plugins.lsp.capture.CaptureServerTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Argument;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.OptionsProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** The {@code understudy/*} notifications of docs/editor-notifications.md, each into its action. */
class EditorNotificationsTest {
  private static final String URI = "file:///w/main.go";
  private static final long TIME = 1_700_000_000_123L;

  private static JsonObject json(String text) {
    JsonObject o = JsonParser.parseString(text).getAsJsonObject();
    o.addProperty("time", TIME);
    return o;
  }

  private static List<String> arguments(Invoke invoke) {
    List<String> out = new ArrayList<>();
    for (Argument a : invoke.getArgumentsList()) {
      out.add(a.getName() + "=" + a.getValue());
    }
    return out;
  }

  @Test
  void everyNotificationOfTheContractBecomesItsAction() throws Exception {
    try (EditorConnection c = new EditorConnection(b -> b)) {
      c.initialize("Visual Studio Code");
      c.notify("understudy/activeEditor", json("{\"uri\":\"" + URI + "\",\"languageId\":\"go\"}"));
      c.notify("understudy/selection", CaptureServerTest.selection(URI, 1, 0, 2, 4, "command"));
      c.notify("understudy/terminalCommand",
          json("{\"terminalName\":\"bash\",\"commandLine\":\"go test ./...\",\"cwd\":\"/w\",\"exitCode\":1}"));
      c.notify("understudy/debugSession", json("{\"event\":\"start\",\"name\":\"Launch\",\"type\":\"go\",\"request\":\"launch\"}"));
      c.notify("understudy/breakpoints", json("{\"added\":[{\"uri\":\"" + URI + "\",\"line\":7,\"condition\":\"i > 3\"}],"
          + "\"removed\":[{\"uri\":\"" + URI + "\",\"line\":2}]}"));
      c.notify("understudy/task", json("{\"event\":\"end\",\"name\":\"build\",\"source\":\"go\",\"exitCode\":0}"));
      c.notify("understudy/windowFocus", json("{\"focused\":false}"));
      List<Action> recorded = c.recorded();

      assertThat(recorded).extracting(a -> a.getKindCase().name()).containsExactly("FOCUS", "SELECTION", "INVOKE",
          "INVOKE", "INVOKE", "INVOKE", "INVOKE", "WINDOW_SWITCH");
      assertThat(recorded).allSatisfy(a -> assertThat(a.getSource().getAppId()).isEqualTo("visual-studio-code"));

      Action focus = recorded.get(0);
      assertThat(focus.getTimeUnixNano()).isEqualTo(TIME * 1_000_000);
      assertThat(focus.getSource().getDocument()).isEqualTo(URI);
      assertThat(focus.getTarget().getRole()).isEqualTo("document");
      assertThat(attributes(focus)).containsEntry("lsp.languageId", "go");

      assertThat(recorded.get(1).getSelection().getRanges(0)).isEqualTo(CaptureActions.range(1, 0, 2, 4));
      assertThat(recorded.get(1).getSelection().getText()).as("the document is not open: no text").isEmpty();

      Action terminal = recorded.get(2);
      assertThat(terminal.getInvoke().getCommand()).isEqualTo("terminal.execute");
      assertThat(arguments(terminal.getInvoke())).containsExactly("commandLine=go test ./...", "cwd=/w");
      assertThat(terminal.getTarget().getRole()).isEqualTo("terminal");
      assertThat(terminal.getTarget().getName()).isEqualTo("bash");
      assertThat(attributes(terminal)).containsEntry(CaptureAttributes.EXIT_CODE, "1");
      // The command line must reach the redactor: it travels in a field the schema marks sensitive.
      assertThat(Argument.getDescriptor().findFieldByName("value").getOptions().getExtension(OptionsProto.sensitive)).isTrue();

      assertThat(recorded.get(3).getInvoke().getCommand()).isEqualTo("debug.start");
      assertThat(arguments(recorded.get(3).getInvoke())).containsExactly("type=go", "request=launch");
      assertThat(recorded.get(3).getTarget().getName()).isEqualTo("Launch");

      Action added = recorded.get(4);
      assertThat(added.getInvoke().getCommand()).isEqualTo("debug.addBreakpoint");
      assertThat(arguments(added.getInvoke())).containsExactly("condition=i > 3");
      assertThat(added.getTarget().getLocators(0).getTextLocation().getRange()).isEqualTo(CaptureActions.range(7, 0, 7, 0));
      assertThat(recorded.get(5).getInvoke().getCommand()).isEqualTo("debug.removeBreakpoint");
      assertThat(recorded.get(5).getTarget().getLocators(0).getTextLocation().getRange().getStart().getLine()).isEqualTo(2);

      assertThat(recorded.get(6).getInvoke().getCommand()).isEqualTo("task.end");
      assertThat(arguments(recorded.get(6).getInvoke())).containsExactly("source=go");
      assertThat(attributes(recorded.get(6))).containsEntry(CaptureAttributes.EXIT_CODE, "0");

      assertThat(recorded.get(7).getWindowSwitch().getFrom().getAppId()).isEqualTo("visual-studio-code");
      assertThat(recorded.get(7).getWindowSwitch().hasTo()).isFalse();
    }
  }

  @Test
  void pauseRecordsWhatWasTypedFirstThenNothingUntilResumeAndTheSaveSaysTheRecordIsIncomplete() throws Exception {
    List<String> control = new ArrayList<>();
    PauseControl recorder = new PauseControl() {
      @Override
      public void pause() {
        control.add("pause");
      }

      @Override
      public void resume() {
        control.add("resume");
      }
    };
    try (EditorConnection c = new EditorConnection(b -> b.idle(Duration.ofHours(1)).pauseControl(recorder))) {
      c.initialize("vscode");
      open(c, URI, "");
      changes(c, URI, 1, CaptureServerTest.change(0, 0, 0, 0, "a"));
      c.notify("understudy/pause", json("{\"paused\":true}"));
      changes(c, URI, 2, CaptureServerTest.change(0, 1, 0, 1, "secret"));
      c.notify("understudy/windowFocus", json("{\"focused\":true}"));
      c.notify("understudy/pause", json("{\"paused\":false}"));
      c.remote.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(URI)));
      List<Action> recorded = c.recorded();

      assertThat(recorded).extracting(a -> a.getKindCase().name()).containsExactly("FILE_EVENT", "TEXT_EDIT", "TEXT_EDIT", "FILE_EVENT");
      assertThat(recorded.get(2).getTextEdit().getText()).isEqualTo("a");
      assertThat(attributes(recorded.get(3))).containsEntry(CaptureAttributes.INCOMPLETE, "paused");
      assertThat(control).containsExactly("pause", "resume");
      assertThat(c.server.paused()).isFalse();
    }
  }

  @Test
  void unknownAndMalformedNotificationsAreCountedAndIgnoredAndTheSessionGoesOn() throws Exception {
    try (EditorConnection c = new EditorConnection(b -> b)) {
      c.initialize("vscode");
      c.notify("understudy/somethingNew", json("{\"x\":1}"));
      c.notify("understudy/windowFocus", json("{\"focused\":\"yes\"}"));
      c.notify("understudy/selection", json("{\"uri\":\"" + URI + "\",\"selections\":[{\"start\":{\"line\":-1}}]}"));
      c.notify("understudy/debugSession", json("{\"event\":\"explode\"}"));
      c.notify("understudy/breakpoints", json("{\"added\":\"all of them\"}"));
      c.notify("understudy/activeEditor", new JsonObject());
      JsonObject arrayParams = new JsonObject();
      arrayParams.add("uri", new JsonArray());
      c.notify("understudy/terminalCommand", arrayParams);
      c.notify("understudy/windowFocus", json("{\"focused\":true}"));
      List<Action> recorded = c.recorded();

      assertThat(recorded).extracting(a -> a.getKindCase().name()).containsExactly("WINDOW_SWITCH");
      CaptureServer.Stats stats = c.server.stats();
      assertThat(stats.unknownMethods()).isEqualTo(1);
      assertThat(stats.malformed()).isEqualTo(6);
    }
  }
}
