package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code understudy lsp-capture} and {@code understudy replay}: consent first, LSP on stdout, documents rebuilt. */
class LspCaptureCommandTest {
  private static final String URI = "file:///tmp/project/todo.md";

  @TempDir Path home;
  @TempDir Path outputs;

  private static byte[] frames(String... bodies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String body : bodies) {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{},\"clientInfo\":{\"name\":\"Neovim\"}}}";

  private static byte[] editorSession() {
    return frames(INITIALIZE,
        "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
            + "\",\"languageId\":\"markdown\",\"version\":0,\"text\":\"- milk\\n\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
            + "\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":0,\"character\":6},"
            + "\"end\":{\"line\":1,\"character\":0}},\"text\":\"\\n\\n\"}]}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
            + "\",\"version\":3},\"contentChanges\":[{\"range\":{\"start\":{\"line\":1,\"character\":0},"
            + "\"end\":{\"line\":1,\"character\":0}},\"text\":\"- eggs\"}]}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  }

  /** Parses a command line into the command object, so the test can give it an editor's streams. */
  private LspCaptureCommand parse(StringWriter err, String... args) {
    Understudy root = new Understudy(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), new Style(false));
    CommandLine.ParseResult parsed = new CommandLine(root).parseArgs(args);
    return (LspCaptureCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void withoutConsentTellsTheEditorWhyRecordsNothingAndExitsWithSix() {
    LspCaptureCommand command = parse(new StringWriter(), "lsp-capture", "--home", home.toString());
    ByteArrayOutputStream editor = new ByteArrayOutputStream();
    command.editorIn = new ByteArrayInputStream(frames(INITIALIZE));
    command.editorOut = editor;

    assertThatThrownBy(command::call).isInstanceOfSatisfying(CliException.class,
        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.NO_CONSENT));

    String sent = editor.toString(StandardCharsets.UTF_8);
    assertThat(sent).contains("window/showMessage", "understudy consent grant --adapter lsp-capture");
    assertThat(sent).contains("\"id\":1", "\"error\"", "\"retry\":false");
    assertThat(home.resolve("sessions")).doesNotExist();
  }

  @Test
  void recordsAnEditorAndReplayRebuildsTheSavedDocument() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "lsp-capture").exitCode()).isZero();
    StringWriter err = new StringWriter();
    LspCaptureCommand command = parse(err, "lsp-capture", "--home", home.toString(), "--idle-ms", "60000");
    ByteArrayOutputStream editor = new ByteArrayOutputStream();
    command.editorIn = new ByteArrayInputStream(editorSession());
    command.editorOut = editor;

    assertThat(command.call()).isZero();
    String sent = editor.toString(StandardCharsets.UTF_8);
    assertThat(sent).startsWith("Content-Length: ").contains("\"id\":1", "understudy-lsp-capture", "\"id\":2");
    assertThat(err.toString()).contains("lsp-capture session", "actions from 8 messages");

    List<String> sessions = new CliSessions(home).ids();
    assertThat(sessions).hasSize(1);
    Path out = outputs.resolve("replayed");
    CliRun replay = CliRun.run(home, "replay", sessions.get(0), "--out", out.toString());

    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("matched", URI, "tmp/project/todo.md", "1 matched what was saved, 0 differ");
    assertThat(Files.readString(out.resolve("tmp/project/todo.md"))).isEqualTo("- milk\n- eggs\n");

    CliRun again = CliRun.run(home, "replay", sessions.get(0), "--out", out.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("already exists", "never overwrites");
  }

  @Test
  void replayNamesWhatItSupportsForASessionItCannotReplay() throws Exception {
    String id = new CliSessions(home).record(Map.of());

    CliRun run = CliRun.run(home, "replay", id, "--out", outputs.resolve("x").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("recorded by adapter(s) hello", "replay supports editor sessions (lsp-capture, lsp-proxy)");
  }
}
