package dev.understudy.plugins.lsp;

import static dev.understudy.plugins.lsp.Frames.concat;
import static dev.understudy.plugins.lsp.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LspProxyTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private List<String> echoServer(String... options) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        EchoLspServer.class.getName(),
        dir.resolve("server-wrote").toString()));
    cmd.addAll(List.of(options));
    return cmd;
  }

  /** An editor input that stays open, giving nothing, until {@code closed} is counted down. */
  private static InputStream openUntil(CountDownLatch closed) {
    return new InputStream() {
      @Override
      public int read() {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return -1;
      }
    };
  }

  private byte[] serverWrote() throws Exception {
    Path p = dir.resolve("server-wrote");
    return Files.exists(p) ? Files.readAllBytes(p) : new byte[0];
  }

  @Test
  void theEditorReceivesExactlyTheBytesTheServerWrote() throws Exception {
    byte[] editorSends = concat(
        frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"),
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"t\":\"世界\"}}"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}"));
    ByteArrayOutputStream editorReceives = new ByteArrayOutputStream();
    ByteArrayOutputStream serverErr = new ByteArrayOutputStream();
    List<Direction> tapped = new CopyOnWriteArrayList<>();
    LspProxy proxy = LspProxy.builder(echoServer())
        .editorIn(new ByteArrayInputStream(editorSends))
        .editorOut(editorReceives)
        .serverErr(serverErr)
        .tap((d, body) -> tapped.add(d))
        .build();

    LspProxy.Result result = assertTimeoutPreemptively(LIMIT, proxy::run);

    assertThat(result.exitCode()).isZero();
    assertThat(editorReceives.toByteArray()).isEqualTo(serverWrote()).isNotEmpty();
    assertThat(result.serverToEditorFrames()).isEqualTo(3);
    assertThat(result.editorToServerFrames()).isEqualTo(4);
    assertThat(result.serverToEditor().end()).isEqualTo(TransparentPipe.End.INPUT_CLOSED);
    assertThat(result.editorToServer()).hasValueSatisfying(
        r -> assertThat(r.end()).isEqualTo(TransparentPipe.End.INPUT_CLOSED));
    assertThat(tapped).filteredOn(d -> d == Direction.EDITOR_TO_SERVER).hasSize(4);
    assertThat(tapped).filteredOn(d -> d == Direction.SERVER_TO_EDITOR).hasSize(3);
    assertThat(serverErr.toString(StandardCharsets.UTF_8)).contains("echo server ready");
  }

  @Test
  void theTapSeesBothDirectionsOnOneThreadInTheOrderTheyCrossed() throws Exception {
    int n = 200;
    byte[][] requests = new byte[n][];
    for (int i = 0; i < n; i++) {
      requests[i] = frame("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"textDocument/hover\"}");
    }
    List<String> tapped = new CopyOnWriteArrayList<>();
    java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    LspProxy proxy = LspProxy.builder(echoServer())
        .editorIn(new ByteArrayInputStream(concat(requests)))
        .editorOut(new ByteArrayOutputStream())
        .serverErr(new ByteArrayOutputStream())
        .tap((d, body) -> {
          threads.add(Thread.currentThread().getName());
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(new String(body, StandardCharsets.UTF_8));
          tapped.add((m.find() ? m.group(1) : "?") + (d == Direction.EDITOR_TO_SERVER ? " asked" : " answered"));
        })
        .build();

    assertTimeoutPreemptively(LIMIT, proxy::run);

    assertThat(threads).hasSize(1);
    assertThat(tapped).hasSize(2 * n);
    for (int i = 0; i < n; i++) {
      assertThat(tapped.indexOf(i + " asked")).as("request %d before its answer", i).isLessThan(tapped.indexOf(i + " answered"));
    }
  }

  @Test
  void aServerThatDiesMidSessionLeavesNoRequestUnansweredAndSaysSo() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    // The editor keeps its side open: after two requests its input blocks as a real editor's would.
    InputStream editorIn = new SequenceInputStream(new ByteArrayInputStream(concat(
        frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\"}"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"method\":\"textDocument/definition\"}"))), openUntil(never));
    ByteArrayOutputStream editorReceives = new ByteArrayOutputStream();
    List<String> tapped = new CopyOnWriteArrayList<>();
    LspProxy proxy = LspProxy.builder(echoServer("exit-after=1", "exit-code=3"))
        .editorIn(editorIn)
        .editorOut(editorReceives)
        .serverErr(new ByteArrayOutputStream())
        .tap((d, body) -> tapped.add(d + " " + new String(body, StandardCharsets.UTF_8)))
        .build();

    try {
      LspProxy.Result result = assertTimeoutPreemptively(LIMIT, proxy::run);

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.serverToEditorFrames()).isEqualTo(1);
      assertThat(result.answeredWithErrors()).isEqualTo(1);
      assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p)
          .contains("exited with code 3 before the editor ended the session", "1 request(s) it left unanswered"));
      // The server's bytes unchanged, then the proxy's answer to the request it left open.
      byte[] serverBytes = serverWrote();
      byte[] received = editorReceives.toByteArray();
      assertThat(java.util.Arrays.copyOf(received, serverBytes.length)).isEqualTo(serverBytes);
      String answer = new String(received, serverBytes.length, received.length - serverBytes.length, StandardCharsets.UTF_8);
      assertThat(answer).startsWith("Content-Length: ").contains("\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"error\":{\"code\":-32603,"
          + "\"message\":\"understudy lsp-proxy: the language server exited (code 3) before answering textDocument/definition\"}}");
      assertThat(tapped).last().asString().startsWith("SERVER_TO_EDITOR {\"jsonrpc\":\"2.0\",\"id\":\"two\",\"error\"");
    } finally {
      never.countDown();
    }
  }

  @Test
  void anEditorThatEndsTheSessionGetsNoInventedAnswers() throws Exception {
    byte[] editorSends = concat(
        frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}"),
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"));
    ByteArrayOutputStream editorReceives = new ByteArrayOutputStream();
    LspProxy.Result result = assertTimeoutPreemptively(LIMIT, LspProxy.builder(echoServer())
        .editorIn(new ByteArrayInputStream(editorSends)).editorOut(editorReceives).serverErr(new ByteArrayOutputStream())
        .build()::run);
    assertThat(result.editorSentExit()).isTrue();
    assertThat(result.answeredWithErrors()).isZero();
    assertThat(result.problem()).isEmpty();
    assertThat(editorReceives.toByteArray()).isEqualTo(serverWrote());
  }

  @Test
  void malformedContentLengthFromTheEditorStopsForwardingAndShutsTheServerDown() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    InputStream editorIn = new SequenceInputStream(new ByteArrayInputStream(concat(
        frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}"),
        Frames.ascii("Content-Length: twelve\r\n\r\n{\"id\":2}"))), openUntil(never));
    ByteArrayOutputStream editorReceives = new ByteArrayOutputStream();
    try {
      LspProxy.Result result = assertTimeoutPreemptively(LIMIT, LspProxy.builder(echoServer())
          .editorIn(editorIn).editorOut(editorReceives).serverErr(new ByteArrayOutputStream()).build()::run);
      assertThat(result.editorToServer()).hasValueSatisfying(r -> {
        assertThat(r.end()).isEqualTo(TransparentPipe.End.MALFORMED_INPUT);
        assertThat(((LspFrameException) r.error()).reason()).isEqualTo(LspFrameException.Reason.MALFORMED_CONTENT_LENGTH);
      });
      assertThat(result.editorToServerFrames()).isEqualTo(1);
      assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p)
          .startsWith("the editor sent malformed LSP framing (MALFORMED_CONTENT_LENGTH: Content-Length is not a number: 'twelve')"));
      assertThat(editorReceives.toByteArray()).isEqualTo(serverWrote()); // the answer to the good frame, unchanged
    } finally {
      never.countDown();
    }
  }

  @Test
  void aTruncatedFrameFromTheEditorIsReportedAsSuch() throws Exception {
    byte[] editorSends = concat(frame("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}"),
        Frames.ascii("Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\""));
    LspProxy.Result result = assertTimeoutPreemptively(LIMIT, LspProxy.builder(echoServer())
        .editorIn(new ByteArrayInputStream(editorSends)).editorOut(new ByteArrayOutputStream())
        .serverErr(new ByteArrayOutputStream()).build()::run);
    assertThat(result.editorToServer()).hasValueSatisfying(r ->
        assertThat(((LspFrameException) r.error()).reason()).isEqualTo(LspFrameException.Reason.TRUNCATED_BODY));
    assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("TRUNCATED_BODY: stream ended after 16 of 100 body bytes"));
  }

  @Test
  void aTruncatedFrameFromTheServerStopsItAndTheEditorsRequestIsAnswered() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    InputStream editorIn = new SequenceInputStream(new ByteArrayInputStream(
        frame("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\"}")), openUntil(never));
    ByteArrayOutputStream editorReceives = new ByteArrayOutputStream();
    try {
      LspProxy.Result result = assertTimeoutPreemptively(LIMIT, LspProxy.builder(echoServer("truncate"))
          .editorIn(editorIn).editorOut(editorReceives).serverErr(new ByteArrayOutputStream()).build()::run);
      assertThat(result.serverToEditor().end()).isEqualTo(TransparentPipe.End.MALFORMED_INPUT);
      assertThat(((LspFrameException) result.serverToEditor().error()).reason()).isEqualTo(LspFrameException.Reason.TRUNCATED_BODY);
      assertThat(result.answeredWithErrors()).isEqualTo(1);
      assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("the language server sent malformed LSP framing"));
      assertThat(editorReceives.toString(StandardCharsets.UTF_8))
          .contains("\"id\":7,\"error\":{\"code\":-32603,\"message\":\"understudy lsp-proxy: the language server sent malformed output");
    } finally {
      never.countDown();
    }
  }

  @Test
  void malformedServerOutputStopsTheServerAndIsReported() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    InputStream editorIn = openUntil(never);
    ByteArrayOutputStream editorReceives = new ByteArrayOutputStream();
    LspProxy proxy = LspProxy.builder(echoServer("garbage"))
        .editorIn(editorIn)
        .editorOut(editorReceives)
        .serverErr(new ByteArrayOutputStream())
        .shutdownTimeout(Duration.ofSeconds(5))
        .build();

    try {
      LspProxy.Result result = assertTimeoutPreemptively(LIMIT, proxy::run);

      assertThat(result.serverToEditor().end()).isEqualTo(TransparentPipe.End.MALFORMED_INPUT);
      assertThat(result.serverToEditor().error()).isInstanceOfSatisfying(LspFrameException.class,
          e -> assertThat(e.reason()).isEqualTo(LspFrameException.Reason.MALFORMED_CONTENT_LENGTH));
      assertThat(result.exitCode()).isNotZero();
      assertThat(editorReceives.size()).isZero();
    } finally {
      never.countDown();
    }
  }

  @Test
  void failsFastOnAnEmptyCommand() {
    assertThatThrownBy(() -> LspProxy.builder(List.of())).hasMessageContaining("command");
    assertThatThrownBy(() -> LspProxy.builder(List.of("x")).shutdownTimeout(Duration.ZERO))
        .hasMessageContaining("shutdownTimeout");
  }
}
