package dev.understudy.proto.compat;

import static dev.understudy.proto.compat.DescriptorFixtures.field;
import static dev.understudy.proto.compat.DescriptorFixtures.sensitive;
import static dev.understudy.proto.compat.DescriptorFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto.ReservedRange;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto.EnumReservedRange;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.understudy.proto.compat.Violation.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Proves {@link SchemaCompatibility} can fail: each breaking change, applied to a small fixture schema
 * with descriptor builders, is reported with its exact message; additive changes and properly reserved
 * removals pass.
 */
class SchemaCompatibilityTest {

  // The fixture, as it would read in a .proto file:
  //
  //   package test.v1;  option java_package = "dev.example.test.v1";  option java_multiple_files = true;
  //   extend google.protobuf.FieldOptions { bool flag = 50100; }
  //   message Order {
  //     int64 id = 1;
  //     string note = 2 [(understudy.v1.sensitive) = true];
  //     oneof payment { string card = 3; string cash = 4; }
  //     repeated string tags = 5;
  //     Customer customer = 6;
  //     message Line { uint32 quantity = 1; }
  //     reserved 9, 10 to 19;  reserved "old";
  //   }
  //   message Customer { string name = 1; }
  //   enum Status { STATUS_UNSPECIFIED = 0; STATUS_OPEN = 1; STATUS_CLOSED = 2; reserved 5; reserved "STATUS_OLD"; }

  private static final String FILE = "test/v1/sample.proto";

  @Test
  void identicalSchemasAreCompatible() {
    assertThat(changed(f -> { })).isEmpty();
  }

  @Test
  void additiveChangesAreCompatible() {
    List<Violation> violations = changed(f -> {
      message(f, "Order").addField(field("total_micros", 7, Type.TYPE_INT64));
      message(f, "Order").addField(field("voucher", 8, Type.TYPE_STRING).setOneofIndex(0));
      message(f, "Order").addNestedType(DescriptorProto.newBuilder().setName("Note"));
      f.addMessageType(DescriptorProto.newBuilder().setName("Invoice").addField(field("id", 1, Type.TYPE_BYTES)));
      statusEnum(f).addValue(value("STATUS_REFUNDED", 3));
      f.addEnumType(EnumDescriptorProto.newBuilder().setName("Channel").addValue(value("CHANNEL_UNSPECIFIED", 0)));
      fieldOf(f, "Customer", "name").setOptions(sensitive());
    });

    assertThat(violations).isEmpty();
  }

  @Test
  void addingAFileIsCompatible() {
    FileDescriptorProto.Builder extra = FileDescriptorProto.newBuilder()
        .setName("test/v1/extra.proto").setPackage("test.v1").setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Extra"));

    assertThat(SchemaCompatibility.check(set(fixture()), set(fixture(), extra))).isEmpty();
  }

  @Test
  void movingAMessageToAnotherFileOfThePackageIsCompatible() {
    FileDescriptorProto.Builder customers = FileDescriptorProto.newBuilder()
        .setName("test/v1/customer.proto").setPackage("test.v1").setSyntax("proto3")
        .addMessageType(fixture().getMessageType(1));
    FileDescriptorProto.Builder sample = fixture().addDependency("test/v1/customer.proto");
    sample.removeMessageType(1);

    assertThat(SchemaCompatibility.check(set(fixture()), set(customers, sample))).isEmpty();
  }

  @Test
  void removingAFieldWhoseNumberAndNameAreReservedIsCompatible() {
    List<Violation> violations = changed(f -> {
      removeField(f, "Order", "tags");
      message(f, "Order").addReservedRange(ReservedRange.newBuilder().setStart(5).setEnd(6)).addReservedName("tags");
    });

    assertThat(violations).isEmpty();
  }

  @Test
  void removingAFieldWithoutReservingIsBreaking() {
    assertThat(changed(f -> removeField(f, "Order", "tags"))).containsExactly(new Violation(Rule.FIELD_REMOVED,
        "test.v1.Order: field tags = 5 was removed without reserving number 5 and name \"tags\""));
  }

