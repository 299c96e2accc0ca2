package dev.understudy.proto.compat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.FileOptions;
import dev.understudy.proto.compat.Violation.Rule;
import dev.understudy.proto.v1.OptionsProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the changes between a baseline schema and the current one that break readers or writers of
 * records already on disk, in the spirit of {@code buf breaking}.
 *
 * <p>Adding files, messages, enums, fields and enum values is allowed. Removing a field or enum value is
 * allowed only when both its number and its name are reserved. Every type change is breaking, including
 * the varint-compatible ones (int32 to int64, uint32 to bool): they change the generated Java API and the
 * JSON form, and records are read through both. Messages and enums are matched by full name across
 * files, so moving one between files of the same package is allowed.
 *
 * <p>Removing {@code (understudy.v1.sensitive)} from a field is refused too: it is a privacy break. Sets
 * parsed from bytes or text must be parsed with {@link OptionsProto}'s extensions registered, or the
 * option reads as absent.
 */
final class SchemaCompatibility {

  private SchemaCompatibility() {}

  /** Returns every breaking change from {@code baseline} to {@code current}, in baseline order. */
  static List<Violation> check(FileDescriptorSet baseline, FileDescriptorSet current) {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(current, "current");
    List<Violation> out = new ArrayList<>();
    Map<String, FileDescriptorProto> currentFiles = new LinkedHashMap<>();
    current.getFileList().forEach(f -> currentFiles.put(f.getName(), f));
    Types base = Types.of(baseline);
    Types cur = Types.of(current);

    for (FileDescriptorProto file : baseline.getFileList()) {
      FileDescriptorProto now = currentFiles.get(file.getName());
      if (now != null) {
        checkFile(file, now, out);
      }
    }
    base.extensions.forEach((name, extension) -> checkExtension(name, extension, cur.extensions.get(name), out));
    base.messages.forEach((name, message) -> {
      DescriptorProto now = cur.messages.get(name);
      if (now == null) {
        out.add(new Violation(Rule.MESSAGE_REMOVED, "message " + name + " was removed"));
      } else {
        checkMessage(name, message, now, out);
      }
    });
    base.enums.forEach((name, e) -> {
      EnumDescriptorProto now = cur.enums.get(name);
      if (now == null) {
        out.add(new Violation(Rule.ENUM_REMOVED, "enum " + name + " was removed"));
      } else {
        checkEnum(name, e, now, out);
      }
    });
    return List.copyOf(out);
  }

  private static void checkFile(FileDescriptorProto was, FileDescriptorProto now, List<Violation> out) {
    String file = was.getName();
    if (!was.getPackage().equals(now.getPackage())) {
      out.add(new Violation(Rule.PACKAGE_CHANGED,
          file + ": package changed from " + was.getPackage() + " to " + now.getPackage()));
    }
    FileOptions a = was.getOptions();
    FileOptions b = now.getOptions();
    if (!a.getJavaPackage().equals(b.getJavaPackage())) {
      out.add(new Violation(Rule.JAVA_PACKAGE_CHANGED,
          file + ": java_package changed from " + a.getJavaPackage() + " to " + b.getJavaPackage()));
    }
    javaOption(file, "java_multiple_files", a, b, FileOptions::getJavaMultipleFiles, out);
    javaOption(file, "java_outer_classname", a, b, FileOptions::getJavaOuterClassname, out);
  }

  private static void javaOption(String file, String option, FileOptions a, FileOptions b,
      Function<FileOptions, Object> get, List<Violation> out) {
    if (!get.apply(a).equals(get.apply(b))) {
      out.add(new Violation(Rule.JAVA_OPTION_CHANGED,
          file + ": " + option + " changed from " + get.apply(a) + " to " + get.apply(b)));
    }
  }

