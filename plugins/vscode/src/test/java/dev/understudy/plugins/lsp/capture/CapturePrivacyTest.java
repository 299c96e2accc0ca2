package dev.understudy.plugins.lsp.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.Recording;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.lsp.replay.EditorReplay;
import dev.understudy.proto.v1.Action;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through a real recording: files the policy denies are not captured, secrets typed into a file never reach disk. */
class CapturePrivacyTest {
  private static final String SECRET = "sk-proj-Q7vX2mL9pR4tW8zK3nB6yH1cF5gJ0dS";

  @TempDir Path dir;

  private static void frame(ByteArrayOutputStream out, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(b);
  }

  private static String open(String uri, String text) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
        + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"" + text + "\"}}}";
  }

  private static String insert(String uri, int version, int line, int character, String text) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
        + "\",\"version\":" + version + "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":" + line + ",\"character\":"
        + character + "},\"end\":{\"line\":" + line + ",\"character\":" + character + "}},\"text\":\"" + text + "\"}]}}";
  }

  private static String save(String uri) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":{\"textDocument\":{\"uri\":\"" + uri + "\"}}}";
  }

  @Test
  void deniedFilesAreNotCapturedAndTypedSecretsAreRedactedBeforeStorage() throws Exception {
    String env = "file:///w/app/.env";
    String settings = "file:///w/app/settings.py";
    ByteArrayOutputStream editor = new ByteArrayOutputStream();
    frame(editor, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    frame(editor, open(env, "DEBUG=1\\n"));
    frame(editor, insert(env, 1, 1, 0, "OPENAI_KEY=" + SECRET));
    frame(editor, save(env));
    frame(editor, open(settings, "x = 1\\n"));
    String typed = "api_key = \\\"" + SECRET + "\\\"";
    int character = 0;
    int version = 1;
    for (String c : typed.replace("\\\"", "\"").split("")) {
      frame(editor, insert(settings, version++, 1, character++, c.equals("\"") ? "\\\"" : c));
    }
    frame(editor, save(settings));
    frame(editor, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
    frame(editor, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");

    LspCaptureAdapterProvider provider = new LspCaptureAdapterProvider();
    Path store = dir.resolve("sessions");
    Recording recording = Recording.builder().storeDirectory(store).adapter(provider).start();
    try {
      provider.serve(new ByteArrayInputStream(editor.toByteArray()), OutputStream.nullOutputStream());
    } finally {
      recording.close();
    }

    SessionStore sessions = SessionStore.open(store);
    List<Action> actions;
    try (SessionReader reader = sessions.reader(sessions.list().get(0).id())) {
      actions = reader.readAll();
    }
    assertThat(actions).noneSatisfy(a -> assertThat(a.toString()).contains(".env"));
    Action typedEdit = actions.stream().filter(a -> a.hasTextEdit() && a.getTextEdit().getText().startsWith("api_key"))
        .findFirst().orElseThrow(() -> new AssertionError("the typing was not recorded: " + actions));
    assertThat(typedEdit.getTextEdit().getText()).doesNotContain(SECRET);
    assertThat(typedEdit.getRedactionsList()).isNotEmpty();
    assertThat(storeBytes(store)).doesNotContain(SECRET.substring(8));

    assertThat(EditorReplay.replay(actions)).singleElement().satisfies(d -> {
      assertThat(d.uri()).isEqualTo(settings);
      assertThat(d.outcome()).isEqualTo(EditorReplay.Outcome.MISMATCHED);
      assertThat(d.detail()).contains("redacted");
    });
  }

  private static String storeBytes(Path store) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(store)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
