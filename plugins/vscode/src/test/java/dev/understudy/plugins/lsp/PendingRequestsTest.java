package dev.understudy.plugins.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
  private final PendingRequests requests = new PendingRequests();

  private void frame(Direction d, String json) {
    requests.onFrame(d, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsTheEditorsRequestsUntilTheServerAnswersThem() {
    frame(Direction.EDITOR_TO_SERVER, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument\\/hover\",\"params\":{\"id\":99}}");
    frame(Direction.EDITOR_TO_SERVER, "{\"id\":\"a\\\"b\",\"method\":\"textDocument/definition\"}");
    frame(Direction.EDITOR_TO_SERVER, "[{\"id\":3,\"method\":\"x\"},{\"method\":\"initialized\"}]");
    frame(Direction.SERVER_TO_EDITOR, "{\"id\":3,\"result\":null}");
    frame(Direction.SERVER_TO_EDITOR, "{\"id\":1,\"method\":\"workspace/configuration\"}"); // the server asks; not an answer
    frame(Direction.EDITOR_TO_SERVER, "not json");
    assertThat(requests.takeOpen()).extracting(PendingRequests.Request::idJson, PendingRequests.Request::method)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "textDocument/hover"),
            org.assertj.core.groups.Tuple.tuple("\"a\\\"b\"", "textDocument/definition"));
    assertThat(requests.takeOpen()).isEmpty();
    assertThat(requests.exitSent()).isFalse();
    frame(Direction.EDITOR_TO_SERVER, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    assertThat(requests.exitSent()).isTrue();
  }

  @Test
  void theErrorAnswerIsValidJsonRpcWithTheRequestsOwnId() throws Exception {
    byte[] body = PendingRequests.errorResponse(new PendingRequests.Request("\"a\\\"b\"", "m"), "server \"gone\"");
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    assertThat(json.path("id").asText()).isEqualTo("a\"b");
    assertThat(json.path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(json.path("error").path("message").asText()).isEqualTo("server \"gone\"");
  }
}
