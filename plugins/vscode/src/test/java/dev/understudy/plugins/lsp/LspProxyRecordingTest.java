package dev.understudy.plugins.lsp;

import static dev.understudy.plugins.lsp.Frames.concat;
import static dev.understudy.plugins.lsp.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.understudy.core.Recording;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileOperation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames through a real {@link LspProxy} and child-process server into a real recording and store. */
class LspProxyRecordingTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String URI = "file:///work/demo/notes.py";

  @TempDir Path dir;

  private static String change(int version, int character, String text) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument\\/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"version\":" + version + "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":0,\"character\":" + character
        + "},\"end\":{\"line\":0,\"character\":" + character + "}},\"rangeLength\":0,\"text\":\"" + text + "\"}]}}";
  }

  @Test
  void openTypingAndSaveAreRecordedWithKeystrokesJoined() throws Exception {
    byte[] editorSends = concat(
        frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}"),
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}"),
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument\\/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
            + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"\\n\"}}}"),
        frame(change(3, 0, "a")),
        frame(change(4, 1, "b")),
        frame(change(5, 2, "c")),
        frame("not json at all"),
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument\\/didSave\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"}}}"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}"));
    Path store = dir.resolve("sessions");
    LspProxyAdapterProvider provider = new LspProxyAdapterProvider();
    ByteArrayOutputStream editorReceives = new ByteArrayOutputStream();
    String id;
    try (Recording recording = Recording.builder().storeDirectory(store).adapter(provider).start()) {
      LspProxy proxy = LspProxy.builder(echoServer())
          .editorIn(new ByteArrayInputStream(editorSends))
          .editorOut(editorReceives)
          .serverErr(new ByteArrayOutputStream())
          .tap(provider.tap())
          .build();
      LspProxy.Result result = assertTimeoutPreemptively(LIMIT, proxy::run);
      assertThat(result.exitCode()).isZero();
      assertThat(recording.flush(Duration.ofSeconds(10))).isTrue();
      id = recording.sessionIdText();
    }
    assertThat(editorReceives.toByteArray()).isEqualTo(Files.readAllBytes(dir.resolve("server-wrote")));
    assertThat(provider.translationErrors()).isEqualTo(1);

    List<Action> recorded;
    try (SessionReader reader = SessionStore.open(store).reader(SessionId.parse(id))) {
      recorded = reader.readAll();
    }
    List<Action> semantic = recorded.stream()
        .filter(a -> a.hasFileEvent() || a.hasTextEdit() || a.hasInvoke() || a.hasNavigate()).toList();
    assertThat(semantic).hasSize(4);
    assertThat(semantic.get(0).getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_OPEN);
    assertThat(semantic.get(0).getFileEvent().getPath()).isEqualTo("/work/demo/notes.py");
    assertThat(semantic.get(0).getSource().getAdapterId()).isEqualTo(LspProxyAdapterProvider.NAME);
    // The text it was opened with: a whole-document replace, which typing never joins.
    assertThat(semantic.get(1).getTextEdit().hasRange()).isFalse();
    assertThat(semantic.get(1).getTextEdit().getText()).isEqualTo("\n");
    // Three one-character changes, joined by the runtime's keystroke coalescer into one insert.
    assertThat(semantic.get(2).getTextEdit().getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_INSERT);
    assertThat(semantic.get(2).getTextEdit().getText()).isEqualTo("abc");
    assertThat(semantic.get(2).getTextEdit().getRange().getStart().getCharacter()).isZero();
    assertThat(semantic.get(2).getTextEdit().getDocumentVersion()).isEqualTo(5);
    assertThat(semantic.get(2).getTextEdit().getLanguageId()).isEqualTo("python");
    assertThat(semantic.get(3).getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE);
    // The frame that was not JSON is in the session as a counted gap, not silently missing.
    assertThat(recorded).filteredOn(Action::hasGap).singleElement().satisfies(g -> {
      assertThat(g.getGap().getCount()).isEqualTo(1);
      assertThat(g.getGap().getDetail()).isEqualTo("an LSP frame (editor_to_server) was not JSON-RPC and was not recorded");
    });
  }

  private List<String> echoServer() {
    return new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        EchoLspServer.class.getName(),
        dir.resolve("server-wrote").toString()));
  }
}
