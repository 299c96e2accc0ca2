package dev.understudy.proto.compat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema's style rules that a compiler does not enforce: a comment on every declaration, enum zero
 * values named {@code *_UNSPECIFIED}, enum values prefixed with the enum's name, and units in the names
 * of time fields.
 */
final class SchemaLint {

  /** Suffixes a numeric time or duration field must end with; the schema uses nanoseconds. */
  static final List<String> TIME_UNIT_SUFFIXES = List.of("_nano", "_millis", "_seconds");

  /** What a declaration line of a .proto file declares. */
  enum Kind { MESSAGE, ENUM, ONEOF, FIELD, ENUM_VALUE }

  /** One declaration found in a .proto source, and whether the line above it is a comment. */
  record Declaration(Kind kind, String name, int line, boolean commented) {}

  private static final Pattern BLOCK = Pattern.compile("^\\s*(message|enum|oneof)\\s+([\\w.]+)\\s*\\{");
  private static final Pattern FIELD = Pattern.compile(
      "^\\s*(?:(?:repeated|optional)\\s+)?(?:map\\s*<[^>]+>|\\.?[A-Za-z_][\\w.]*)\\s+([a-z_]\\w*)\\s*=\\s*\\d+\\s*[;\\[]");
  private static final Pattern ENUM_VALUE = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)\\s*=\\s*-?\\d+\\s*[;\\[]");
  private static final Set<Type> NUMERIC = EnumSet.of(Type.TYPE_INT32, Type.TYPE_INT64, Type.TYPE_UINT32,
      Type.TYPE_UINT64, Type.TYPE_SINT32, Type.TYPE_SINT64, Type.TYPE_FIXED32, Type.TYPE_FIXED64,
      Type.TYPE_SFIXED32, Type.TYPE_SFIXED64, Type.TYPE_DOUBLE, Type.TYPE_FLOAT);

  private SchemaLint() {}

  /**
   * The declarations of a .proto source, line by line: messages, enums, oneofs, fields (extensions
   * included) and enum values; an {@code extend} block is no declaration of its own. A declaration counts as commented when the line
   * right above it is a {@code //} comment; a trailing comment on the same line does not count.
   */
  static List<Declaration> declarations(List<String> lines) {
    List<Declaration> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean commented = i > 0 && lines.get(i - 1).trim().startsWith("//");
      Matcher block = BLOCK.matcher(line);
      Matcher field = FIELD.matcher(line);
      Matcher value = ENUM_VALUE.matcher(line);
      if (block.find()) {
        out.add(new Declaration(Kind.valueOf(block.group(1).toUpperCase(Locale.ROOT)), block.group(2), i + 1, commented));
      } else if (field.find()) {
        out.add(new Declaration(Kind.FIELD, field.group(1), i + 1, commented));
      } else if (value.find()) {
        out.add(new Declaration(Kind.ENUM_VALUE, value.group(1), i + 1, commented));
      }
    }
    return out;
  }

  /** Naming problems of every message, field and enum in {@code set}, one readable line each. */
  static List<String> namingProblems(FileDescriptorSet set) {
    List<String> out = new ArrayList<>();
    for (FileDescriptorProto file : set.getFileList()) {
      String prefix = file.getPackage() + ".";
      file.getMessageTypeList().forEach(m -> messageProblems(prefix, m, out));
      file.getEnumTypeList().forEach(e -> enumProblems(prefix, e, out));
      file.getExtensionList().forEach(x -> fieldProblems(prefix + x.getName(), x, out));
    }
    return out;
  }

  private static void messageProblems(String prefix, DescriptorProto message, List<String> out) {
    String name = prefix + message.getName();
    if (!message.getName().matches("[A-Z][A-Za-z0-9]*")) {
      out.add(name + ": message names are PascalCase");
    }
    message.getFieldList().forEach(f -> fieldProblems(name + "." + f.getName(), f, out));
    message.getNestedTypeList().forEach(m -> messageProblems(name + ".", m, out));
    message.getEnumTypeList().forEach(e -> enumProblems(name + ".", e, out));
  }

  private static void fieldProblems(String name, FieldDescriptorProto field, List<String> out) {
    if (!field.getName().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
      out.add(name + ": field names are lower_snake_case");
    }
    String lower = field.getName().toLowerCase(Locale.ROOT);
    boolean timeLike = lower.contains("time") || lower.contains("duration");
    if (timeLike && NUMERIC.contains(field.getType())
        && TIME_UNIT_SUFFIXES.stream().noneMatch(field.getName()::endsWith)) {
      out.add(name + ": a time or duration field names its unit, one of " + TIME_UNIT_SUFFIXES);
    }
  }

  private static void enumProblems(String prefix, EnumDescriptorProto e, List<String> out) {
    String name = prefix + e.getName();
    String valuePrefix = upperSnake(e.getName()) + "_";
    if (e.getValueCount() == 0 || e.getValue(0).getNumber() != 0
        || !e.getValue(0).getName().equals(valuePrefix + "UNSPECIFIED")) {
      out.add(name + ": the first value must be " + valuePrefix + "UNSPECIFIED = 0");
    }
    for (EnumValueDescriptorProto value : e.getValueList()) {
      if (!value.getName().startsWith(valuePrefix) || !value.getName().matches("[A-Z][A-Z0-9_]*")) {
        out.add(name + ": value " + value.getName() + " must be UPPER_SNAKE_CASE and start with " + valuePrefix);
      }
    }
  }

  /** "InvokeMethod" to "INVOKE_METHOD". */
  static String upperSnake(String pascal) {
    return pascal.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