  @Test
  void removingAFieldWhileReservingOnlyItsNumberIsBreaking() {
    List<Violation> violations = changed(f -> {
      removeField(f, "Order", "tags");
      message(f, "Order").addReservedRange(ReservedRange.newBuilder().setStart(5).setEnd(6));
    });

    assertThat(violations).containsExactly(new Violation(Rule.FIELD_REMOVED,
        "test.v1.Order: field tags = 5 was removed without reserving name \"tags\""));
  }

  @Test
  void renumberingAFieldIsBreaking() {
    assertThat(changed(f -> fieldOf(f, "Order", "tags").setNumber(25))).containsExactly(new Violation(
        Rule.FIELD_RENUMBERED, "test.v1.Order: field tags changed number from 5 to 25"));
  }

  @Test
  void swappingTwoFieldNumbersReportsBothFields() {
    List<Violation> violations = changed(f -> {
      fieldOf(f, "Order", "card").setNumber(4);
      fieldOf(f, "Order", "cash").setNumber(3);
    });

    assertThat(violations).containsExactly(
        new Violation(Rule.FIELD_RENUMBERED, "test.v1.Order: field card changed number from 3 to 4"),
        new Violation(Rule.FIELD_RENUMBERED, "test.v1.Order: field cash changed number from 4 to 3"));
  }

  @Test
  void renamingAFieldIsBreaking() {
    assertThat(changed(f -> fieldOf(f, "Order", "tags").setName("labels"))).containsExactly(new Violation(
        Rule.FIELD_RENAMED, "test.v1.Order: field 5 was renamed from tags to labels"));
  }

  @Test
  void changingAScalarTypeIsBreaking() {
    assertThat(changed(f -> fieldOf(f, "Order", "id").setType(Type.TYPE_STRING))).containsExactly(new Violation(
        Rule.FIELD_TYPE_CHANGED, "test.v1.Order: field id = 1 changed type from int64 to string"));
  }

  @Test
  void changingBetweenVarintTypesIsBreakingToo() {
    // Wire-compatible, but the Java API and the JSON form change; this checker is strict on purpose.
    assertThat(changed(f -> fieldOf(f, "Order", "id").setType(Type.TYPE_UINT64))).containsExactly(new Violation(
        Rule.FIELD_TYPE_CHANGED, "test.v1.Order: field id = 1 changed type from int64 to uint64"));
  }

  @Test
  void changingAMessageTypeIsBreaking() {
    List<Violation> violations = changed(f -> {
      f.addMessageType(DescriptorProto.newBuilder().setName("Person").addField(field("name", 1, Type.TYPE_STRING)));
      fieldOf(f, "Order", "customer").setTypeName(".test.v1.Person");
    });

    assertThat(violations).containsExactly(new Violation(Rule.FIELD_TYPE_CHANGED,
        "test.v1.Order: field customer = 6 changed type from test.v1.Customer to test.v1.Person"));
  }

  @Test
  void changingRepeatedToSingularIsBreaking() {
    assertThat(changed(f -> fieldOf(f, "Order", "tags").setLabel(Label.LABEL_OPTIONAL))).containsExactly(
        new Violation(Rule.FIELD_LABEL_CHANGED, "test.v1.Order: field tags = 5 changed from repeated to singular"));
  }

  @Test
  void movingAFieldIntoAOneofIsBreaking() {
    assertThat(changed(f -> fieldOf(f, "Order", "note").setOneofIndex(0))).containsExactly(new Violation(
        Rule.FIELD_ONEOF_CHANGED, "test.v1.Order: field note = 2 moved into oneof payment"));
  }

  @Test
  void movingAFieldOutOfAOneofIsBreaking() {
    assertThat(changed(f -> fieldOf(f, "Order", "cash").clearOneofIndex())).containsExactly(new Violation(
        Rule.FIELD_ONEOF_CHANGED, "test.v1.Order: field cash = 4 moved out of oneof payment"));
  }

