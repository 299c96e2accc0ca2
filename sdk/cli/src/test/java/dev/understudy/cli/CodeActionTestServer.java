package dev.understudy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.understudy.plugins.lsp.LspFrame;
import dev.understudy.plugins.lsp.LspFrameReader;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A tiny language server for the one thing pylsp 1.7 does not offer without extra plugins: code
 * actions. Offers two for any range: "Add a module docstring" (an edit) and "Add a header comment" (a
 * command, which it carries out by asking the editor to apply an edit, {@code workspace/applyEdit}). Answers
 * document symbols with nothing, so a test can use that request to wait for what it sent before.
 * Run as its own process by the editor end-to-end test.
 */
public final class CodeActionTestServer {
  static final String DOCSTRING = "\"\"\"Greetings.\"\"\"\n";
  static final String HEADER = "# Generated header\n";
  static final String COMMAND = "tiny.addHeader";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
  private int nextId = 1;

  private CodeActionTestServer() {}

  public static void main(String[] args) throws IOException {
    new CodeActionTestServer().serve();
  }

  private void serve() throws IOException {
    LspFrameReader reader = new LspFrameReader(System.in);
    LspFrame frame;
    JsonNode pendingCommand = null; // the executeCommand request waiting for the editor to apply our edit
    while ((frame = reader.next()) != null) {
      JsonNode m = JSON.readTree(frame.body());
      String method = m.path("method").asText("");
      JsonNode id = m.get("id");
      switch (method) {
        case "initialize" -> reply(id, JSON.readTree("{\"capabilities\":{\"textDocumentSync\":2,\"codeActionProvider\":true,\"documentSymbolProvider\":true,"
            + "\"executeCommandProvider\":{\"commands\":[\"" + COMMAND + "\"]}}}"));
        case "textDocument/codeAction" -> reply(id, codeActions(m.path("params").path("textDocument").path("uri").asText()));
        case "workspace/executeCommand" -> {
          pendingCommand = id;
          ObjectNode params = JSON.createObjectNode();
          params.set("edit", edit(m.path("params").path("arguments").path(0).asText(), HEADER));
          send(JSON.createObjectNode().put("jsonrpc", "2.0").put("id", nextId++).put("method", "workspace/applyEdit")
              .set("params", params));
        }
        case "shutdown" -> reply(id, null);
        case "exit" -> System.exit(0);
        case "" -> {
          if (pendingCommand != null) { // the editor applied our edit: the command is done
            reply(pendingCommand, null);
            pendingCommand = null;
          }
        }
        default -> {
          if (id != null) {
            reply(id, null);
          }
        }
      }
    }
  }

  private static ArrayNode codeActions(String uri) {
    ArrayNode actions = JSON.createArrayNode();
    ObjectNode docstring = actions.addObject().put("title", "Add a module docstring").put("kind", "quickfix");
    docstring.set("edit", edit(uri, DOCSTRING));
    ObjectNode header = actions.addObject().put("title", "Add a header comment").put("kind", "source");
    ObjectNode command = header.putObject("command").put("title", "Add a header comment").put("command", COMMAND);
    command.putArray("arguments").add(uri);
    return actions;
  }

  /** A WorkspaceEdit inserting {@code text} at the start of the document. */
  private static ObjectNode edit(String uri, String text) {
    ObjectNode edit = JSON.createObjectNode();
    ObjectNode change = edit.putObject("changes").putArray(uri).addObject();
    ObjectNode range = change.putObject("range");
    range.putObject("start").put("line", 0).put("character", 0);
    range.putObject("end").put("line", 0).put("character", 0);
    change.put("newText", text);
    return edit;
  }

  private void reply(JsonNode id, JsonNode result) throws IOException {
    ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0");
    r.set("id", id);
    r.set("result", result);
    send(r);
  }

  private void send(ObjectNode message) throws IOException {
    byte[] body = JSON.writeValueAsBytes(message);
    out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }
}
