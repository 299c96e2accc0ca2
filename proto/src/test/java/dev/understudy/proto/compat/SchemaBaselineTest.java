package dev.understudy.proto.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard: the compiled schema may only grow compatibly from the committed baseline, and the baseline
 * must describe exactly the compiled schema. With {@code -Dunderstudy.schema.updateBaseline=true} the
 * baseline is first rewritten, but only when the change is compatible.
 */
class SchemaBaselineTest {

  private static final String REFRESH_COMMAND =
      "`mvn -q -B -pl proto test -Dunderstudy.schema.updateBaseline=true`";

  @BeforeAll
  static void refreshBaselineWhenAsked() throws IOException {
    if (!SchemaBaseline.updateRequested()) {
      return;
    }
    Path file = SchemaBaseline.baselineFile();
    FileDescriptorSet current = SchemaBaseline.current();
    if (Files.exists(file)) {
      List<Violation> violations = SchemaCompatibility.check(SchemaBaseline.read(file), current);
      assertThat(violations)
          .as("refusing to refresh %s over breaking changes; a breaking change needs a new package "
              + "(understudy.v2), not a new baseline", file)
          .isEmpty();
    }
    SchemaBaseline.write(file, current);
  }

  @Test
  void currentSchemaIsWireCompatibleWithBaseline() throws IOException {
    FileDescriptorSet baseline = SchemaBaseline.read(committedBaseline());

    assertThat(SchemaCompatibility.check(baseline, SchemaBaseline.current()))
        .as("breaking changes against %s", SchemaBaseline.baselineFile())
        .isEmpty();
  }

  @Test
  void baselineDescribesExactlyTheCurrentSchema() throws IOException {
    // A stale baseline would let a field added after it be removed again unnoticed.
    String committed = Files.readString(committedBaseline());

    assertThat(committed)
        .as("%s is out of date; after an intentional additive change refresh it with %s and commit it",
            SchemaBaseline.baselineFile(), REFRESH_COMMAND)
        .isEqualTo(SchemaBaseline.print(SchemaBaseline.current()));
  }

  private static Path committedBaseline() {
    Path file = SchemaBaseline.baselineFile();
    assertThat(file).as("baseline %s is missing; create it with %s", file, REFRESH_COMMAND).exists();
    return file;
  }

  @Test
  void baselineCoversEveryProtoFileOfTheModule() throws IOException {
    Path root = SchemaBaseline.protoDir();
    List<String> onDisk;
    try (Stream<Path> files = Files.walk(root)) {
      onDisk = files.filter(p -> p.toString().endsWith(".proto"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }

    assertThat(SchemaBaseline.current().getFileList())
        .extracting(FileDescriptorProto::getName)
        .as("every .proto under %s must be listed in SchemaBaseline.current()", root)
        .containsExactlyElementsOf(onDisk);
  }
}
