package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.understudy.proto.v1.Action;
import org.junit.jupiter.api.Test;

class FieldReaderTest {

  @Test
  void theActionPlanReadsEveryFieldThroughTheGeneratedGetters() {
    assertThat(FieldPlan.of(Action.getDescriptor(), Action.class).readsThroughGeneratedGetters()).isTrue();
    assertThat(FieldPlan.of(Action.getDescriptor(), null).readsThroughGeneratedGetters()).isFalse();
  }

  @Test
  void namesGettersAsProtobufsJavaGeneratorDoes() {
    assertThat(FieldReader.camelCase("window_title")).isEqualTo("WindowTitle");
    assertThat(FieldReader.camelCase("x")).isEqualTo("X");
    assertThat(FieldReader.camelCase("foo_1bar")).isEqualTo("Foo1Bar");
    assertThat(FieldReader.camelCase("ipv4Address")).isEqualTo("Ipv4Address");
  }

  @Test
  void generatedGettersReadWhatReflectionReads() {
    FieldPlan generated = FieldPlan.of(Action.getDescriptor(), Action.class);
    FieldPlan reflective = FieldPlan.of(Action.getDescriptor(), null);
    for (int choice = 0; choice < 20; choice++) {
      Action.Builder b = Action.newBuilder();
      RedactorTest.fill(b, choice, 0);
      assertSameReads(b.build(), generated, reflective);
    }
  }

  private static void assertSameReads(Message message, FieldPlan generated, FieldPlan reflective) {
    for (int k = 0; k < generated.oneofs.length; k++) {
      int set = generated.oneofs[k].setMember.number(message);
      assertThat(set).isEqualTo(reflective.oneofs[k].setMember.number(message));
      FieldPlan.Entry g = generated.oneofs[k].member(set);
      if (g != null) {
        assertSameValue(message, g, reflective.oneofs[k].member(set));
      }
    }
    for (int k = 0; k < generated.fields.length; k++) {
      assertSameValue(message, generated.fields[k], reflective.fields[k]);
    }
  }

  private static void assertSameValue(Message message, FieldPlan.Entry g, FieldPlan.Entry r) {
    assertThat(g.field).isSameAs(r.field);
    if (g.repeated) {
      int n = g.reader.count.count(message);
      assertThat(n).as(g.field.getFullName()).isEqualTo(r.reader.count.count(message)).isPositive();
      for (int i = 0; i < n; i++) {
        Object value = g.reader.getAt.get(message, i);
        assertThat(value).as(g.field.getFullName()).isEqualTo(r.reader.getAt.get(message, i));
        if (g.child != null) {
          assertSameReads((Message) value, g.child, r.child);
        }
      }
      return;
    }
    Object value = g.reader.get.get(message);
    assertThat(value).as(g.field.getFullName()).isEqualTo(r.reader.get.get(message));
    if (g.child != null) {
      assertThat(g.reader.has.has(message)).isEqualTo(r.reader.has.has(message));
      assertSameReads((Message) value, g.child, r.child);
    }
  }
}
