package dev.understudy.plugins.lsp.capture.nvim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.plugins.lsp.capture.CaptureAttributes;
import dev.understudy.plugins.lsp.replay.EditorReplay;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.TextEdit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neovim 0.7's own LSP client edits a file with the capture server as its language server, which records
 * into a real session store: open, type, {@code o}, {@code dd}, undo, save, close give exactly the expected
 * semantic edits, and replaying them reproduces the saved file byte for byte.
 */
class NeovimCaptureEndToEndTest {
  private static final String BEFORE = "alpha\nbeta\n";
  private static final String AFTER = "alpha gamma\ndelta\nbeta\n";

  @TempDir Path dir;

  private static String describe(TextEdit e) {
    if (!e.hasRange()) {
      return e.getOperation().name().substring("EDIT_OPERATION_".length()) + " all '" + e.getText().replace("\n", "\\n") + "'";
    }
    return e.getOperation().name().substring("EDIT_OPERATION_".length()) + " " + e.getRange().getStart().getLine() + ":"
        + e.getRange().getStart().getCharacter() + "-" + e.getRange().getEnd().getLine() + ":"
        + e.getRange().getEnd().getCharacter() + " '" + e.getText().replace("\n", "\\n") + "' removed '"
        + e.getRemovedText().replace("\n", "\\n") + "'";
  }

  private static String attribute(Action a, String key) {
    return a.getAttributesList().stream().filter(x -> x.getKey().equals(key)).map(Attribute::getValue).findFirst().orElse(null);
  }

  @Test
  void neovimsEditsAreRecordedAsSemanticEditsThatReplayToTheSavedFile() throws Exception {
    HeadlessNeovim.require();
    Path project = Files.createDirectories(dir.resolve("project"));
    Path file = project.resolve("notes.txt");
    Files.writeString(file, BEFORE);
    Path store = dir.resolve("sessions");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> server = List.of(javaBin, "-cp", System.getProperty("java.class.path"), CaptureServerMain.class.getName(),
        store.toString(), "60000");

    HeadlessNeovim.Outcome run = HeadlessNeovim.run(project, server, String.join("\n",
        "vim.cmd('edit notes.txt')",
        "local buf = vim.api.nvim_get_current_buf()",
        "if not vim.wait(10000, function() return vim.lsp.buf_is_attached(buf, CLIENT) end, 20) then",
        "  fail('notes.txt was not attached') end",
        "keys('A gamma')",
        "keys('odelta')",
        "keys('dd')",
        "keys('u')",
        "vim.cmd('write')",
        "vim.cmd('bwipeout')"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(Files.readString(file)).isEqualTo(AFTER);

    SessionStore sessions = SessionStore.open(store);
    List<SessionSummary> list = sessions.list();
    assertThat(list).hasSize(1);
    List<Action> actions;
    try (SessionReader reader = sessions.reader(list.get(0).id())) {
      actions = reader.readAll();
    }
    List<Action> recorded = actions.stream().filter(a -> a.hasTextEdit() || a.hasFileEvent()).toList();
    String uri = "file://" + file;

    assertThat(recorded).extracting(a -> a.hasFileEvent() ? a.getFileEvent().getOperation().name() : describe(a.getTextEdit()))
        .as(run.output())
        .containsExactly(
            "FILE_OPERATION_OPEN",
            "REPLACE all 'alpha\\nbeta\\n'",
            // A: the server records " gamma"; o and typing on the new line, "\ndelta", are its next edit, which
            // the runtime's keystroke coalescing joins to it before redaction (contiguous inserts).
            "INSERT 0:5-0:5 ' gamma\\ndelta' removed ''",
            "DELETE 1:0-2:0 '' removed 'delta\\n'",
            // u: Neovim sends the line break after "alpha gamma" replaced by "\ndelta\n": an insert at its end.
            "INSERT 0:11-0:11 '\\ndelta' removed ''",
            "FILE_OPERATION_SAVE",
            "FILE_OPERATION_CLOSE");
    Action open = recorded.get(0);
    assertThat(open.getSource().getAppId()).isEqualTo("neovim");
    assertThat(open.getSource().getAdapterId()).isEqualTo("lsp-capture");
    assertThat(open.getSource().getDocument()).isEqualTo(uri);
    assertThat(open.getFileEvent().getPath()).isEqualTo(file.toString());
    assertThat(attribute(recorded.get(1), CaptureAttributes.SNAPSHOT)).isEqualTo("didOpen");
    assertThat(recorded.get(2).getTextEdit().getLanguageId()).isEqualTo("text");
    List<Long> versions = recorded.subList(2, 5).stream().map(a -> a.getTextEdit().getDocumentVersion()).toList();
    assertThat(versions).isSorted().allSatisfy(v -> assertThat(v).isPositive());
    assertThat(attribute(recorded.get(5), CaptureAttributes.SHA256)).isNotEmpty();

    List<EditorReplay.Document> replayed = EditorReplay.replay(actions);
    assertThat(replayed).singleElement().satisfies(d -> {
      assertThat(d.uri()).isEqualTo(uri);
      assertThat(d.outcome()).as(d.detail()).isEqualTo(EditorReplay.Outcome.MATCHED);
      assertThat(d.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(Files.readAllBytes(file));
    });
  }
}
