package dev.understudy.proto.compat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.TextFormat;
import dev.understudy.proto.v1.ActionProto;
import dev.understudy.proto.v1.KindsProto;
import dev.understudy.proto.v1.OptionsProto;
import dev.understudy.proto.v1.SessionProto;
import dev.understudy.proto.v1.TargetProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed schema baseline: a {@code FileDescriptorSet} of the understudy.v1 files in protobuf text
 * format, read from and written to {@code proto/baseline/}.
 *
 * <p>Locations come from system properties that the module's Surefire configuration sets; the defaults
 * are relative to the module directory, where IDEs run Maven module tests too.
 */
final class SchemaBaseline {

  /** Property naming the baseline file; default {@value #DEFAULT_BASELINE}. */
  static final String BASELINE_PROPERTY = "understudy.schema.baseline";
  /** Property naming the directory of the .proto sources; default {@value #DEFAULT_PROTO_DIR}. */
  static final String PROTO_DIR_PROPERTY = "understudy.schema.protoDir";
  /** Property that, when {@code true}, makes the baseline test rewrite the baseline. */
  static final String UPDATE_PROPERTY = "understudy.schema.updateBaseline";

  static final String DEFAULT_BASELINE = "baseline/understudy-v1.descriptor.txtpb";
  static final String DEFAULT_PROTO_DIR = "src/main/proto";

  private static final String HEADER = """
      # Baseline of the understudy.v1 schema: a google.protobuf.FileDescriptorSet in text format.
      # Generated from the compiled schema; do not edit by hand. After an intentional additive change run
      #   mvn -q -B -pl proto test -Dunderstudy.schema.updateBaseline=true
      # and commit this file with the .proto change. See proto/README.md.
      """;

  private SchemaBaseline() {}

  static Path baselineFile() {
    return Path.of(System.getProperty(BASELINE_PROPERTY, DEFAULT_BASELINE));
  }

  static Path protoDir() {
    return Path.of(System.getProperty(PROTO_DIR_PROPERTY, DEFAULT_PROTO_DIR));
  }

  static boolean updateRequested() {
    return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"));
  }

  /** The schema as compiled into this module, one file per .proto, sorted by file name. */
  static FileDescriptorSet current() {
    List<FileDescriptorProto> files = Stream.of(
            OptionsProto.getDescriptor(),
            ActionProto.getDescriptor(),
            TargetProto.getDescriptor(),
            KindsProto.getDescriptor(),
            SessionProto.getDescriptor())
        .map(FileDescriptor::toProto)
        .map(f -> f.toBuilder().clearSourceCodeInfo().build())
        .sorted(Comparator.comparing(FileDescriptorProto::getName))
        .toList();
    return FileDescriptorSet.newBuilder().addAllFile(files).build();
  }

  /** The text the baseline file holds for {@code set}. */
  static String print(FileDescriptorSet set) {
    return HEADER + TextFormat.printer().printToString(set);
  }

  static FileDescriptorSet read(Path file) throws IOException {
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    OptionsProto.registerAllExtensions(registry);
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    TextFormat.Parser.newBuilder().build()
        .merge(Files.readString(file, StandardCharsets.UTF_8), registry, set);
    return set.build();
  }

  static void write(Path file, FileDescriptorSet set) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, print(set), StandardCharsets.UTF_8);
  }
}
