package dev.understudy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionMemoTest {

  private final List<String> asked = new ArrayList<>();
  private final DecisionMemo memo = new DecisionMemo(v -> {
    asked.add(v);
    return !"Incognito".equals(v);
  });

  @Test
  void asksThePolicyOncePerDistinctValue() {
    assertThat(memo.test("report.odt")).isTrue();
    assertThat(memo.test("Incognito")).isFalse();
    assertThat(memo.test("report.odt")).isTrue();
    assertThat(memo.test("Incognito")).isFalse();
    assertThat(asked).containsExactly("report.odt", "Incognito");
  }

  @Test
  void forgetsTheLeastRecentlyUsedValuesBeyondItsBound() {
    memo.test("first");
    for (int i = 0; i < DecisionMemo.MAX_ENTRIES; i++) {
      memo.test("title " + i);
    }
    asked.clear();
    memo.test("first");
    memo.test("title " + (DecisionMemo.MAX_ENTRIES - 1));
    assertThat(asked).containsExactly("first");
  }
}
