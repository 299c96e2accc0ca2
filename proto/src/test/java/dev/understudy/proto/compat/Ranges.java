package dev.understudy.proto.compat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import dev.understudy.proto.compat.Violation.Rule;
import java.util.Comparator;
import java.util.List;

/**
 * Reserved numbers of messages and enums as half-open ranges. Message reserved ranges end exclusive and
 * enum reserved ranges end inclusive in descriptor.proto; everything here is converted to half-open
 * {@code long} ranges so an enum range ending at {@code Integer.MAX_VALUE} does not overflow.
 */
final class Ranges {

  private Ranges() {}

  /** A half-open range of numbers, [start, end). */
  private record Range(long start, long end) {
    @Override
    public String toString() {
      return end - start == 1 ? "number " + start : "numbers " + start + " to " + (end - 1);
    }
  }

  static boolean messageReserves(DescriptorProto message, int number) {
    return covers(messageRanges(message), new Range(number, number + 1L));
  }

  static boolean enumReserves(EnumDescriptorProto e, int number) {
    return covers(enumRanges(e), new Range(number, number + 1L));
  }

  /** Reports baseline reservations of {@code name} that {@code now} no longer holds. */
  static void checkMessageReservations(String name, DescriptorProto was, DescriptorProto now, List<Violation> out) {
    check(name, messageRanges(was), messageRanges(now), was.getReservedNameList(), now.getReservedNameList(), out);
  }

  /** Reports baseline reservations of enum {@code name} that {@code now} no longer holds. */
  static void checkEnumReservations(String name, EnumDescriptorProto was, EnumDescriptorProto now, List<Violation> out) {
    check(name, enumRanges(was), enumRanges(now), was.getReservedNameList(), now.getReservedNameList(), out);
  }

  private static void check(String name, List<Range> was, List<Range> now, List<String> wasNames,
      List<String> nowNames, List<Violation> out) {
    for (Range range : was) {
      if (!covers(now, range)) {
        out.add(new Violation(Rule.RESERVED_REMOVED, name + ": reserved " + range + " no longer reserved"));
      }
    }
    for (String reserved : wasNames) {
      if (!nowNames.contains(reserved)) {
        out.add(new Violation(Rule.RESERVED_REMOVED,
            name + ": reserved name \"" + reserved + "\" no longer reserved"));
      }
    }
  }

  private static List<Range> messageRanges(DescriptorProto message) {
    return message.getReservedRangeList().stream()
        .map(r -> new Range(r.getStart(), r.getEnd()))
        .toList();
  }

  private static List<Range> enumRanges(EnumDescriptorProto e) {
    return e.getReservedRangeList().stream()
        .map(r -> new Range(r.getStart(), r.getEnd() + 1L))
        .toList();
  }

  /** True when the union of {@code ranges} contains all of {@code wanted}. */
  private static boolean covers(List<Range> ranges, Range wanted) {
    long reached = wanted.start();
    for (Range r : ranges.stream().sorted(Comparator.comparingLong(Range::start)).toList()) {
      if (r.start() <= reached && r.end() > reached) {
        reached = r.end();
      }
    }
    return reached >= wanted.end();
  }
}
