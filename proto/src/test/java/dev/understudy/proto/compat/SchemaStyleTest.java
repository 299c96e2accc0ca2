package dev.understudy.proto.compat;

import static dev.understudy.proto.compat.DescriptorFixtures.field;
import static dev.understudy.proto.compat.DescriptorFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.understudy.proto.compat.SchemaLint.Declaration;
import dev.understudy.proto.compat.SchemaLint.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schema's style rules hold for every .proto of the module, and each rule can fail. */
class SchemaStyleTest {

  @Test
  void everyDeclarationInTheProtoSourcesHasACommentAbove() throws IOException {
    List<String> uncommented = new ArrayList<>();
    for (Path file : protoFiles()) {
      for (Declaration d : SchemaLint.declarations(Files.readAllLines(file))) {
        if (!d.commented()) {
          uncommented.add(file.getFileName() + ":" + d.line() + ": " + d.kind() + " " + d.name());
        }
      }
    }

    assertThat(uncommented).as("declarations without a // comment on the line above").isEmpty();
  }

  @Test
  void commentCheckSeesEveryFieldAndEnumValueTheCompilerSees() throws IOException {
    // Guards the line-based check itself: a field its pattern missed would escape the comment rule.
    List<Declaration> declarations = new ArrayList<>();
    for (Path file : protoFiles()) {
      declarations.addAll(SchemaLint.declarations(Files.readAllLines(file)));
    }
    long fields = 0;
    long values = 0;
    for (FileDescriptorProto file : SchemaBaseline.current().getFileList()) {
      fields += file.getExtensionCount();
      for (DescriptorProto message : file.getMessageTypeList()) {
        fields += countFields(message);
      }
      values += file.getEnumTypeList().stream().mapToLong(EnumDescriptorProto::getValueCount).sum();
    }

    assertThat(declarations.stream().filter(d -> d.kind() == Kind.FIELD).count()).isEqualTo(fields);
    assertThat(declarations.stream().filter(d -> d.kind() == Kind.ENUM_VALUE).count()).isEqualTo(values);
  }

  @Test
  void schemaFollowsTheNamingRules() {
    assertThat(SchemaLint.namingProblems(SchemaBaseline.current())).isEmpty();
  }

  @Test
  void everyFileIsInPackageUnderstudyV1WithOneJavaClassPerType() {
    assertThat(SchemaBaseline.current().getFileList()).allSatisfy(file -> {
      assertThat(file.getPackage()).as(file.getName()).isEqualTo("understudy.v1");
      assertThat(file.getOptions().getJavaPackage()).as(file.getName()).isEqualTo("dev.understudy.proto.v1");
      assertThat(file.getOptions().getJavaMultipleFiles()).as(file.getName()).isTrue();
    });
  }

  @Test
  void commentCheckFlagsDeclarationsWithoutACommentAbove() {
    List<String> source = List.of(
        "message Order {",
        "  // Commented.",
        "  string id = 1;",
        "  repeated .test.v1.Line lines = 2 [(understudy.v1.sensitive) = true];",
        "",
        "  // Blank line between comment and field does not count.",
        "",
        "  map<string, int64> totals = 3; // trailing comments do not count",
        "  oneof kind {",
        "    // Commented.",
        "    bool paid = 4;",
        "  }",
        "}",
        "// Commented.",
        "enum Status {",
        "  STATUS_UNSPECIFIED = 0;",
        "  // Commented.",
        "  STATUS_OPEN = 1;",
        "}",
        "option java_package = \"dev.example\";",
        "reserved 5 to 9;");

    assertThat(SchemaLint.declarations(source)).containsExactly(
        new Declaration(Kind.MESSAGE, "Order", 1, false),
        new Declaration(Kind.FIELD, "id", 3, true),
        new Declaration(Kind.FIELD, "lines", 4, false),
        new Declaration(Kind.FIELD, "totals", 8, false),
        new Declaration(Kind.ONEOF, "kind", 9, false),
        new Declaration(Kind.FIELD, "paid", 11, true),
        new Declaration(Kind.ENUM, "Status", 15, true),
        new Declaration(Kind.ENUM_VALUE, "STATUS_UNSPECIFIED", 16, false),
        new Declaration(Kind.ENUM_VALUE, "STATUS_OPEN", 18, true));
  }

  @Test
  void namingRulesFlagBadEnumsFieldsAndUnitlessTimes() {
    FileDescriptorSet set = FileDescriptorSet.newBuilder().addFile(FileDescriptorProto.newBuilder()
        .setName("test/v1/bad.proto").setPackage("test.v1")
        .addMessageType(DescriptorProto.newBuilder().setName("job_run")
            .addField(field("startTime", 1, Type.TYPE_INT64))
            .addField(field("end_time", 2, Type.TYPE_FIXED64))
            .addField(field("end_time_unix_nano", 3, Type.TYPE_FIXED64))
            .addField(field("run_duration", 4, Type.TYPE_UINT64))
            .addField(field("time_zone", 5, Type.TYPE_STRING)))
        .addEnumType(EnumDescriptorProto.newBuilder().setName("JobState")
            .addValue(value("JOB_STATE_NONE", 0))
            .addValue(value("RUNNING", 1))
            .addValue(value("JOB_STATE_DONE", 2))))
        .build();

    assertThat(SchemaLint.namingProblems(set)).containsExactly(
        "test.v1.job_run: message names are PascalCase",
        "test.v1.job_run.startTime: field names are lower_snake_case",
        "test.v1.job_run.startTime: a time or duration field names its unit, one of [_nano, _millis, _seconds]",
        "test.v1.job_run.end_time: a time or duration field names its unit, one of [_nano, _millis, _seconds]",
        "test.v1.job_run.run_duration: a time or duration field names its unit, one of [_nano, _millis, _seconds]",
        "test.v1.JobState: the first value must be JOB_STATE_UNSPECIFIED = 0",
        "test.v1.JobState: value RUNNING must be UPPER_SNAKE_CASE and start with JOB_STATE_");
  }

  @Test
  void upperSnakeSplitsPascalCaseWords() {
    assertThat(SchemaLint.upperSnake("InvokeMethod")).isEqualTo("INVOKE_METHOD");
    assertThat(SchemaLint.upperSnake("Capability")).isEqualTo("CAPABILITY");
    assertThat(SchemaLint.upperSnake("Utf8Kind")).isEqualTo("UTF8_KIND");
  }

  private static long countFields(DescriptorProto message) {
    return message.getFieldCount() + message.getExtensionCount()
        + message.getNestedTypeList().stream().mapToLong(SchemaStyleTest::countFields).sum();
  }

  private static List<Path> protoFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SchemaBaseline.protoDir())) {
      List<Path> found = files.filter(p -> p.toString().endsWith(".proto")).sorted().toList();
      assertThat(found).as("no .proto files under %s", SchemaBaseline.protoDir()).isNotEmpty();
      return found;
    }
  }
}
