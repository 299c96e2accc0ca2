package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.FileOperation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code understudy lsp-proxy}: consent first, then bytes through unchanged and actions into the store. */
class LspProxyCommandTest {
  private static final String URI = "file:///tmp/project/app.py";

  @TempDir Path home;

  private static byte[] frame(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    byte[] h = ("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + b.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(b, 0, out, h.length, b.length);
    return out;
  }

  private static byte[] editorSession() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument\\/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"\"}}}"));
    out.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument\\/didSave\",\"params\":{\"textDocument\":{\"uri\":\"" + URI + "\"}}}"));
    return out.toByteArray();
  }

  /** Parses a command line into the command object, so the test can give it an editor's streams. */
  private LspProxyCommand parse(StringWriter err, String... args) {
    Understudy root = new Understudy(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), new Style(false));
    CommandLine.ParseResult parsed = new CommandLine(root).parseArgs(args);
    return (LspProxyCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void refusesWithoutConsentAndStartsNothing() {
    CliRun run = CliRun.run(home, "lsp-proxy", "--", "cat");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_CONSENT);
    assertThat(run.err()).contains("adapter 'lsp-proxy' has no consent", "understudy consent grant --adapter lsp-proxy");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void forwardsTheEditorsBytesAndRecordsTheSession() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "lsp-proxy").exitCode()).isZero();
    StringWriter err = new StringWriter();
    // 'cat' is a server that answers every frame with the same bytes: the editor must get them unchanged.
    LspProxyCommand command = parse(err, "lsp-proxy", "--home", home.toString(), "--", "cat");
    byte[] sent = editorSession();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    command.editorIn = new ByteArrayInputStream(sent);
    command.editorOut = received;
    command.serverErr = new ByteArrayOutputStream();

    int code = command.call();

    assertThat(code).isZero();
    assertThat(received.toByteArray()).isEqualTo(sent);
    assertThat(err.toString()).contains("lsp-proxy session", "server exit code 0");
    SessionStore store = SessionStore.open(Home.resolve(home, Map.of()).sessions());
    List<SessionSummary> sessions = store.list();
    assertThat(sessions).hasSize(1);
    List<Action> recorded;
    try (SessionReader reader = store.reader(sessions.get(0).id())) {
      recorded = reader.readAll();
    }
    assertThat(recorded).filteredOn(Action::hasFileEvent).extracting(a -> a.getFileEvent().getOperation())
        .containsExactly(FileOperation.FILE_OPERATION_OPEN, FileOperation.FILE_OPERATION_SAVE);
  }

  @Test
  void aServerThatCannotStartIsAClearError() {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "lsp-proxy").exitCode()).isZero();
    CliRun run = CliRun.run(home, "lsp-proxy", "--", home.resolve("no-such-server").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).contains("cannot start language server");
  }
}
