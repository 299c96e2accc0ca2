package dev.understudy.plugins.office.agent.inapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesEscapedStringsNestedObjectsAndListsAndLeavesOutNulls() {
    String json = Json.object().put("s", "a\"b\\c\nd\u0001").put("n", 3).put("b", true).put("none", (String) null)
        .putStrings("l", List.of("x", "y")).putInts("i", 1, 2).put("o", Json.object().put("k", "v"))
        .putObjects("os", List.of(Json.object(), Json.object().put("z", 0))).toString();
    assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":3,\"b\":true,\"l\":[\"x\",\"y\"],\"i\":[1,2],"
        + "\"o\":{\"k\":\"v\"},\"os\":[{},{\"z\":0}]}");
  }
}
