package dev.understudy.proto.compat;

import static dev.understudy.proto.compat.DescriptorFixtures.field;
import static dev.understudy.proto.compat.DescriptorFixtures.sensitive;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.ActionProto;
import dev.understudy.proto.v1.KindsProto;
import dev.understudy.proto.v1.SessionProto;
import dev.understudy.proto.v1.TargetProto;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The {@code sensitive} option is readable from the compiled descriptors, where redaction will look for it. */
class SensitiveFieldsTest {

  @Test
  void actionListsContentFieldsAsSensitive() {
    assertThat(SensitiveFields.paths(Action.getDescriptor())).contains(
        "source.window_title",
        "source.document",
        "target.name",
        "target.locators.label",
        "target.locators.text_location.uri",
        "target.context.name",
        "value_change.value",
        "value_change.previous_value",
        "text_edit.text",
        "navigate.url",
        "clipboard.content",
        "window_switch.to.title",
        "attributes.value");
  }

  @Test
  void actionDoesNotListStructuralFieldsAsSensitive() {
    assertThat(SensitiveFields.paths(Action.getDescriptor())).doesNotContain(
        "id",
        "session_id",
        "seq",
        "time_unix_nano",
        "source.app_id",
        "target.role",
        "target.secure",
        "target.locators.test_id",
        "invoke.command",
        "value_change.value_kind",
        "clipboard.content_length",
        "redactions.field_path");
  }

  @Test
  void onlyTextAndBytesFieldsAreMarkedSensitive() {
    // Redaction replaces content with text; a sensitive number would have nothing to replace it with.
    List<FieldDescriptor> sensitive = Stream.of(ActionProto.getDescriptor(), TargetProto.getDescriptor(),
            KindsProto.getDescriptor(), SessionProto.getDescriptor())
        .flatMap(f -> f.getMessageTypes().stream())
        .flatMap(m -> m.getFields().stream())
        .filter(SensitiveFields::isSensitive)
        .toList();

    assertThat(sensitive).isNotEmpty().allSatisfy(field -> assertThat(field.getType())
        .as(field.getFullName())
        .isIn(FieldDescriptor.Type.STRING, FieldDescriptor.Type.BYTES));
  }

  @Test
  void pathsDoNotEnterAMessageAlreadyOnThePath() throws DescriptorValidationException {
    FileDescriptorProto tree = FileDescriptorProto.newBuilder()
        .setName("test/v1/tree.proto").setPackage("test.v1").setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Node")
            .addField(field("label", 1, Type.TYPE_STRING).setOptions(sensitive()))
            .addField(field("child", 2, Type.TYPE_MESSAGE).setTypeName(".test.v1.Node"))
            .addField(field("leaf", 3, Type.TYPE_MESSAGE).setTypeName(".test.v1.Leaf")))
        .addMessageType(DescriptorProto.newBuilder().setName("Leaf")
            .addField(field("text", 1, Type.TYPE_STRING).setOptions(sensitive())))
        .build();
    Descriptor node = FileDescriptor.buildFrom(tree, new FileDescriptor[] {DescriptorProtos.getDescriptor()})
        .findMessageTypeByName("Node");

    assertThat(SensitiveFields.paths(node)).containsExactly("label", "leaf.text");
  }
}