  @Test
  void movingAFieldBetweenOneofsIsBreaking() {
    List<Violation> violations = changed(f -> {
      message(f, "Order").addOneofDecl(OneofDescriptorProto.newBuilder().setName("settlement"));
      fieldOf(f, "Order", "cash").setOneofIndex(1);
    });

    assertThat(violations).containsExactly(new Violation(Rule.FIELD_ONEOF_CHANGED,
        "test.v1.Order: field cash = 4 moved from oneof payment to oneof settlement"));
  }

  @Test
  void makingAFieldProto3OptionalIsNotAOneofChange() {
    List<Violation> violations = changed(f -> {
      message(f, "Order").addOneofDecl(OneofDescriptorProto.newBuilder().setName("_id"));
      fieldOf(f, "Order", "id").setOneofIndex(1).setProto3Optional(true);
    });

    assertThat(violations).isEmpty();
  }

  @Test
  void removingAMessageIsBreaking() {
    List<Violation> violations = changed(f -> {
      removeField(f, "Order", "customer");
      message(f, "Order").addReservedRange(ReservedRange.newBuilder().setStart(6).setEnd(7)).addReservedName("customer");
      f.removeMessageType(1);
    });

    assertThat(violations).containsExactly(
        new Violation(Rule.MESSAGE_REMOVED, "message test.v1.Customer was removed"));
  }

  @Test
  void removingANestedMessageIsBreaking() {
    assertThat(changed(f -> message(f, "Order").removeNestedType(0))).containsExactly(
        new Violation(Rule.MESSAGE_REMOVED, "message test.v1.Order.Line was removed"));
  }

  @Test
  void removingAnEnumIsBreaking() {
    assertThat(changed(f -> f.removeEnumType(0))).containsExactly(
        new Violation(Rule.ENUM_REMOVED, "enum test.v1.Status was removed"));
  }

  @Test
  void removingAnEnumValueWithoutReservingIsBreaking() {
    assertThat(changed(f -> statusEnum(f).removeValue(2))).containsExactly(new Violation(Rule.ENUM_VALUE_REMOVED,
        "test.v1.Status: value STATUS_CLOSED = 2 was removed without reserving number 2 and name \"STATUS_CLOSED\""));
  }

  @Test
  void removingAnEnumValueWhoseNumberAndNameAreReservedIsCompatible() {
    List<Violation> violations = changed(f -> statusEnum(f).removeValue(2)
        .addReservedRange(EnumReservedRange.newBuilder().setStart(2).setEnd(2)) // enum ranges end inclusive
        .addReservedName("STATUS_CLOSED"));

    assertThat(violations).isEmpty();
  }

  @Test
  void renamingAnEnumValueIsBreaking() {
    assertThat(changed(f -> statusEnum(f).getValueBuilder(2).setName("STATUS_DONE"))).containsExactly(
        new Violation(Rule.ENUM_VALUE_RENAMED, "test.v1.Status: value 2 was renamed from STATUS_CLOSED to STATUS_DONE"));
  }

  @Test
  void renumberingAnEnumValueIsBreaking() {
    assertThat(changed(f -> statusEnum(f).getValueBuilder(2).setNumber(7))).containsExactly(
        new Violation(Rule.ENUM_VALUE_RENUMBERED, "test.v1.Status: value STATUS_CLOSED changed number from 2 to 7"));
  }

  @Test
  void changingThePackageIsBreaking() {
    List<Violation> violations = changed(f -> {
      f.setPackage("test.v2");
      fieldOf(f, "Order", "customer").setTypeName(".test.v2.Customer");
    });

    // Every full name moves with the package, so the removals are reported too.
    assertThat(violations).startsWith(new Violation(Rule.PACKAGE_CHANGED,
        FILE + ": package changed from test.v1 to test.v2"));
    assertThat(violations).contains(new Violation(Rule.MESSAGE_REMOVED, "message test.v1.Order was removed"));
  }

