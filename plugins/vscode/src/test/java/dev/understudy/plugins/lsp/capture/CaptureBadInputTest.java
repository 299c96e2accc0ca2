package dev.understudy.plugins.lsp.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.plugins.lsp.LspFrame;
import dev.understudy.plugins.lsp.LspFrameReader;
import dev.understudy.proto.v1.Action;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes that are not good LSP: each gets a proper error where one is due, is counted, and the session goes on. */
class CaptureBadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URI = "file:///w/notes.md";

  private static byte[] frame(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return concat(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), b);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static List<JsonNode> responses(byte[] written) throws IOException {
    LspFrameReader reader = new LspFrameReader(new ByteArrayInputStream(written));
    List<JsonNode> out = new ArrayList<>();
    for (LspFrame f = reader.next(); f != null; f = reader.next()) {
      out.add(JSON.readTree(f.body()));
    }
    return out;
  }

  private static JsonNode byId(List<JsonNode> responses, int id) {
    return responses.stream().filter(r -> r.path("id").asInt(-1) == id).findFirst()
        .orElseThrow(() -> new AssertionError("no response with id " + id + " in " + responses));
  }

  @Test
  void answersMalformedMessagesWithLspErrorsCountsThemAndKeepsRecording() throws Exception {
    byte[] input = concat(
        frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}"),
        frame("{not json at all"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":"),
        "Content-Type: application/vscode-jsonrpc\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        frame("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"foo/bar\",\"params\":{}}"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\""
            + URI + "\"},\"position\":{\"line\":0,\"character\":0}}}"),
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
            + "\",\"languageId\":\"markdown\",\"version\":1,\"text\":\"# Notes\\n\"}}}"),
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
            + "\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":1,\"character\":0},"
            + "\"end\":{\"line\":1,\"character\":0}},\"text\":\"- milk\"}]}}"),
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///w/never-opened\","
            + "\"version\":2},\"contentChanges\":[{\"text\":\"x\"}]}}"),
        frame("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"shutdown\"}"),
        // The editor dies in the middle of a frame: the edit typed before it is still recorded.
        "Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"meth".getBytes(StandardCharsets.US_ASCII));
    List<Action> actions = new ArrayList<>();
    ByteArrayOutputStream written = new ByteArrayOutputStream();

    CaptureServer server = CaptureServer.builder(actions::add).build();
    CaptureServer.Result result = server.run(new ByteArrayInputStream(input), written);

    List<JsonNode> responses = responses(written.toByteArray());
    assertThat(byId(responses, 1).path("result").path("capabilities").isObject()).isTrue();
    List<JsonNode> parseErrors = responses.stream().filter(r -> r.path("id").isNull()).toList();
    assertThat(parseErrors).as(responses.toString()).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(r -> assertThat(r.path("error").path("code").asInt()).isEqualTo(-32700));
    assertThat(byId(responses, 3).path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(byId(responses, 4).path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(byId(responses, 5).path("error").path("code").asInt()).as("not an internal error").isEqualTo(-32601);
    assertThat(byId(responses, 6).has("result")).isTrue();

    assertThat(actions).extracting(a -> a.getKindCase().name()).containsExactly("FILE_EVENT", "TEXT_EDIT", "TEXT_EDIT");
    assertThat(actions.get(2).getTextEdit().getText()).isEqualTo("- milk");
    assertThat(result.exitReceived()).isFalse();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stats().malformed()).isGreaterThanOrEqualTo(4);
    assertThat(result.stats().unknownMethods()).isEqualTo(2);
    assertThat(result.stats().unknownDocuments()).isEqualTo(1);
    assertThat(result.stats().messages()).isGreaterThanOrEqualTo(6);
  }
}
