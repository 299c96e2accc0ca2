package dev.understudy.plugins.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonRpcHeadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonRpcHead scan(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return JsonRpcHead.scan(b, 0, b.length);
  }

  @Test
  void readsIdAndMethodWhereverTheyStand() {
    JsonRpcHead request = scan("{\"params\":{\"id\":9,\"method\":\"no\",\"t\":[1,-2.5e+3,true,false,null,\"\\\"}\"]},"
        + "\"method\":\"textDocument\\/hover\", \"id\" : 12 ,\"jsonrpc\":\"2.0\"}");
    assertThat(request.id()).isEqualTo("12");
    assertThat(request.idJson()).isEqualTo("12");
    assertThat(request.method()).isEqualTo("textDocument/hover");

    JsonRpcHead failed = scan("{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\\u00e9\",\"error\":{\"code\":-32603,\"message\":\"x\"}}");
    assertThat(failed.id()).isEqualTo("a\"b\u00e9");
    assertThat(failed.idJson()).isEqualTo("\"a\\\"b\\u00e9\"");
    assertThat(failed.method()).isNull();

    JsonRpcHead notification = scan(" {\"method\":\"exit\"} \r\n");
    assertThat(notification.id()).isNull();
    assertThat(notification.method()).isEqualTo("exit");
  }

  @Test
  void stopsReadingOnceTheKindIsSettled() {
    // What follows a request's id and method, or a response's id and result, is neither read nor checked.
    assertThat(scan("{\"id\":1,\"method\":\"bench/echo\",\"params\":[1,,,").method()).isEqualTo("bench/echo");
    assertThat(scan("{\"id\":\"r\",\"result\":{\"text\":\"x").id()).isEqualTo("r");
    assertThat(scan("{\"id\":2,\"error\":{\"code\"").id()).isEqualTo("2");
    // Before that it is.
    assertThat(scan("{\"result\":[1,,],\"id\":1}")).isNull();
    assertThat(scan("{\"method\":\"m\",\"params\":{\"a\" 1},\"id\":1}")).isNull();
  }

  @Test
  void readsABodyInsideALargerArray() {
    byte[] frame = "Content-Length: 8\r\n\r\n{\"id\":7}".getBytes(StandardCharsets.US_ASCII);
    assertThat(JsonRpcHead.scan(frame, 21, 8).id()).isEqualTo("7");
  }

  @Test
  void leavesWhatItDoesNotReadPlainlyToTheFullParser() {
    for (String body : List.of("", "[{\"id\":1}]", "not json", "{\"id\":1", "{\"id\":1}x", "{\"id\":1.5}", "{\"id\":-0}",
        "{\"id\":01}", "{\"id\":null}", "{\"id\":1,\"id\":2}", "{\"method\":5}", "{\"method\":\"a\",\"method\":\"b\"}",
        "{\"p\":[1,]}", "{\"p\":{\"a\"}}", "{\"p\":tru}", "{\"p\":\"\\x\"}", "{\"p\":\"a\nb\"}", "{\"p\":1.}", "{\"p\":-}",
        "{\"p\":\"\\u12g4\"}", "{\"p\":" + "[".repeat(JsonRpcHead.MAX_DEPTH + 2) + "]".repeat(JsonRpcHead.MAX_DEPTH + 2) + "}")) {
      assertThat(scan(body)).as(body).isNull();
    }
  }

  @Test
  void agreesWithJacksonOnRandomMessages() throws Exception {
    Random random = new Random(5);
    String[] values = {"1", "-7", "0", "3.25e-2", "true", "false", "null", "\"\"", "\"a\\/b\\n\\u0041\"", "\"\u00e9\u4e2d\"",
        "[]", "{}", "[1,{\"id\":2,\"method\":\"m\"},[\"x\"]]", "{\"error\":{\"code\":1}}"};
    String[] methods = {"\"textDocument/hover\"", "\"textDocument\\/didChange\"", "\"$/cancelRequest\"", "\"\\u0065xit\""};
    String[] ids = {"42", "-1", "0", "\"abc\"", "\"a\\\\b\"", "123456789012345678901234567890"};
    for (int n = 0; n < 2_000; n++) {
      StringBuilder body = new StringBuilder("{");
      // A request, a notification or a response (with a result or an error), its fields in any order.
      List<String> keys = new java.util.ArrayList<>(switch (random.nextInt(4)) {
        case 0 -> List.of("jsonrpc", "id", "method", "params");
        case 1 -> List.of("jsonrpc", "method", "params");
        case 2 -> List.of("jsonrpc", "id", "result");
        default -> List.of("jsonrpc", "id", "error");
      });
      java.util.Collections.shuffle(keys, random);
      if (random.nextBoolean()) {
        keys.remove("jsonrpc");
      }
      for (String key : keys) {
        String v = switch (key) {
          case "id" -> ids[random.nextInt(ids.length)];
          case "method" -> methods[random.nextInt(methods.length)];
          default -> values[random.nextInt(values.length)];
        };
        body.append(body.length() == 1 ? "" : random.nextBoolean() ? "," : " ,\n ").append('"').append(key).append("\":")
            .append(random.nextBoolean() ? "" : " ").append(v);
      }
      String text = body.append('}').toString();
      JsonNode tree = JSON.readTree(text);
      JsonRpcHead head = scan(text);
      assertThat(head).as(text).isNotNull();
      JsonNode id = tree.get("id");
      assertThat(head.id()).as(text).isEqualTo(id == null ? null : id.asText());
      assertThat(head.method()).as(text).isEqualTo(tree.has("method") ? tree.get("method").asText() : null);
      if (id != null) {
        assertThat(JSON.readTree(head.idJson())).as(text).isEqualTo(id);
      }
    }
  }
}