  @Test
  void changingTheJavaPackageIsBreaking() {
    assertThat(changed(f -> f.getOptionsBuilder().setJavaPackage("dev.example.other"))).containsExactly(
        new Violation(Rule.JAVA_PACKAGE_CHANGED,
            FILE + ": java_package changed from dev.example.test.v1 to dev.example.other"));
  }

  @Test
  void changingJavaMultipleFilesIsBreaking() {
    assertThat(changed(f -> f.getOptionsBuilder().setJavaMultipleFiles(false))).containsExactly(
        new Violation(Rule.JAVA_OPTION_CHANGED, FILE + ": java_multiple_files changed from true to false"));
  }

  @Test
  void reusingAReservedFieldNumberIsBreaking() {
    List<Violation> violations = changed(f ->
        message(f, "Order").removeReservedRange(0).addField(field("coupon", 9, Type.TYPE_STRING)));

    assertThat(violations).containsExactly(
        new Violation(Rule.RESERVED_REMOVED, "test.v1.Order: reserved number 9 no longer reserved"));
  }

  @Test
  void narrowingAReservedRangeIsBreaking() {
    List<Violation> violations = changed(f -> message(f, "Order").setReservedRange(1,
        ReservedRange.newBuilder().setStart(10).setEnd(15)));

    assertThat(violations).containsExactly(
        new Violation(Rule.RESERVED_REMOVED, "test.v1.Order: reserved numbers 10 to 19 no longer reserved"));
  }

  @Test
  void splittingAReservedRangeKeepsItReserved() {
    List<Violation> violations = changed(f -> message(f, "Order").setReservedRange(1,
        ReservedRange.newBuilder().setStart(10).setEnd(15)).addReservedRange(
        ReservedRange.newBuilder().setStart(15).setEnd(20)));

    assertThat(violations).isEmpty();
  }

  @Test
  void droppingAReservedNameIsBreaking() {
    assertThat(changed(f -> message(f, "Order").clearReservedName())).containsExactly(
        new Violation(Rule.RESERVED_REMOVED, "test.v1.Order: reserved name \"old\" no longer reserved"));
  }

  @Test
  void droppingAnEnumReservationIsBreaking() {
    assertThat(changed(f -> statusEnum(f).clearReservedRange().clearReservedName())).containsExactly(
        new Violation(Rule.RESERVED_REMOVED, "test.v1.Status: reserved number 5 no longer reserved"),
        new Violation(Rule.RESERVED_REMOVED, "test.v1.Status: reserved name \"STATUS_OLD\" no longer reserved"));
  }

  @Test
  void unmarkingASensitiveFieldIsRefused() {
    assertThat(changed(f -> fieldOf(f, "Order", "note").clearOptions())).containsExactly(new Violation(
        Rule.SENSITIVE_REMOVED, "test.v1.Order: field note = 2 is no longer marked sensitive"));
  }

  @Test
  void renumberingAnExtensionIsBreaking() {
    assertThat(changed(f -> f.getExtensionBuilder(0).setNumber(50101))).containsExactly(new Violation(
        Rule.EXTENSION_CHANGED, "extension test.v1.flag changed number from 50100 to 50101"));
  }

  @Test
  void removingAnExtensionIsBreaking() {
    assertThat(changed(FileDescriptorProto.Builder::clearExtension)).containsExactly(new Violation(
        Rule.EXTENSION_CHANGED, "extension test.v1.flag = 50100 was removed"));
  }

  @Test
  void reportsEveryBreakingChangeNotJustTheFirst() {
    List<Violation> violations = changed(f -> {
      fieldOf(f, "Order", "id").setType(Type.TYPE_STRING);
      removeField(f, "Order", "tags");
      statusEnum(f).getValueBuilder(1).setName("STATUS_ACTIVE");
    });

    assertThat(violations).extracting(Violation::rule)
        .containsExactly(Rule.FIELD_TYPE_CHANGED, Rule.FIELD_REMOVED, Rule.ENUM_VALUE_RENAMED);
  }

