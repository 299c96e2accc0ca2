package dev.understudy.plugins.lsp;

import static dev.understudy.plugins.lsp.Direction.EDITOR_TO_SERVER;
import static dev.understudy.plugins.lsp.Direction.SERVER_TO_EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.ActionRefs;
import dev.understudy.plugins.lsp.capture.CaptureAttributes;
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
    assertThat(out).hasSize(2);
    Action a = out.get(0);
    assertThat(a.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_OPEN);
    assertThat(a.getFileEvent().getPath()).isEqualTo("/home/lena/app/main.py");
    assertThat(a.getTarget().getLocators(0).getTextLocation().getUri()).isEqualTo(URI);
    assertThat(attr(a, LspTranslator.LANGUAGE)).isEqualTo("python");
    // The text it was opened with, as the capture server records it, for replay.
    Action text = out.get(1);
    assertThat(text.getTextEdit().hasRange()).isFalse();
    assertThat(text.getTextEdit().getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_REPLACE);
    assertThat(text.getTextEdit().getText()).isEqualTo("import os\n");
    assertThat(attr(text, CaptureAttributes.SNAPSHOT)).isEqualTo(CaptureAttributes.SNAPSHOT_OPEN);
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
        .singleElement().satisfies(a -> {
          assertThat(a.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE);
          assertThat(attr(a, CaptureAttributes.SHA256)).isEqualTo(dev.understudy.core.policy.PrivacyPolicy.sha256("import os\n"));
        });
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

  private String change(int version, int fromLine, int fromChar, int toLine, int toChar, String text) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"version\":" + version + "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":" + fromLine + ",\"character\":"
        + fromChar + "},\"end\":{\"line\":" + toLine + ",\"character\":" + toChar + "}},\"text\":\"" + text + "\"}]}}";
  }

  private List<Action> type(int version, int line, int character, String text) {
    return editor(change(version, line, character, line, character, text));
  }

  private void completionOffered(int id, int line, int character) {
    editor("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":" + line + ",\"character\":" + character + "}}}");
    assertThat(server("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"isIncomplete\":false,\"items\":["
        + "{\"label\":\"path\",\"kind\":9,\"insertText\":\"path\"},{\"label\":\"popen(cmd)\",\"insertText\":\"popen\"},"
        + "{\"label\":\"pipe()\",\"insertText\":\"pipe\"}]}}")).isEmpty();
  }

  @Test
  void completionAcceptedTheWayNeovimInsertsItIsTheParentOfTheEditsThatInsertedIt() {
    open(); // "import os\n"
    assertThat(type(2, 1, 0, "x")).hasSize(1); // nothing held: the edit passes
    assertThat(type(3, 1, 1, " ")).hasSize(1);
    type(4, 1, 2, "p");
    type(5, 1, 3, "o");
    completionOffered(5, 1, 4);
    // Neovim's omnifunc erases the typed "po" and types the chosen word back, key by key.
    assertThat(editor(change(6, 1, 3, 1, 4, ""))).isEmpty();
    assertThat(editor(change(7, 1, 2, 1, 3, ""))).isEmpty();
    for (int i = 0; i < 4; i++) {
      assertThat(type(8 + i, 1, 2 + i, "popen".substring(i, i + 1))).isEmpty();
    }
    List<Action> out = type(12, 1, 6, "n");
    assertThat(out).hasSize(8);
    Action completion = out.get(0);
    assertThat(completion.getInvoke().getCommand()).isEqualTo("textDocument/completion");
    assertThat(attr(completion, LspTranslator.ACCEPTED)).isEqualTo("popen(cmd)");
    assertThat(attr(completion, LspTranslator.OUTCOME)).isEqualTo("accepted");
    assertThat(attr(completion, "lsp.offered")).isEqualTo("3");
    assertThat(completion.getInvoke().getArguments(0).getValue()).isEqualTo("path\npopen(cmd)\npipe()");
    assertThat(range(completion.getTarget().getLocators(0).getTextLocation().getRange())).isEqualTo("1:4-1:4");
    String ref = attr(completion, ActionRefs.REF);
    assertThat(ref).isEqualTo("completion:5");
    assertThat(out.subList(1, 8)).allSatisfy(a -> {
      assertThat(a.hasTextEdit()).isTrue();
      assertThat(attr(a, ActionRefs.PARENT_REF)).isEqualTo(ref);
    });
    assertThat(out.get(1).getTextEdit().getRemovedText()).isEqualTo("o");
    // The next keystroke is the person's again.
    assertThat(type(13, 1, 7, "(")).singleElement().satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isNull());
  }

  @Test
  void completionNotAcceptedComesAfterTheTypingItSawSoTheTypingStaysOneRun() {
    open();
    completionOffered(5, 1, 0);
    assertThat(type(2, 1, 0, "p")).isEmpty(); // still the start of an item: held
    List<Action> out = type(3, 1, 1, "x"); // "px" starts no item
    assertThat(out).extracting(Action::getKindCase)
        .containsExactly(Action.KindCase.TEXT_EDIT, Action.KindCase.TEXT_EDIT, Action.KindCase.INVOKE);
    assertThat(out.get(0).getTextEdit().getText()).isEqualTo("p");
    assertThat(attr(out.get(2), LspTranslator.OUTCOME)).isEqualTo("offered");
    assertThat(attr(out.get(2), LspTranslator.ACCEPTED)).isNull();
    assertThat(out).allSatisfy(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isNull());
  }

  @Test
  void completionStillUndecidedAtTheEndIsReleasedByFinish() {
    editor("{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":0,\"character\":0}}}");
    server("{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"result\":[{\"label\":\"print\"}]}");
    List<Action> out = t.finish();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getInvoke().getCommand()).isEqualTo("textDocument/completion");
    assertThat(attr(out.get(0), LspTranslator.ACCEPTED)).isNull();
    assertThat(attr(out.get(0), ActionRefs.REF)).isEqualTo("completion:c1");
  }

  @Test
  void hoverAndDefinitionPairRequestsWithResponses() {
    editor("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument\\/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":0,\"character\":8}}}");
    Action hover = server("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"contents\":{\"kind\":\"markdown\",\"value\":\"os module\"}}}").get(0);
    assertThat(hover.getInvoke().getCommand()).isEqualTo("textDocument/hover");
    assertThat(attr(hover, LspTranslator.OUTCOME)).isEqualTo("shown");
    assertThat(attr(hover, LspTranslator.HOVER)).isEqualTo("os module");

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
  void renameIsTheParentOfTheChangesThatApplyItsEditAndOfTheSaveAfterThem() {
    editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"def greet(n):\\n    pass\\n\\ngreet(1)\\n\"}}}");
    editor("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"textDocument/rename\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":0,\"character\":5},\"newName\":\"welcome\"}}");
    // As pylsp answers: one edit replacing the whole file.
    List<Action> out = server("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"documentChanges\":[{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"version\":3},\"edits\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":4,\"character\":0}},"
        + "\"newText\":\"def welcome(n):\\n    pass\\n\\nwelcome(1)\\n\"}]}]}}");
    assertThat(out).singleElement().satisfies(a -> {
      assertThat(a.getInvoke().getCommand()).isEqualTo("textDocument/rename");
      assertThat(a.getInvoke().getArguments(0).getValue()).isEqualTo("welcome");
      assertThat(attr(a, "lsp.edits")).isEqualTo("1");
      assertThat(attr(a, "lsp.files")).isEqualTo("1");
      assertThat(attr(a, LspTranslator.OUTCOME)).isEqualTo("edited");
      assertThat(attr(a, ActionRefs.REF)).isEqualTo("rename:8");
    });
    // As Neovim applies it: the span that differs, then a trailing line break it trims.
    List<Action> applied = new java.util.ArrayList<>(editor(change(4, 0, 4, 3, 5, "welcome(n):\\n    pass\\n\\nwelcome")));
    applied.addAll(editor(change(5, 4, 0, 5, 0, "")));
    assertThat(applied).hasSize(2).allSatisfy(a -> {
      assertThat(attr(a, ActionRefs.PARENT_REF)).isEqualTo("rename:8");
      assertThat(attr(a, LspTranslator.CAUSE)).isEqualTo("rename:8");
    });
    assertThat(applied.get(0).getTextEdit().getRemovedText()).isEqualTo("greet(n):\n    pass\n\ngreet");
    assertThat(applied.get(0).getTextEdit().getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_REPLACE);

    String save = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"}}}";
    assertThat(editor(save)).singleElement().satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isEqualTo("rename:8"));
    assertThat(editor(save)).singleElement().satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isNull());
  }

  @Test
  void aChangeThatIsNotPartOfTheEditEndsTheCauseAndTheSaveIsThePersons() {
    open();
    editor("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"textDocument/formatting\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"options\":{\"tabSize\":4,\"insertSpaces\":true}}}");
    Action formatting = server("{\"jsonrpc\":\"2.0\",\"id\":12,\"result\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},"
        + "\"end\":{\"line\":1,\"character\":0}},\"newText\":\"import os\\n\\n\"}]}").get(0);
    assertThat(attr(formatting, ActionRefs.REF)).isEqualTo("formatting:12");
    assertThat(type(2, 1, 0, "\\n")).singleElement()
        .satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isEqualTo("formatting:12"));
    assertThat(type(3, 2, 0, "zzz")).singleElement().satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isNull());
    assertThat(type(4, 2, 3, "\\n")).singleElement().satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isNull());
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"}}}"))
        .singleElement().satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isNull());
  }

  private Action offerCodeActions() {
    editor("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},\"context\":{\"diagnostics\":[]}}}");
    return server("{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":[{\"title\":\"Organize imports\",\"command\":\"pylsp.organize\",\"arguments\":[]},"
        + "{\"title\":\"Add a docstring\",\"kind\":\"quickfix\",\"edit\":{\"changes\":{\"" + URI
        + "\":[{\"range\":{\"start\":{\"line\":1,\"character\":0},\"end\":{\"line\":1,\"character\":0}},\"newText\":\"# Tools.\\n\"}]}}}]}").get(0);
  }

  @Test
  void codeActionChosenByItsEditIsTheParentOfThatEditAndTheSave() {
    open();
    Action offered = offerCodeActions();
    assertThat(attr(offered, LspTranslator.OUTCOME)).isEqualTo("offered");
    assertThat(attr(offered, "lsp.offered")).isEqualTo("2");
    assertThat(offered.getInvoke().getArguments(0).getValue()).isEqualTo("Organize imports\nAdd a docstring");

    List<Action> byEdit = type(4, 1, 0, "# Tools.\\n");
    assertThat(byEdit).hasSize(2);
    assertThat(attr(byEdit.get(0), LspTranslator.OUTCOME)).isEqualTo("chosen");
    assertThat(byEdit.get(0).getInvoke().getArguments(0).getValue()).isEqualTo("Add a docstring");
    assertThat(attr(byEdit.get(0), ActionRefs.REF)).isEqualTo("codeAction:10");
    assertThat(byEdit.get(0).getSource().getDocument()).isEqualTo(URI);
    assertThat(attr(byEdit.get(1), ActionRefs.PARENT_REF)).isEqualTo("codeAction:10");
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"}}}"))
        .singleElement().satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isEqualTo("codeAction:10"));
  }

  @Test
  void codeActionChosenByItsCommandCausesTheEditsTheServerAppliesWhileItRuns() {
    open();
    offerCodeActions();
    List<Action> byCommand = editor("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":\"pylsp.organize\"}}");
    assertThat(byCommand).hasSize(2);
    assertThat(attr(byCommand.get(0), LspTranslator.OUTCOME)).isEqualTo("chosen");
    assertThat(attr(byCommand.get(0), ActionRefs.REF)).isEqualTo("codeAction:10");
    assertThat(byCommand.get(1).getInvoke().getCommand()).isEqualTo("pylsp.organize");
    assertThat(attr(byCommand.get(1), ActionRefs.PARENT_REF)).isEqualTo("codeAction:10");
    assertThat(attr(byCommand.get(1), "lsp.codeAction.title")).isEqualTo("Organize imports");

    server("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"workspace/applyEdit\",\"params\":{\"edit\":{\"changes\":{\"" + URI
        + "\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},\"newText\":\"import sys\\n\"}]}}}}");
    assertThat(type(5, 0, 0, "import sys\\n")).singleElement()
        .satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isEqualTo("codeAction:10"));
  }

  @Test
  void codeActionsTheEditorAskedForOnItsOwnAreNotRecordedButTheirChoiceIs() {
    open();
    editor("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},"
        + "\"context\":{\"diagnostics\":[],\"triggerKind\":2}}}");
    assertThat(server("{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":[{\"title\":\"Organize imports\",\"command\":\"pylsp.organize\"}]}")).isEmpty();
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":\"pylsp.organize\"}}"))
        .extracting(a -> attr(a, LspTranslator.OUTCOME)).containsExactly("chosen", null);
  }

  @Test
  void offersAreForgottenOnceThePersonTypesSoTheirTextIsNotMistakenForAChoice() {
    open();
    offerCodeActions();
    assertThat(type(4, 0, 9, "x")).singleElement().satisfies(a -> assertThat(a.hasTextEdit()).isTrue());
    assertThat(type(5, 1, 0, "Tools")).singleElement().satisfies(a -> assertThat(attr(a, ActionRefs.PARENT_REF)).isNull());
  }

  @Test
  void anErrorResponseIsRecordedWithTheErrorAndAnUnrecordedOneIsNot() {
    editor("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":0,\"character\":8}}}");
    Action failed = server("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32603,\"message\":\"server exited\"}}").get(0);
    assertThat(failed.getInvoke().getCommand()).isEqualTo("textDocument/hover");
    assertThat(attr(failed, LspTranslator.OUTCOME)).isEqualTo("error");
    assertThat(attr(failed, LspTranslator.ERROR)).isEqualTo("-32603 server exited");
    editor("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/documentSymbol\",\"params\":{}}");
    assertThat(server("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32603,\"message\":\"x\"}}")).isEmpty();
  }

  @Test
  void actionsAreTimedAtTheirFrameAndRequestResponsePairsAtTheRequest() {
    t.translate(EDITOR_TO_SERVER, ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\""
        + URI + "\"},\"position\":{\"line\":0,\"character\":8}}}").getBytes(StandardCharsets.UTF_8), 1_000);
    Action hover = t.translate(SERVER_TO_EDITOR, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":null}".getBytes(StandardCharsets.UTF_8), 5_000).get(0);
    assertThat(hover.getTimeUnixNano()).isEqualTo(1_000);
    assertThat(attr(hover, LspTranslator.OUTCOME)).isEqualTo("empty");
    Action save = t.translate(EDITOR_TO_SERVER, ("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":{\"textDocument\":{\"uri\":\""
        + URI + "\"}}}").getBytes(StandardCharsets.UTF_8), 7_000).get(0);
    assertThat(save.getTimeUnixNano()).isEqualTo(7_000);
  }

  @Test
  void formattingIsAnInvokeCountingItsEdits() {
    editor("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"textDocument/formatting\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"options\":{\"tabSize\":4,\"insertSpaces\":true}}}");
    Action a = server("{\"jsonrpc\":\"2.0\",\"id\":12,\"result\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":3}},\"newText\":\"x = 1\"}]}").get(0);
    assertThat(a.getInvoke().getCommand()).isEqualTo("textDocument/formatting");
    assertThat(attr(a, "lsp.edits")).isEqualTo("1");
    assertThat(attr(a, ActionRefs.REF)).isEqualTo("formatting:12");
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
  void hoverSummaryIsTheFirstLineThatIsNotACodeFence() {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(LspTranslator.hoverSummary(json.valueToTree(java.util.Map.of("kind", "markdown",
        "value", "```python\ngreet(name)\n```\n\nSays hello.")))).isEqualTo("greet(name)");
    assertThat(LspTranslator.hoverSummary(json.valueToTree(List.of(java.util.Map.of("language", "python", "value", "x: int"), "doc"))))
        .isEqualTo("x: int");
    assertThat(LspTranslator.hoverSummary(json.valueToTree("plain\r\nsecond"))).isEqualTo("plain");
  }

  @Test
  void opensAndSavesCarryTheAttributesReplayReadsUnderTheCaptureServersKeys() {
    assertThat(LspTranslator.SNAPSHOT).isEqualTo(CaptureAttributes.SNAPSHOT);
    assertThat(LspTranslator.SNAPSHOT_OPEN).isEqualTo(CaptureAttributes.SNAPSHOT_OPEN);
    assertThat(LspTranslator.SHA256).isEqualTo(CaptureAttributes.SHA256);
    assertThat(LspTranslator.INCOMPLETE).isEqualTo(CaptureAttributes.INCOMPLETE);
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

  @Test
  void framesNoActionNeedsAreReadToTheirHeadOnlyAndStillCountWhenMalformed() {
    String big = "x".repeat(1 << 20);
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"params\":{\"text\":\"" + big + "\"},\"id\":5,\"method\":\"bench/echo\"}")).isEmpty();
    assertThat(server("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"text\":\"" + big + "\"}}")).isEmpty();
    assertThat(editor("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":5}}")).isEmpty();
    assertThat(t.errors()).isZero();
    // Malformed before its id and method are known: parsed in full, and counted.
    editor("{\"jsonrpc\":\"2.0\",\"params\":{\"p\":[1,]},\"method\":\"bench/echo\",\"id\":6}");
    assertThat(t.errors()).isEqualTo(1);
    // A recorded request whose response comes after unrecorded traffic still pairs with it.
    editor("{\"jsonrpc\":\"2.0\",\"id\":\"h\\/1\",\"method\":\"textDocument\\/hover\",\"params\":{\"textDocument\":{\"uri\":\""
        + URI + "\"},\"position\":{\"line\":0,\"character\":8}}}");
    editor("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"bench/echo\",\"params\":{}}");
    assertThat(server("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}")).isEmpty();
    List<Action> hover = server("{\"id\":\"h/1\",\"result\":{\"contents\":\"def greet(name)\"},\"jsonrpc\":\"2.0\"}");
    assertThat(hover).hasSize(1);
    assertThat(attr(hover.get(0), LspTranslator.HOVER)).isEqualTo("def greet(name)");
  }
}
