package dev.understudy.plugins.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.ValueChange;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which actions get an observation: the configured triggers, at most one per tab per interval. */
class ObservationGateTest {
  private static final long MS = 1_000_000L;
  private static final Action CLICK = Action.newBuilder().setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK)).build();
  private static final Action SUBMIT = Action.newBuilder().setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_SUBMIT)).build();
  private static final Action DROP = Action.newBuilder().setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_DROP)).build();
  private static final Action VALUE = Action.newBuilder().setValueChange(ValueChange.getDefaultInstance()).build();
  private static final Action FOCUS = Action.newBuilder().setFocus(Focus.getDefaultInstance()).build();

  @Test
  void namesTheTriggersAndNothingElse() {
    assertThat(ObservationGate.trigger(CLICK)).isEqualTo("click");
    assertThat(ObservationGate.trigger(SUBMIT)).isEqualTo("submit");
    assertThat(ObservationGate.trigger(VALUE)).isEqualTo("value");
    assertThat(ObservationGate.trigger(DROP)).isNull();
    assertThat(ObservationGate.trigger(FOCUS)).isNull();
  }

  @Test
  void admitsOnePerTabPerInterval() {
    ObservationGate gate = new ObservationGate(Set.of("click", "submit", "value"), Duration.ofMillis(500));
    assertThat(gate.admit(CLICK, "tab1", 1_000 * MS)).isEqualTo("click");
    assertThat(gate.admit(VALUE, "tab1", 1_499 * MS)).as("within the interval").isNull();
    assertThat(gate.admit(CLICK, "tab2", 1_200 * MS)).as("another tab has its own interval").isEqualTo("click");
    assertThat(gate.admit(SUBMIT, "tab1", 1_500 * MS)).isEqualTo("submit");
    assertThat(gate.admit(CLICK, null, 9_000 * MS)).as("no tab, no observation").isNull();
  }

  @Test
  void admitsOnlyTheConfiguredTriggers() {
    ObservationGate gate = new ObservationGate(Set.of("submit"), Duration.ZERO);
    assertThat(gate.admit(CLICK, "tab", 0)).isNull();
    assertThat(gate.admit(VALUE, "tab", 0)).isNull();
    assertThat(gate.admit(SUBMIT, "tab", 0)).isEqualTo("submit");
    assertThat(gate.admit(SUBMIT, "tab", 0)).as("interval 0: every one").isEqualTo("submit");
  }
}
