package dev.understudy.plugins.office.atspi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class AtspiEventTest {
  private static final String OBJECT = "org.a11y.atspi.Event.Object";

  private static Object[] args(String detail, int d1, int d2, Object any) {
    return new Object[] {detail, d1, d2, new Variant<>(any), Map.of()};
  }

  @Test
  void keepsTheStatesTextChangesFocusAndActivationItTranslates() {
    assertThat(AtspiEvent.classify(OBJECT, "StateChanged", ":1.2", "/a/1", args("checked", 1, 0, 0), 7)).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(AtspiEvent.Kind.STATE);
      assertThat(e.detail()).isEqualTo("checked");
      assertThat(e.on()).isTrue();
      assertThat(e.node()).isEqualTo(new Node(":1.2", "/a/1"));
      assertThat(e.timeUnixNanos()).isEqualTo(7);
    });
    assertThat(AtspiEvent.classify(OBJECT, "StateChanged", ":1.2", "/a/1", args("focused", 1, 0, 0), 7))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(AtspiEvent.Kind.FOCUS));
    assertThat(AtspiEvent.classify(OBJECT, "TextChanged", ":1.2", "/a/1", args("insert", 3, 1, "C"), 7)).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(AtspiEvent.Kind.TEXT_INSERT);
      assertThat(e.offset()).isEqualTo(3);
      assertThat(e.length()).isEqualTo(1);
      assertThat(e.text()).isEqualTo("C");
    });
    assertThat(AtspiEvent.classify(OBJECT, "TextChanged", ":1.2", "/a/1", args("delete:system", 4, 1, "A"), 7))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(AtspiEvent.Kind.TEXT_DELETE));
    assertThat(AtspiEvent.classify(OBJECT, "PropertyChange", ":1.2", "/a/1", args("accessible-name", 0, 0, "Bold"), 7))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(AtspiEvent.Kind.NAME_CHANGED));
    assertThat(AtspiEvent.classify(OBJECT, "PropertyChange", ":1.2", "/a/1", args("accessible-value", 0, 0, 3), 7)).isEmpty();
    assertThat(AtspiEvent.classify("org.a11y.atspi.Event.Window", "Activate", ":1.2", "/a/0", args("", 0, 0, "Writer"), 7))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(AtspiEvent.Kind.WINDOW_ACTIVATE));
  }

  @Test
  void dropsTheNoiseOnArrival() {
    assertThat(AtspiEvent.classify(OBJECT, "StateChanged", ":1.2", "/a/1", args("showing", 1, 0, 0), 7)).isEmpty();
    assertThat(AtspiEvent.classify(OBJECT, "StateChanged", ":1.2", "/a/1", args("focused", 0, 0, 0), 7)).isEmpty();
    assertThat(AtspiEvent.classify(OBJECT, "BoundsChanged", ":1.2", "/a/1", args("", 0, 0, 0), 7)).isEmpty();
    assertThat(AtspiEvent.classify(OBJECT, "ChildrenChanged", ":1.2", "/a/1", args("add", 0, 0, 0), 7)).isEmpty();
    assertThat(AtspiEvent.classify(OBJECT, "StateChanged", ":1.2", "/a/1", new Object[] {"checked"}, 7)).isEmpty();
  }
}
