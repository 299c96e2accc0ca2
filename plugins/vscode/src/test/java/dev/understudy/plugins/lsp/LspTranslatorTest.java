package dev.understudy.plugins.lsp;

import static dev.understudy.plugins.lsp.Direction.EDITOR_TO_SERVER;
import static dev.understudy.plugins.lsp.Direction.SERVER_TO_EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.proto.v1.TextRange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LspTranslatorTest {
  private static final String URI = "file:///home/lena/app/main.py";

  private final LspTranslator t = new LspTranslator("lsp");

  private List<Action> editor(String json) {
    return t.translate(EDITOR_TO_SERVER, json.getBytes(StandardCharsets.UTF_8));
  }

  private List<Action> server(String json) {
    return t.translate(SERVER_TO_EDITOR, json.getBytes(StandardCharsets.UTF_8));
  }

  private static String attr(Action a, String key) {
    return a.getAttributesList().stream().filter(x -> x.getKey().equals(key)).map(Attribute::getValue).findFirst().orElse(null);
  }

  private static String range(TextRange r) {
    return r.getStart().getLine() + ":" + r.getStart().getCharacter() + "-" + r.getEnd().getLine() + ":" + r.getEnd().getCharacter();
  }

  private void open() {
    // As Neovim sends it: '/' escaped in the method name.
    editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument\\/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"import os\\n\"}}}");
  }

  @Test
  void didOpenWithEscapedSlashesIsAnOpenWithPathAndLanguage() {
    List<Action> out = editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument\\/didOpen\",\"params\":{\"textDocument\":{\"uri\":\""
        + URI + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"import os\\n\"}}}");
    assertThat(out).hasSize(1);
    Action a = out.get(0);
    assertThat(a.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_OPEN);
    assertThat(a.getFileEvent().getPath()).isEqualTo("/home/lena/app/main.py");
    assertThat(a.getTarget().getLocators(0).getTextLocation().getUri()).isEqualTo(URI);
    assertThat(attr(a, LspTranslator.LANGUAGE)).isEqualTo("python");
  }

  @Test
  void didChangeGivesInsertDeleteReplaceAndFullDocumentReplace() {
    open();
    List<Action> out = editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\""
        + URI + "\",\"version\":7},\"contentChanges\":["
        + "{\"range\":{\"start\":{\"line\":0,\"character\":10},\"end\":{\"line\":1,\"character\":0}},\"rangeLength\":1,\"text\":\"\\n\\n\"},"
        + "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":1,\"character\":0}},\"rangeLength\":10,\"text\":\"\"},"
        + "{\"range\":{\"start\":{\"line\":2,\"character\":3},\"end\":{\"line\":2,\"character\":3}},\"text\":\"x\"},"
        + "{\"text\":\"whole\\n\"}]}}");
    assertThat(out).extracting(a -> a.getTextEdit().getOperation()).containsExactly(EditOperation.EDIT_OPERATION_REPLACE,
        EditOperation.EDIT_OPERATION_DELETE, EditOperation.EDIT_OPERATION_INSERT, EditOperation.EDIT_OPERATION_REPLACE);
    assertThat(range(out.get(0).getTextEdit().getRange())).isEqualTo("0:10-1:0");
    assertThat(out.get(0).getTextEdit().getText()).isEqualTo("\n\n");
    assertThat(out.get(2).getTextEdit().getText()).isEqualTo("x");
    assertThat(out.get(3).getTextEdit().hasRange()).isFalse();
    assertThat(out.get(3).getTextEdit().getText()).isEqualTo("whole\n");
    assertThat(out).allSatisfy(a -> {
      assertThat(a.getTextEdit().getDocumentVersion()).isEqualTo(7);
      assertThat(a.getTextEdit().getLanguageId()).isEqualTo("python");
      assertThat(a.getTarget().getLocators(0).getTextLocation().getUri()).isEqualTo(URI);
    });
  }

  @Test
  void saveCloseAndWorkspaceFileOperations() {
    open();
    String doc = "{\"textDocument\":{\"uri\":\"" + URI + "\"}}";
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":" + doc + "}"))
        .extracting(a -> a.getFileEvent().getOperation()).containsExactly(FileOperation.FILE_OPERATION_SAVE);
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":" + doc + "}"))
        .extracting(a -> a.getFileEvent().getOperation()).containsExactly(FileOperation.FILE_OPERATION_CLOSE);
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didCreateFiles\",\"params\":{\"files\":[{\"uri\":\"file:///a.py\"},{\"uri\":\"file:///b.py\"}]}}"))
        .extracting(a -> a.getFileEvent().getOperation() + " " + a.getFileEvent().getPath())
        .containsExactly("FILE_OPERATION_CREATE /a.py", "FILE_OPERATION_CREATE /b.py");
    Action renamed = editor("{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didRenameFiles\",\"params\":{\"files\":[{\"oldUri\":\"file:///a.py\",\"newUri\":\"file:///c.py\"}]}}").get(0);
    assertThat(renamed.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_RENAME);
    assertThat(renamed.getFileEvent().getNewPath()).isEqualTo("/c.py");
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didDeleteFiles\",\"params\":{\"files\":[{\"uri\":\"file:///b.py\"}]}}"))
        .extracting(a -> a.getFileEvent().getOperation()).containsExactly(FileOperation.FILE_OPERATION_DELETE);
  }

  @Test
  void executeCommandIsAnInvokeWithArguments() {
    Action a = editor("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"workspace\\/executeCommand\",\"params\":{\"command\":\"pylsp.organize\",\"arguments\":[\"" + URI + "\",{\"x\":1}]}}").get(0);
    assertThat(a.getInvoke().getCommand()).isEqualTo("pylsp.organize");
    assertThat(a.getInvoke().getArgumentsList()).extracting(x -> x.getValue()).containsExactly(URI, "{\"x\":1}");
  }

  @Test
  void completionRecordsTheAcceptedItemFromTheNextChange() {
    open();
    editor("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":1,\"character\":2}}}");
    assertThat(server("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"isIncomplete\":false,\"items\":["
        + "{\"label\":\"path\",\"kind\":9,\"insertText\":\"path\"},{\"label\":\"popen(cmd)\",\"insertText\":\"popen\"}]}}")).isEmpty();
    List<Action> out = editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"version\":9},\"contentChanges\":[{\"range\":{\"start\":{\"line\":1,\"character\":2},\"end\":{\"line\":1,\"character\":2}},\"text\":\"popen\"}]}}");
    assertThat(out).hasSize(2);
    assertThat(out.get(0).getInvoke().getCommand()).isEqualTo("textDocument/completion");
    assertThat(attr(out.get(0), LspTranslator.ACCEPTED)).isEqualTo("popen(cmd)");
    assertThat(range(out.get(0).getTarget().getLocators(0).getTextLocation().getRange())).isEqualTo("1:2-1:2");
    assertThat(out.get(1).hasTextEdit()).isTrue();
  }

  @Test
  void completionWithoutAMatchingChangeIsJustTheRequest() {
    editor("{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":0,\"character\":0}}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"result\":[{\"label\":\"print\"}]}");
    List<Action> out = t.finish();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getInvoke().getCommand()).isEqualTo("textDocument/completion");
    assertThat(attr(out.get(0), LspTranslator.ACCEPTED)).isNull();
  }

  @Test
  void hoverAndDefinitionPairRequestsWithResponses() {
    editor("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument\\/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":0,\"character\":8}}}");
    Action hover = server("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"contents\":{\"kind\":\"markdown\",\"value\":\"os module\"}}}").get(0);
    assertThat(hover.getInvoke().getCommand()).isEqualTo("textDocument/hover");
    assertThat(attr(hover, LspTranslator.OUTCOME)).isEqualTo("shown");

    editor("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/definition\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":4,\"character\":1}}}");
    Action jump = server("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":[{\"uri\":\"file:///usr/lib/python3/os.py\",\"range\":{\"start\":{\"line\":40,\"character\":4},\"end\":{\"line\":40,\"character\":9}}}]}").get(0);
    assertThat(jump.getNavigate().getNavigationType()).isEqualTo(NavigationType.NAVIGATION_TYPE_JUMP);
    assertThat(jump.getNavigate().getUrl()).isEqualTo("file:///usr/lib/python3/os.py");
    assertThat(attr(jump, "lsp.jump.line")).isEqualTo("40");

    editor("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"textDocument/references\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":4,\"character\":1},\"context\":{\"includeDeclaration\":true}}}");
    Action refs = server("{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":[{\"uri\":\"" + URI + "\",\"range\":{\"start\":{\"line\":1,\"character\":0},\"end\":{\"line\":1,\"character\":2}}},"
        + "{\"uri\":\"" + URI + "\",\"range\":{\"start\":{\"line\":4,\"character\":0},\"end\":{\"line\":4,\"character\":2}}}]}").get(0);
    assertThat(attr(refs, "lsp.results")).isEqualTo("2");
    assertThat(refs.getNavigate().getUrl()).isEqualTo(URI);
  }

  @Test
  void aResponseOnlyPairsWithARequestFromTheOtherSide() {
    // The server asks the editor something with id 2; the editor's answer must not look like a hover response.
    server("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"workspace/configuration\",\"params\":{\"items\":[]}}");
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":[]}")).isEmpty();
    assertThat(server("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"contents\":\"x\"}}")).isEmpty();
  }

  @Test
  void renameRecordsTheNewNameAndItsEditsWithTheirCause() {
    open();
    editor("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"textDocument/rename\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":2,\"character\":4},\"newName\":\"total\"}}");
    List<Action> out = server("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"documentChanges\":[{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"version\":3},\"edits\":[{\"range\":{\"start\":{\"line\":2,\"character\":4},\"end\":{\"line\":2,\"character\":7}},\"newText\":\"total\"},"
        + "{\"range\":{\"start\":{\"line\":5,\"character\":0},\"end\":{\"line\":5,\"character\":3}},\"newText\":\"total\"}]}]}}");
    assertThat(out).hasSize(3);
    assertThat(out.get(0).getInvoke().getCommand()).isEqualTo("textDocument/rename");
    assertThat(out.get(0).getInvoke().getArguments(0).getValue()).isEqualTo("total");
    assertThat(out.subList(1, 3)).allSatisfy(a -> {
      assertThat(a.getTextEdit().getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_REPLACE);
      assertThat(attr(a, LspTranslator.CAUSE)).isEqualTo("rename:8");
      assertThat(a.getTextEdit().getLanguageId()).isEqualTo("python");
    });
    assertThat(range(out.get(2).getTextEdit().getRange())).isEqualTo("5:0-5:3");
  }

  @Test
  void codeActionsOfferedAndTheOneChosenByCommandOrByItsEdit() {
    String req = "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},\"context\":{\"diagnostics\":[]}}}";
    editor(req);
    Action offered = server("{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":[{\"title\":\"Organize imports\",\"command\":\"pylsp.organize\",\"arguments\":[]},"
        + "{\"title\":\"Remove unused\",\"kind\":\"quickfix\",\"edit\":{\"changes\":{\"" + URI
        + "\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":1,\"character\":0}},\"newText\":\"\"}]}}}]}").get(0);
    assertThat(attr(offered, LspTranslator.OUTCOME)).isEqualTo("offered");
    assertThat(attr(offered, "lsp.offered")).isEqualTo("2");
    assertThat(offered.getInvoke().getArguments(0).getValue()).isEqualTo("Organize imports\nRemove unused");

    Action byCommand = editor("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":\"pylsp.organize\"}}").get(0);
    assertThat(attr(byCommand, LspTranslator.CAUSE)).isEqualTo("codeAction:10");
    assertThat(attr(byCommand, "lsp.codeAction.title")).isEqualTo("Organize imports");

    List<Action> byEdit = editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"version\":4},\"contentChanges\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":1,\"character\":0}},\"text\":\"\"}]}}");
    assertThat(byEdit).hasSize(2);
    assertThat(attr(byEdit.get(0), LspTranslator.OUTCOME)).isEqualTo("chosen");
    assertThat(byEdit.get(0).getInvoke().getArguments(0).getValue()).isEqualTo("Remove unused");
    assertThat(attr(byEdit.get(1), LspTranslator.CAUSE)).isEqualTo("codeAction:10");
  }

  @Test
  void formattingIsAnInvokeCountingItsEdits() {
    editor("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"textDocument/formatting\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"options\":{\"tabSize\":4,\"insertSpaces\":true}}}");
    Action a = server("{\"jsonrpc\":\"2.0\",\"id\":12,\"result\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":3}},\"newText\":\"x = 1\"}]}").get(0);
    assertThat(a.getInvoke().getCommand()).isEqualTo("textDocument/formatting");
    assertThat(attr(a, "lsp.edits")).isEqualTo("1");
  }

  @Test
  void publishDiagnosticsIsAShortObservation() {
    Action a = server("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument\\/publishDiagnostics\",\"params\":{\"uri\":\"" + URI
        + "\",\"diagnostics\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":9}},\"severity\":2,"
        + "\"source\":\"pyflakes\",\"message\":\"'os' imported but unused\"},{\"range\":{\"start\":{\"line\":3,\"character\":0},\"end\":{\"line\":3,\"character\":1}},\"severity\":1,\"message\":\"undefined name 'x'\"}]}}").get(0);
    assertThat(a.getObservation().getObservationKind()).isEqualTo(ObservationKind.OBSERVATION_KIND_DIAGNOSTICS);
    assertThat(a.getObservation().getText()).isEqualTo("1 errors, 1 warnings, 0 hints\n1: 'os' imported but unused\n4: undefined name 'x'");
  }

  @Test
  void malformedJsonIsCountedAndGivesNoAction() {
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"method\":")).isEmpty();
    assertThat(editor("42")).isEmpty();
    assertThat(t.translate(EDITOR_TO_SERVER, new byte[] {(byte) 0xff, 0x00})).isEmpty();
    assertThat(t.errors()).isEqualTo(3);
    // And it goes on translating.
    open();
    assertThat(t.errors()).isEqualTo(3);
  }
}
