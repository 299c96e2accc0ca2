package dev.understudy.plugins.lsp.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.TextEdit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CreateFilesParams;
import org.eclipse.lsp4j.DeleteFilesParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.FileCreate;
import org.eclipse.lsp4j.FileDelete;
import org.eclipse.lsp4j.FileRename;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameFilesParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** The capture server driven by an LSP4J client in this process. */
class CaptureServerTest {
  static final String URI = "file:///work/project/app.py";
  private static final Duration NEVER_IDLE = Duration.ofHours(1);

  static void open(EditorConnection c, String uri, String text) {
    c.remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "python", 0, text)));
  }

  static TextDocumentContentChangeEvent change(int sl, int sc, int el, int ec, String text) {
    return new TextDocumentContentChangeEvent(new Range(new Position(sl, sc), new Position(el, ec)), text);
  }

  static void changes(EditorConnection c, String uri, int version, TextDocumentContentChangeEvent... changes) {
    c.remote.getTextDocumentService().didChange(
        new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), List.of(changes)));
  }

  static Map<String, String> attributes(Action a) {
    return a.getAttributesList().stream().collect(Collectors.toMap(Attribute::getKey, Attribute::getValue));
  }

  @Test
  void initializeAdvertisesIncrementalSyncFileOperationsForEveryFileAndItsName() throws Exception {
    try (EditorConnection c = new EditorConnection(b -> b)) {
      InitializeResult r = c.initialize("Neovim");

      assertThat(r.getCapabilities().getTextDocumentSync().getRight().getChange()).isEqualTo(TextDocumentSyncKind.Incremental);
      assertThat(r.getCapabilities().getTextDocumentSync().getRight().getOpenClose()).isTrue();
      var files = r.getCapabilities().getWorkspace().getFileOperations();
      for (var options : List.of(files.getDidCreate(), files.getDidRename(), files.getDidDelete())) {
        assertThat(options.getFilters()).singleElement().satisfies(f -> assertThat(f.getPattern().getGlob()).isEqualTo("**/*"));
      }
      assertThat(r.getServerInfo().getName()).isEqualTo("understudy-lsp-capture");

      CaptureServer.Result result = c.shutdownAndExit();
      assertThat(result.exitCode()).isZero();
      assertThat(result.exitReceived()).isTrue();
    }
  }

  @Test
  void recordsOpenTypingSaveAndCloseWithVersionsLanguageAndTheSavedTextsHash() throws Exception {
    try (EditorConnection c = new EditorConnection(b -> b.idle(NEVER_IDLE))) {
      c.initialize("Neovim");
      open(c, URI, "x = 1\n");
      changes(c, URI, 3, change(0, 5, 0, 5, " "), change(0, 6, 0, 6, "#"));
      changes(c, URI, 4, change(0, 7, 0, 7, " ok"));
      c.remote.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(URI)));
      c.remote.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(URI)));
      List<Action> recorded = c.recorded();

      assertThat(recorded).extracting(a -> a.getKindCase().name()).containsExactly(
          "FILE_EVENT", "TEXT_EDIT", "TEXT_EDIT", "FILE_EVENT", "FILE_EVENT");
      Action openEvent = recorded.get(0);
      assertThat(openEvent.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_OPEN);
      assertThat(openEvent.getFileEvent().getPath()).isEqualTo("/work/project/app.py");
      assertThat(openEvent.getSource().getAppId()).isEqualTo("neovim");
      assertThat(openEvent.getSource().getDocument()).isEqualTo(URI);
      assertThat(attributes(openEvent)).containsEntry("lsp.languageId", "python").containsEntry("lsp.version", "0");

      TextEdit snapshot = recorded.get(1).getTextEdit();
      assertThat(attributes(recorded.get(1))).containsEntry(CaptureAttributes.SNAPSHOT, "didOpen");
      assertThat(snapshot.getText()).isEqualTo("x = 1\n");
      assertThat(snapshot.getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_REPLACE);
      assertThat(snapshot.hasRange()).as("the whole document").isFalse();
      assertThat(snapshot.getDocumentVersion()).isZero();

      TextEdit typed = recorded.get(2).getTextEdit();
      assertThat(typed.getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_INSERT);
      assertThat(typed.getText()).isEqualTo(" # ok");
      assertThat(typed.getRange()).isEqualTo(CaptureActions.range(0, 5, 0, 5));
      assertThat(typed.getDocumentVersion()).isEqualTo(4);
      assertThat(typed.getLanguageId()).isEqualTo("python");
      assertThat(recorded.get(2).getTarget().getLocators(0).getTextLocation().getUri()).isEqualTo(URI);
      assertThat(attributes(recorded.get(2))).containsEntry(CaptureAttributes.CHANGES, "3");

      Action save = recorded.get(3);
      assertThat(save.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE);
      assertThat(attributes(save)).containsEntry(CaptureAttributes.SHA256, PrivacyPolicy.sha256("x = 1 # ok\n"))
          .containsEntry("lsp.version", "4").doesNotContainKey(CaptureAttributes.INCOMPLETE);
      assertThat(recorded.get(4).getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_CLOSE);

      assertThat(c.shutdownAndExit().stats()).satisfies(s -> {
        assertThat(s.changes()).isEqualTo(3);
        assertThat(s.malformed()).isZero();
      });
    }
  }

  @Test
  void anEditWaitingForMoreTypingIsRecordedOnceTheIdleWindowPasses() throws Exception {
    try (EditorConnection c = new EditorConnection(b -> b.idle(Duration.ofMillis(50)))) {
      c.initialize("vim");
      open(c, URI, "");
      changes(c, URI, 1, change(0, 0, 0, 0, "a"));
      changes(c, URI, 2, change(0, 1, 0, 1, "b"));

      List<Action> recorded = c.take(3); // open, its text, and the typing, with no further message
      assertThat(recorded.get(2).getTextEdit().getText()).isEqualTo("ab");
    }
  }

  @Test
  void recordsFileOperationsAndCommands() throws Exception {
    try (EditorConnection c = new EditorConnection(b -> b)) {
      c.initialize("Visual Studio Code");
      var ws = c.remote.getWorkspaceService();
      ws.didCreateFiles(new CreateFilesParams(List.of(new FileCreate("file:///w/new.py"))));
      ws.didRenameFiles(new RenameFilesParams(List.of(new FileRename("file:///w/new.py", "file:///w/old.py"))));
      ws.didDeleteFiles(new DeleteFilesParams(List.of(new FileDelete("file:///w/old.py"))));
      ws.executeCommand(new org.eclipse.lsp4j.ExecuteCommandParams("editor.action.formatDocument", List.of("fast")))
          .get(EditorConnection.WAIT.toSeconds(), TimeUnit.SECONDS);
      List<Action> recorded = c.recorded();

      assertThat(recorded).hasSize(4);
      assertThat(recorded.get(0).getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_CREATE);
      assertThat(recorded.get(1).getFileEvent()).satisfies(f -> {
        assertThat(f.getOperation()).isEqualTo(FileOperation.FILE_OPERATION_RENAME);
        assertThat(f.getPath()).isEqualTo("/w/new.py");
        assertThat(f.getNewPath()).isEqualTo("/w/old.py");
      });
      assertThat(recorded.get(2).getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_DELETE);
      assertThat(recorded.get(3).getInvoke().getCommand()).isEqualTo("editor.action.formatDocument");
      assertThat(recorded.get(3).getInvoke().getArguments(0).getValue()).isEqualTo("fast");
      assertThat(recorded.get(3).getSource().getAppId()).isEqualTo("visual-studio-code");
    }
  }

  @Test
  void aCaretThatFollowsTheTypingIsLeftToTheEditAndOtherSelectionsAreRecordedWithTheirText() throws Exception {
    try (EditorConnection c = new EditorConnection(b -> b.idle(NEVER_IDLE))) {
      c.initialize("vscode");
      open(c, URI, "alpha beta\n");
      changes(c, URI, 1, change(0, 10, 0, 10, "!"));
      c.notify("understudy/selection", selection(URI, 0, 11, 0, 11, "keyboard"));
      changes(c, URI, 2, change(0, 11, 0, 11, "?"));
      c.notify("understudy/selection", selection(URI, 0, 0, 0, 5, "mouse"));
      List<Action> recorded = c.recorded();

      assertThat(recorded).extracting(a -> a.getKindCase().name())
          .containsExactly("FILE_EVENT", "TEXT_EDIT", "TEXT_EDIT", "SELECTION");
      assertThat(recorded.get(2).getTextEdit().getText()).isEqualTo("!?");
      assertThat(recorded.get(3).getSelection().getText()).isEqualTo("alpha");
      assertThat(recorded.get(3).getSelection().getRanges(0)).isEqualTo(CaptureActions.range(0, 0, 0, 5));
      assertThat(attributes(recorded.get(3))).containsEntry(CaptureAttributes.SELECTION_KIND, "mouse");
    }
  }

  static JsonObject selection(String uri, int sl, int sc, int el, int ec, String kind) {
    JsonObject p = new JsonObject();
    p.addProperty("uri", uri);
    p.addProperty("time", 1_700_000_000_000L);
    JsonArray selections = new JsonArray();
    JsonObject s = new JsonObject();
    s.add("start", position(sl, sc));
    s.add("end", position(el, ec));
    selections.add(s);
    p.add("selections", selections);
    p.addProperty("kind", kind);
    return p;
  }

  static JsonObject position(int line, int character) {
    JsonObject p = new JsonObject();
    p.addProperty("line", line);
    p.addProperty("character", character);
    return p;
  }

  @Test
  void exitWithoutShutdownEndsWithCodeOneAndAClosedConnectionWithoutExit() throws Exception {
    try (EditorConnection c = new EditorConnection(b -> b)) {
      c.initialize("vim");
      c.remote.exit();
      assertThat(c.result().exitCode()).isEqualTo(1);
    }
    EditorConnection c = new EditorConnection(b -> b);
    c.initialize("vim");
    c.close();
    assertThat(c.result().exitReceived()).isFalse();
    assertThat(c.result().exitCode()).isEqualTo(1);
  }
}
