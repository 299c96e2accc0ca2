package dev.understudy.plugins.lsp.nvim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.plugins.lsp.Direction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neovim 0.7's built-in LSP client edits a Python file through {@link ProxyMain} in front of pylsp. */
class NeovimProxyEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BEFORE = "def greet(name):\n    return \"hello \" + name\n";
  private static final String AFTER = BEFORE + "print(greet(\"world\"))\ntemporary = 1\n";

  @TempDir Path dir;

  private record Frame(Direction direction, JsonNode json) {
    String method() {
      return json.path("method").asText("");
    }
  }

  @Test
  void neovimEditsHoversAndSavesThroughTheProxyAndReceivesTheServersBytesUnchanged() throws Exception {
    NeovimHarness.requireTools();
    Path file = dir.resolve("greet.py");
    Files.writeString(file, BEFORE);

    NeovimHarness.Run run = new NeovimHarness(dir).run(String.join("\n",
        "vim.cmd('edit greet.py')",
        "local buf = vim.api.nvim_get_current_buf()",
        "if not vim.wait(10000, function() return vim.lsp.buf_is_attached(buf, CLIENT) end, 20) then",
        "  fail('greet.py was not attached') end",
        "step('Goprint(greet(\"world\"))')",
        "step('otemporary = 1')",
        "step('dd')",
        "step('u')",
        "local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',",
        "  {textDocument = {uri = vim.uri_from_bufnr(buf)}, position = {line = 2, character = 7}}, 20000)",
        "if not hover or not hover[CLIENT] or not hover[CLIENT].result then",
        "  fail('no hover result: ' .. vim.inspect(hover)) end",
        "vim.cmd('write')",
        // A request after the save: its response proves the server has read didSave.
        "vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol',",
        "  {textDocument = {uri = vim.uri_from_bufnr(buf)}}, 20000)"));

    String diagnostics = "nvim output:\n" + run.output() + "\nserver stderr:\n"
        + NeovimHarness.readIfExists(run.serverErr());
    assertThat(run.exitCode()).as(diagnostics).isZero();

    // (a) The editor received exactly the bytes the server wrote.
    byte[] serverBytes = Files.readAllBytes(run.serverBytes());
    byte[] editorBytes = Files.readAllBytes(run.editorBytes());
    assertThat(serverBytes).as(diagnostics).isNotEmpty();
    assertThat(editorBytes).isEqualTo(serverBytes);

    // (b) The LSP conversation the edits produced, with a response to the hover.
    List<Frame> frames = readFrames(run.frames());
    List<Frame> fromEditor = frames.stream().filter(f -> f.direction() == Direction.EDITOR_TO_SERVER).toList();
    List<String> methods = fromEditor.stream().map(Frame::method).toList();
    assertThat(methods).as(diagnostics)
        .contains("initialize", "initialized", "textDocument/didOpen", "textDocument/hover",
            "textDocument/didSave", "shutdown", "exit");
    assertThat(methods.stream().filter("textDocument/didChange"::equals).count()).isGreaterThanOrEqualTo(5);
    assertThat(methods.indexOf("textDocument/didOpen")).isLessThan(methods.indexOf("textDocument/didChange"));
    assertThat(methods.lastIndexOf("textDocument/didChange")).isLessThan(methods.indexOf("textDocument/hover"));
    assertThat(methods.indexOf("textDocument/hover")).isLessThan(methods.indexOf("textDocument/didSave"));
    JsonNode open = fromEditor.get(methods.indexOf("textDocument/didOpen")).json().path("params");
    assertThat(open.path("textDocument").path("text").asText()).isEqualTo(BEFORE);
    assertThat(open.path("textDocument").path("languageId").asText()).isEqualTo("python");

    JsonNode hoverId = fromEditor.get(methods.indexOf("textDocument/hover")).json().path("id");
    JsonNode hoverResponse = frames.stream()
        .filter(f -> f.direction() == Direction.SERVER_TO_EDITOR && f.json().path("id").equals(hoverId)
            && !f.json().has("method"))
        .map(Frame::json)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no response to hover " + hoverId));
    assertThat(hoverResponse.path("result").isObject()).as(hoverResponse.toString()).isTrue();
    assertThat(hoverResponse.path("result").path("contents").toString()).contains("greet");

    // (c) What the script typed is what was saved.
    assertThat(Files.readString(file)).isEqualTo(AFTER);
  }

  private static List<Frame> readFrames(Path log) throws IOException {
    byte[] bytes = Files.readAllBytes(log);
    List<Frame> frames = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      int eol = at;
      while (bytes[eol] != '\n') {
        eol++;
      }
      String[] header = new String(bytes, at, eol - at, StandardCharsets.US_ASCII).split(" ");
      int length = Integer.parseInt(header[1]);
      byte[] body = Arrays.copyOfRange(bytes, eol + 1, eol + 1 + length);
      frames.add(new Frame(Direction.valueOf(header[0]), JSON.readTree(body)));
      at = eol + 1 + length + 1;
    }
    return frames;
  }
}