  // --- fixture ---

  private static List<Violation> changed(Consumer<FileDescriptorProto.Builder> change) {
    FileDescriptorProto.Builder now = fixture();
    change.accept(now);
    return SchemaCompatibility.check(set(fixture()), set(now));
  }

  private static FileDescriptorProto.Builder fixture() {
    DescriptorProto.Builder order = DescriptorProto.newBuilder().setName("Order")
        .addField(field("id", 1, Type.TYPE_INT64))
        .addField(field("note", 2, Type.TYPE_STRING).setOptions(sensitive()))
        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("payment"))
        .addField(field("card", 3, Type.TYPE_STRING).setOneofIndex(0))
        .addField(field("cash", 4, Type.TYPE_STRING).setOneofIndex(0))
        .addField(field("tags", 5, Type.TYPE_STRING).setLabel(Label.LABEL_REPEATED))
        .addField(field("customer", 6, Type.TYPE_MESSAGE).setTypeName(".test.v1.Customer"))
        .addNestedType(DescriptorProto.newBuilder().setName("Line").addField(field("quantity", 1, Type.TYPE_UINT32)))
        .addReservedRange(ReservedRange.newBuilder().setStart(9).setEnd(10))
        .addReservedRange(ReservedRange.newBuilder().setStart(10).setEnd(20))
        .addReservedName("old");
    DescriptorProto.Builder customer = DescriptorProto.newBuilder().setName("Customer")
        .addField(field("name", 1, Type.TYPE_STRING));
    EnumDescriptorProto.Builder status = EnumDescriptorProto.newBuilder().setName("Status")
        .addValue(value("STATUS_UNSPECIFIED", 0))
        .addValue(value("STATUS_OPEN", 1))
        .addValue(value("STATUS_CLOSED", 2))
        .addReservedRange(EnumReservedRange.newBuilder().setStart(5).setEnd(5))
        .addReservedName("STATUS_OLD");
    return FileDescriptorProto.newBuilder()
        .setName(FILE)
        .setPackage("test.v1")
        .setSyntax("proto3")
        .addDependency("google/protobuf/descriptor.proto")
        .setOptions(FileOptions.newBuilder().setJavaPackage("dev.example.test.v1").setJavaMultipleFiles(true))
        .addExtension(field("flag", 50100, Type.TYPE_BOOL).setExtendee(".google.protobuf.FieldOptions"))
        .addMessageType(order)
        .addMessageType(customer)
        .addEnumType(status);
  }

  /** A descriptor set of {@code files}, each first proven valid by building it as protobuf-java would. */
  private static FileDescriptorSet set(FileDescriptorProto.Builder... files) {
    List<FileDescriptor> built = new ArrayList<>();
    built.add(DescriptorProtos.getDescriptor());
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    for (FileDescriptorProto.Builder file : files) {
      try {
        built.add(FileDescriptor.buildFrom(file.build(), built.toArray(FileDescriptor[]::new)));
      } catch (DescriptorValidationException e) {
        throw new AssertionError("fixture change is not a valid schema: " + e.getMessage(), e);
      }
      set.addFile(file);
    }
    return set.build();
  }

  private static DescriptorProto.Builder message(FileDescriptorProto.Builder file, String name) {
    return file.getMessageTypeBuilderList().stream()
        .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  private static EnumDescriptorProto.Builder statusEnum(FileDescriptorProto.Builder file) {
    return file.getEnumTypeBuilder(0);
  }

  private static FieldDescriptorProto.Builder fieldOf(FileDescriptorProto.Builder file, String message, String name) {
    return message(file, message).getFieldBuilderList().stream()
        .filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
  }

  private static void removeField(FileDescriptorProto.Builder file, String message, String name) {
    DescriptorProto.Builder m = message(file, message);
    m.removeField(m.getFieldBuilderList().indexOf(fieldOf(file, message, name)));
  }
}
