package dev.understudy.proto.compat;

import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import dev.understudy.proto.v1.OptionsProto;

/** Short builders for the descriptor fixtures of this package's tests. */
final class DescriptorFixtures {

  private DescriptorFixtures() {}

  /** A singular field, as proto3 declares one without a label. */
  static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
        .setLabel(Label.LABEL_OPTIONAL);
  }

  static EnumValueDescriptorProto.Builder value(String name, int number) {
    return EnumValueDescriptorProto.newBuilder().setName(name).setNumber(number);
  }

  /** Field options carrying {@code [(understudy.v1.sensitive) = true]}. */
  static FieldOptions sensitive() {
    return FieldOptions.newBuilder().setExtension(OptionsProto.sensitive, true).build();
  }
}
