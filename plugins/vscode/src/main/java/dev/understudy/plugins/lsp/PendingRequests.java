package dev.understudy.plugins.lsp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editor's requests the server has not answered yet, so that when the server dies the proxy can
 * answer each with a JSON-RPC error instead of leaving the editor waiting. Reads only the top-level
 * {@code id} and {@code method} of each frame (its {@link JsonRpcHead}); a frame that is not JSON is ignored. Remembers at most
 * {@value #MAX_OPEN} requests (the oldest are forgotten first) and whether the editor sent {@code exit}.
 *
 * <p>Thread-safe: fed from both pipes' tap threads.
 */
final class PendingRequests {
  /** Most unanswered requests remembered: 4096. */
  static final int MAX_OPEN = 4096;
  /** JSON-RPC's "internal error", the code of the answers given for a dead server. */
  static final int INTERNAL_ERROR = -32603;

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** An unanswered request: its id as JSON text and its method. */
  record Request(String idJson, String method) {}

  private final Map<String, String> open = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_OPEN;
    }
  };
  private volatile boolean exitSent;

  /** Sees one frame body; never throws. */
  void onFrame(Direction direction, byte[] body) {
    onFrame(direction, body, 0, body.length, JsonRpcHead.scan(body, 0, body.length));
  }

  /**
   * Sees the body in {@code frame[offset, offset + length)}, whose {@link JsonRpcHead} is {@code head}
   * (null: not one plain JSON-RPC object, so the body is read here, a batch perhaps); never throws.
   */
  void onFrame(Direction direction, byte[] frame, int offset, int length, JsonRpcHead head) {
    if (head != null) {
      String id = head.idJson();
      if (id != null && id.indexOf('\\') >= 0) { // one spelling per id, as the parser below writes it
        id = canonical(head.id());
      }
      update(direction, id, head.method());
      return;
    }
    try (JsonParser p = JSON.createParser(frame, offset, length)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          message(direction, p);
        }
      } else if (first == JsonToken.START_OBJECT) {
        message(direction, p);
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON: the translator counts it; nothing to track.
    }
  }

  /** Reads one object (the parser is on its START_OBJECT) and updates what is open. */
  private void message(Direction direction, JsonParser p) throws IOException {
    String id = null;
    String method = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("id") && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING)) {
        id = value == JsonToken.VALUE_STRING ? canonical(p.getText()) : p.getText();
      } else if (field.equals("method") && value == JsonToken.VALUE_STRING) {
        method = p.getText();
      } else {
        p.skipChildren();
      }
    }
    update(direction, id, method);
  }

  /** A string id as JSON text, escaped as Jackson escapes it. */
  private static String canonical(String id) {
    try {
      return MAPPER.writeValueAsString(id);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string is always writable", e);
    }
  }

  private synchronized void update(Direction direction, String id, String method) {
    if (direction == Direction.EDITOR_TO_SERVER && method != null) {
      if (id != null) {
        open.put(id, method);
      } else if (method.equals("exit")) {
        exitSent = true;
      }
    } else if (direction == Direction.SERVER_TO_EDITOR && method == null && id != null) {
      open.remove(id);
    }
  }

  /** Whether the editor ended the session itself ({@code exit} notification). */
  boolean exitSent() {
    return exitSent;
  }

  /** Takes the requests still unanswered, oldest first. */
  synchronized List<Request> takeOpen() {
    List<Request> out = new ArrayList<>();
    open.forEach((id, method) -> out.add(new Request(id, method)));
    open.clear();
    return out;
  }

  /** The body of a JSON-RPC error response to {@code request} saying {@code why}. */
  static byte[] errorResponse(Request request, String why) {
    ObjectNode error = MAPPER.createObjectNode().put("code", INTERNAL_ERROR).put("message", why);
    String body = "{\"jsonrpc\":\"2.0\",\"id\":" + request.idJson() + ",\"error\":" + error + "}";
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
