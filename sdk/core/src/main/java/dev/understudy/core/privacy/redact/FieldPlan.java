package dev.understudy.core.privacy.redact;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import dev.understudy.proto.v1.OptionsProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields of one message type the redactor looks at, worked out once from the descriptor: the
 * string and bytes fields marked {@code [(understudy.v1.sensitive) = true]}, and the message fields
 * through which such a field can be reached. Nothing else is visited, and a oneof costs one lookup
 * whichever member is set. Each field comes with its {@link FieldReader}, bound to the generated
 * class's getters. Immutable; any thread.
 */
final class FieldPlan {

  /** A field to visit: a sensitive text field ({@code child == null}) or a message leading to some. */
  static final class Entry {
    final FieldDescriptor field;
    final FieldPlan child;
    final FieldReader reader;
    final boolean repeated;

    Entry(FieldDescriptor field, FieldPlan child, FieldReader reader) {
      this.field = field;
      this.child = child;
      this.reader = reader;
      this.repeated = field.isRepeated();
    }
  }

  /** A oneof with members to visit, found by the set member's field number. */
  static final class OneofEntry {
    /** Largest field number kept in a direct table; members numbered higher are looked for in a list. */
    private static final int DIRECT_MAX = 1024;

    final OneofDescriptor oneof;
    final FieldReader.SetMember setMember;
    /** True when {@link #setMember} is the generated case getter, false when it is reflection. */
    final boolean generated;
    /** The entries visited, and by field number up to {@link #DIRECT_MAX}. */
    final Entry[] entries;
    private final Entry[] byNumber;

    OneofEntry(OneofDescriptor oneof, Class<?> owner, List<Entry> entries) {
      this.oneof = oneof;
      FieldReader.SetMember bound = FieldReader.oneofCase(oneof, owner);
      this.generated = bound != null;
      this.setMember = bound != null ? bound : FieldReader.reflectiveOneofCase(oneof);
      this.entries = entries.toArray(new Entry[0]);
      int highest = 0;
      for (Entry e : entries) {
        highest = Math.max(highest, e.field.getNumber());
      }
      this.byNumber = new Entry[Math.min(highest, DIRECT_MAX) + 1];
      for (Entry e : entries) {
        if (e.field.getNumber() <= DIRECT_MAX) {
          byNumber[e.field.getNumber()] = e;
        }
      }
    }

    /** The entry of the member with this number, or {@code null} when it is not visited or none is set. */
    Entry member(int number) {
      if (number < byNumber.length) {
        return number > 0 ? byNumber[number] : null;
      }
      for (Entry e : entries) {
        if (e.field.getNumber() == number) {
          return e;
        }
      }
      return null;
    }
  }

  final Descriptor type;
  final Entry[] fields;
  final OneofEntry[] oneofs;

  private FieldPlan(Descriptor type, Entry[] fields, OneofEntry[] oneofs) {
    this.type = type;
    this.fields = fields;
    this.oneofs = oneofs;
  }

  /**
   * The plan for a message type and its generated class, or {@code null} when no sensitive field can be
   * reached from it. With a {@code null} class, fields are read through protobuf reflection.
   */
  static FieldPlan of(Descriptor root, Class<? extends Message> rootClass) {
    return new Builder().plan(root, rootClass);
  }

  /** True when every field in the plan is read through generated getters; for tests. */
  boolean readsThroughGeneratedGetters() {
    for (OneofEntry o : oneofs) {
      if (!o.generated) {
        return false;
      }
    }
    for (Entry e : allEntries()) {
      if (!e.reader.generated || (e.child != null && !e.child.readsThroughGeneratedGetters())) {
        return false;
      }
    }
    return true;
  }

  private List<Entry> allEntries() {
    List<Entry> all = new ArrayList<>(List.of(fields));
    for (OneofEntry o : oneofs) {
      all.addAll(List.of(o.entries));
    }
    return all;
  }

  /**
   * Every sensitive field reachable from the type, as paths with {@code []} for repeated fields:
   * "source.window_title", "target.locators[].css". For documentation and tests.
   */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    describe("", out);
    return out;
  }

  private void describe(String prefix, List<String> out) {
    List<Entry> all = allEntries();
    all.sort((a, b) -> Integer.compare(a.field.getIndex(), b.field.getIndex()));
    for (Entry e : all) {
      String path = prefix + e.field.getName() + (e.field.isRepeated() ? "[]" : "");
      if (e.child == null) {
        out.add(path);
      } else {
        e.child.describe(path + ".", out);
      }
    }
  }

  static boolean isSensitiveText(FieldDescriptor f) {
    FieldDescriptor.JavaType t = f.getJavaType();
    return (t == FieldDescriptor.JavaType.STRING || t == FieldDescriptor.JavaType.BYTE_STRING)
        && f.getOptions().getExtension(OptionsProto.sensitive);
  }

  /** Builds plans with memoisation; a type that refers back to itself is planned once. */
  private static final class Builder {
    private final Map<Descriptor, FieldPlan> done = new HashMap<>();
    private final Map<Descriptor, Boolean> reaches = new HashMap<>();

    FieldPlan plan(Descriptor type, Class<?> javaClass) {
      if (!reaches(type, new java.util.HashSet<>())) {
        return null;
      }
      FieldPlan known = done.get(type);
      if (known != null) {
        return known;
      }
      List<Entry> plain = new ArrayList<>();
      Map<OneofDescriptor, List<Entry>> oneofs = new LinkedHashMap<>();
      for (FieldDescriptor f : type.getFields()) {
        Entry entry = null;
        if (isSensitiveText(f)) {
          entry = new Entry(f, null, FieldReader.of(f, javaClass));
        } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()
            && reaches(f.getMessageType(), new java.util.HashSet<>())) {
          // A message type that contains itself would recurse forever here; none in the schema does,
          // and the guard in reaches() stops a future one from hanging the build of the plan.
          FieldReader reader = FieldReader.of(f, javaClass);
          entry = new Entry(f, f.getMessageType() == type ? null : plan(f.getMessageType(), reader.messageClass), reader);
          if (entry.child == null) {
            continue;
          }
        }
        if (entry == null) {
          continue;
        }
        OneofDescriptor oneof = f.getRealContainingOneof();
        if (oneof == null) {
          plain.add(entry);
        } else {
          oneofs.computeIfAbsent(oneof, o -> new ArrayList<>()).add(entry);
        }
      }
      List<OneofEntry> oneofEntries = new ArrayList<>();
      oneofs.forEach((o, entries) -> oneofEntries.add(new OneofEntry(o, javaClass, entries)));
      FieldPlan plan = new FieldPlan(type, plain.toArray(new Entry[0]), oneofEntries.toArray(new OneofEntry[0]));
      done.put(type, plan);
      return plan;
    }

    private boolean reaches(Descriptor type, java.util.Set<Descriptor> visiting) {
      Boolean known = reaches.get(type);
      if (known != null) {
        return known;
      }
      if (!visiting.add(type)) {
        return false;
      }
      boolean result = false;
      for (FieldDescriptor f : type.getFields()) {
        if (isSensitiveText(f)
            || (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && reaches(f.getMessageType(), visiting))) {
          result = true;
          break;
        }
      }
      visiting.remove(type);
      // A "no" found while a cycle was cut short is only an answer for this walk.
      if (result || visiting.isEmpty()) {
        reaches.put(type, result);
      }
      return result;
    }
  }
}
