package dev.understudy.proto.compat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.understudy.proto.v1.OptionsProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the {@code (understudy.v1.sensitive)} field option from descriptors. */
final class SensitiveFields {

  private SensitiveFields() {}

  static boolean isSensitive(FieldDescriptor field) {
    return field.getOptions().getExtension(OptionsProto.sensitive);
  }

  /**
   * Dot-separated paths of the sensitive fields reachable from {@code root}, in declaration order:
   * "value_change.value", "target.locators.label". A message type already on the current path is not
   * entered again, so recursive schemas end.
   */
  static List<String> paths(Descriptor root) {
    List<String> out = new ArrayList<>();
    collect(root, "", new HashSet<>(), out);
    return out;
  }

  private static void collect(Descriptor message, String prefix, Set<String> onPath, List<String> out) {
    if (!onPath.add(message.getFullName())) {
      return;
    }
    for (FieldDescriptor field : message.getFields()) {
      String path = prefix + field.getName();
      if (isSensitive(field)) {
        out.add(path);
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        collect(field.getMessageType(), path + ".", onPath, out);
      }
    }
    onPath.remove(message.getFullName());
  }
}
