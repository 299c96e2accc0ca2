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

  private List<Action> onlySession() throws Exception {
    SessionStore store = SessionStore.open(Home.resolve(home, Map.of()).sessions());
    List<SessionSummary> sessions = store.list();
    assertThat(sessions).hasSize(1);
    try (SessionReader reader = store.reader(sessions.get(0).id())) {
      return reader.readAll();
    }
  }

  /** How one in-process run of the command went: exit code, its messages, what the editor received. */
  private record Proxied(int code, String err, byte[] received) {}

  /**
   * Runs {@code lsp-proxy -- server...} in process with an editor that sends {@code sent} and then keeps
   * its side open (a real pipe) until the command returns, as an editor waiting for answers does.
   */
  private Proxied proxy(byte[] sent, String... server) throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "lsp-proxy").exitCode()).isZero();
    StringWriter err = new StringWriter();
    List<String> args = new java.util.ArrayList<>(List.of("lsp-proxy", "--home", home.toString(), "--"));
    args.addAll(List.of(server));
    LspProxyCommand command = parse(err, args.toArray(String[]::new));
    java.nio.channels.Pipe editor = java.nio.channels.Pipe.open();
    editor.sink().write(java.nio.ByteBuffer.wrap(sent));
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    command.editorIn = java.nio.channels.Channels.newInputStream(editor.source());
    command.editorOut = received;
    command.serverErr = new ByteArrayOutputStream();
    try {
      int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), command::call);
      return new Proxied(code, err.toString(), received.toByteArray());
    } finally {
      editor.sink().close();
    }
  }

  @Test
  void aServerThatDiesMidSessionIsReportedItsRequestAnsweredAndTheSessionKeepsWhatWasCaptured() throws Exception {
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    sent.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"\"}}}"));
    sent.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\"},\"position\":{\"line\":0,\"character\":0}}}"));
    // A server that reads both frames, then dies without a word.
    Proxied run = proxy(sent.toByteArray(), "sh", "-c", "head -c " + sent.size() + " >/dev/null; exit 3");

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("understudy: lsp-proxy: the language server exited with code 3 before the editor ended"
        + " the session; 1 request(s) it left unanswered were answered with errors");
    assertThat(new String(run.received(), StandardCharsets.UTF_8)).contains("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32603,");
    List<Action> recorded = onlySession();
    assertThat(recorded.get(recorded.size() - 1).hasSessionEnd()).as("closed cleanly").isTrue();
    assertThat(recorded).filteredOn(Action::hasFileEvent).singleElement()
        .satisfies(a -> assertThat(a.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_OPEN));
    assertThat(recorded).filteredOn(Action::hasInvoke).singleElement().satisfies(a -> {
      assertThat(a.getInvoke().getCommand()).isEqualTo("textDocument/hover");
      assertThat(a.getAttributesList()).anySatisfy(x -> assertThat(x.getValue()).isEqualTo("error"));
    });
  }

  @Test
  void badInputIsForwardedWhereItCanBeAndEachIsACountedErrorAndAGapInTheSession() throws Exception {
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    sent.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"languageId\":\"python\",\"version\":0,\"text\":\"\"}}}"));
    sent.writeBytes(frame("{\"jsonrpc\": not json"));
    sent.writeBytes("Content-Length: 12x\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
    Proxied run = proxy(sent.toByteArray(), "cat");

    assertThat(run.code()).isZero(); // 'cat' ended normally once its input was closed
    assertThat(run.err()).contains(
        "understudy: lsp-proxy: the editor sent malformed LSP framing (MALFORMED_CONTENT_LENGTH: Content-Length is not a number: '12x')",
        "2 frame(s) were not JSON-RPC; they were forwarded unchanged and are counted in the session as a gap");
    // The two frames before the bad header went through unchanged ('cat' sends them back).
    byte[] good = java.util.Arrays.copyOf(sent.toByteArray(), sent.size() - "Content-Length: 12x\r\n\r\n{}".length());
    assertThat(run.received()).isEqualTo(good);
    List<Action> recorded = onlySession();
    assertThat(recorded.get(recorded.size() - 1).hasSessionEnd()).isTrue();
    assertThat(recorded).filteredOn(Action::hasFileEvent).hasSize(1);
    // The frame that was not JSON (sent by the editor, and back by 'cat') and the bad framing: three losses,
    // in one gap or more (the runtime joins losses of one reason that arrive together).
    List<Action> gaps = recorded.stream().filter(Action::hasGap).toList();
    assertThat(gaps.stream().mapToLong(a -> a.getGap().getCount()).sum()).isEqualTo(3);
    assertThat(gaps).extracting(a -> a.getGap().getDetail()).isSubsetOf(
        "an LSP frame (editor_to_server) was not JSON-RPC and was not recorded",
        "an LSP frame (server_to_editor) was not JSON-RPC and was not recorded",
        "the editor sent malformed LSP framing; nothing after it was forwarded or recorded");
  }

  @Test
  void aServerThatCannotStartIsAClearError() {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "lsp-proxy").exitCode()).isZero();
    CliRun run = CliRun.run(home, "lsp-proxy", "--", home.resolve("no-such-server").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).contains("cannot start language server");
  }
}
