package dev.understudy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Locator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  @Test
  void sameCountGivesTheSameActions() {
    Workload a = Workload.generate(5_000);
    Workload b = Workload.generate(5_000);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.action(i)).isEqualTo(a.action(i));
      assertThat(b.kind(i)).isEqualTo(a.kind(i));
    }
  }

  @Test
  void mixesClicksTypingAndFocusOverAFewDozenTargetsInAFewWindows() {
    Workload w = Workload.generate(20_000);
    Map<Workload.Kind, Integer> kinds = new EnumMap<>(Workload.Kind.class);
    Set<Object> targets = new HashSet<>();
    Set<Object> windows = new HashSet<>();
    for (int i = 0; i < w.size(); i++) {
      kinds.merge(w.kind(i), 1, Integer::sum);
      targets.add(w.action(i).getTarget());
      windows.add(w.action(i).getSource());
    }
    assertThat(kinds.get(Workload.Kind.CLICK) / 20_000.0).isBetween(0.68, 0.72);
    assertThat(kinds.get(Workload.Kind.TYPING) / 20_000.0).isBetween(0.18, 0.22);
    assertThat(kinds.get(Workload.Kind.FOCUS) / 20_000.0).isBetween(0.08, 0.12);
    assertThat(targets).hasSize(Workload.TARGETS);
    assertThat(windows).hasSize(Workload.WINDOWS);
  }

  @Test
  void clickIsAButtonInAFormWithTestIdAndCssLocatorsAndMatchCounts() {
    Workload w = Workload.generate(100);
    int i = 0;
    while (w.kind(i) != Workload.Kind.CLICK) {
      i++;
    }
    Action click = w.action(i);
    assertThat(click.getInvoke().getMethod().name()).isEqualTo("INVOKE_METHOD_CLICK");
    assertThat(click.getTarget().getRole()).isEqualTo("button");
    assertThat(click.getTarget().getName()).isNotEmpty();
    assertThat(click.getTarget().getLocatorsList()).extracting(Locator::getKindCase)
        .containsExactly(Locator.KindCase.TEST_ID, Locator.KindCase.CSS);
    assertThat(click.getTarget().getLocatorsList()).allMatch(l -> l.getMatchCount() == 1);
    assertThat(click.getTarget().getContext(0).getRole()).isEqualTo("form");
    assertThat(click.getSource().getAppId()).isEqualTo("chromium");
    assertThat(click.getSource().getWindowTitle()).isNotEmpty();
    assertThat(click.getTimeUnixNano()).isZero();
  }

  @Test
  void refusesAnEmptyWorkload() {
    assertThatThrownBy(() -> Workload.generate(0)).hasMessageContaining("count");
  }
}