  private static void checkMessage(String name, DescriptorProto was, DescriptorProto now, List<Violation> out) {
    for (FieldDescriptorProto field : was.getFieldList()) {
      Optional<FieldDescriptorProto> byName = now.getFieldList().stream()
          .filter(f -> f.getName().equals(field.getName())).findFirst();
      Optional<FieldDescriptorProto> byNumber = now.getFieldList().stream()
          .filter(f -> f.getNumber() == field.getNumber()).findFirst();
      String subject = name + ": field " + field.getName() + " = " + field.getNumber();
      if (byName.isPresent() && byName.get().getNumber() != field.getNumber()) {
        out.add(new Violation(Rule.FIELD_RENUMBERED, name + ": field " + field.getName()
            + " changed number from " + field.getNumber() + " to " + byName.get().getNumber()));
      } else if (byNumber.isEmpty()) {
        requireReserved(Rule.FIELD_REMOVED, subject, field.getNumber(), field.getName(),
            Ranges.messageReserves(now, field.getNumber()), now.getReservedNameList(), out);
      } else {
        checkField(name, was, field, now, byNumber.get(), out);
      }
    }
    Ranges.checkMessageReservations(name, was, now, out);
  }

  private static void checkField(String name, DescriptorProto wasMessage, FieldDescriptorProto was,
      DescriptorProto nowMessage, FieldDescriptorProto now, List<Violation> out) {
    if (!was.getName().equals(now.getName())) {
      out.add(new Violation(Rule.FIELD_RENAMED, name + ": field " + was.getNumber()
          + " was renamed from " + was.getName() + " to " + now.getName()));
    }
    String subject = name + ": field " + now.getName() + " = " + now.getNumber();
    if (was.getType() != now.getType() || !was.getTypeName().equals(now.getTypeName())) {
      out.add(new Violation(Rule.FIELD_TYPE_CHANGED,
          subject + " changed type from " + typeOf(was) + " to " + typeOf(now)));
    }
    if (was.getLabel() != now.getLabel()) {
      out.add(new Violation(Rule.FIELD_LABEL_CHANGED,
          subject + " changed from " + labelOf(was) + " to " + labelOf(now)));
    }
    String wasOneof = oneofOf(wasMessage, was);
    String nowOneof = oneofOf(nowMessage, now);
    if (!Objects.equals(wasOneof, nowOneof)) {
      String move;
      if (wasOneof == null) {
        move = "moved into oneof " + nowOneof;
      } else if (nowOneof == null) {
        move = "moved out of oneof " + wasOneof;
      } else {
        move = "moved from oneof " + wasOneof + " to oneof " + nowOneof;
      }
      out.add(new Violation(Rule.FIELD_ONEOF_CHANGED, subject + " " + move));
    }
    if (was.getOptions().getExtension(OptionsProto.sensitive)
        && !now.getOptions().getExtension(OptionsProto.sensitive)) {
      out.add(new Violation(Rule.SENSITIVE_REMOVED, subject + " is no longer marked sensitive"));
    }
  }

  private static void checkExtension(String name, FieldDescriptorProto was, FieldDescriptorProto now,
      List<Violation> out) {
    String subject = "extension " + name + " = " + was.getNumber();
    if (now == null) {
      out.add(new Violation(Rule.EXTENSION_CHANGED, subject + " was removed"));
    } else if (now.getNumber() != was.getNumber()) {
      out.add(new Violation(Rule.EXTENSION_CHANGED,
          "extension " + name + " changed number from " + was.getNumber() + " to " + now.getNumber()));
    } else if (was.getType() != now.getType() || !was.getTypeName().equals(now.getTypeName())
        || was.getLabel() != now.getLabel() || !was.getExtendee().equals(now.getExtendee())) {
      out.add(new Violation(Rule.EXTENSION_CHANGED, subject + " changed from " + labelOf(was) + " "
          + typeOf(was) + " on " + was.getExtendee() + " to " + labelOf(now) + " " + typeOf(now) + " on "
          + now.getExtendee()));
    }
  }

  private static void checkEnum(String name, EnumDescriptorProto was, EnumDescriptorProto now, List<Violation> out) {
    for (EnumValueDescriptorProto value : was.getValueList()) {
      List<EnumValueDescriptorProto> sameNumber = now.getValueList().stream()
          .filter(v -> v.getNumber() == value.getNumber()).toList();
      Optional<EnumValueDescriptorProto> byName = now.getValueList().stream()
          .filter(v -> v.getName().equals(value.getName())).findFirst();
      String subject = name + ": value " + value.getName() + " = " + value.getNumber();
      if (sameNumber.stream().anyMatch(v -> v.getName().equals(value.getName()))) {
        continue;
      }
      if (byName.isPresent()) {
        out.add(new Violation(Rule.ENUM_VALUE_RENUMBERED, name + ": value " + value.getName()
            + " changed number from " + value.getNumber() + " to " + byName.get().getNumber()));
      } else if (!sameNumber.isEmpty()) {
        out.add(new Violation(Rule.ENUM_VALUE_RENAMED, name + ": value " + value.getNumber()
            + " was renamed from " + value.getName() + " to " + sameNumber.get(0).getName()));
      } else {
        requireReserved(Rule.ENUM_VALUE_REMOVED, subject, value.getNumber(), value.getName(),
            Ranges.enumReserves(now, value.getNumber()), now.getReservedNameList(), out);
      }
    }
    Ranges.checkEnumReservations(name, was, now, out);
  }

  /** Reports a removed field or enum value unless both its number and its name are reserved. */
  private static void requireReserved(Rule rule, String subject, int number, String name,
      boolean numberReserved, List<String> reservedNames, List<Violation> out) {
    List<String> missing = new ArrayList<>();
    if (!numberReserved) {
      missing.add("number " + number);
    }
    if (!reservedNames.contains(name)) {
      missing.add("name \"" + name + "\"");
    }
    if (!missing.isEmpty()) {
      out.add(new Violation(rule, subject + " was removed without reserving " + String.join(" and ", missing)));
    }
  }

  /** The oneof a field belongs to, or null; proto3 {@code optional} fields sit in no real oneof. */
  private static String oneofOf(DescriptorProto message, FieldDescriptorProto field) {
    if (!field.hasOneofIndex() || field.getProto3Optional()) {
      return null;
    }
    return message.getOneofDecl(field.getOneofIndex()).getName();
  }

  private static String typeOf(FieldDescriptorProto field) {
    if (field.getType() == FieldDescriptorProto.Type.TYPE_MESSAGE
        || field.getType() == FieldDescriptorProto.Type.TYPE_ENUM
        || field.getType() == FieldDescriptorProto.Type.TYPE_GROUP) {
      String typeName = field.getTypeName();
      return typeName.startsWith(".") ? typeName.substring(1) : typeName;
    }
    return field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
  }

  private static String labelOf(FieldDescriptorProto field) {
    return switch (field.getLabel()) {
      case LABEL_REPEATED -> "repeated";
      case LABEL_REQUIRED -> "required";
      case LABEL_OPTIONAL -> "singular";
    };
  }

  /** Every message and enum of a descriptor set, nested ones included, by full name without a leading dot. */
  private static final class Types {
    final Map<String, DescriptorProto> messages = new LinkedHashMap<>();
    final Map<String, EnumDescriptorProto> enums = new LinkedHashMap<>();
    final Map<String, FieldDescriptorProto> extensions = new LinkedHashMap<>();

    static Types of(FileDescriptorSet set) {
      Types types = new Types();
      for (FileDescriptorProto file : set.getFileList()) {
        String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        file.getMessageTypeList().forEach(m -> types.addMessage(prefix, m));
        file.getEnumTypeList().forEach(e -> types.enums.put(prefix + e.getName(), e));
        file.getExtensionList().forEach(x -> types.extensions.put(prefix + x.getName(), x));
      }
      return types;
    }

    private void addMessage(String prefix, DescriptorProto message) {
      String name = prefix + message.getName();
      messages.put(name, message);
      message.getNestedTypeList().forEach(m -> addMessage(name + ".", m));
      message.getEnumTypeList().forEach(e -> enums.put(name + "." + e.getName(), e));
      message.getExtensionList().forEach(x -> extensions.put(name + "." + x.getName(), x));
    }
  }
}
