package dev.understudy.core.privacy.redact;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Internal;
import com.google.protobuf.Message;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Reads one field of a message the way the redactor's walk needs it, through the class's generated
 * getters ({@code getWindowTitle()}, {@code getLocatorsCount()}, {@code getLocators(int)}, {@code
 * hasSource()}, {@code getKindCase()}) bound once into direct calls, instead of through protobuf's
 * reflection, which looks a method up and checks access on every read and was the largest part of a
 * walk's cost. Which fields are read still comes from the descriptor ({@link FieldPlan}); only how
 * they are read is chosen here. When a getter cannot be found under the name protobuf's Java
 * generator gives it (a name it had to mangle), the field is read through reflection as before.
 * Immutable; any thread.
 */
final class FieldReader {

  /** Reads a singular field. */
  @FunctionalInterface
  interface Get {
    Object get(Message message);
  }

  /** Reads one element of a repeated field. */
  @FunctionalInterface
  interface GetAt {
    Object get(Message message, int index);
  }

  /** Counts the elements of a repeated field. */
  @FunctionalInterface
  interface Count {
    int count(Message message);
  }

  /** Whether a singular message field is set. */
  @FunctionalInterface
  interface Has {
    boolean has(Message message);
  }

  /** The field number of the set member of a oneof, 0 when none is set. */
  @FunctionalInterface
  interface SetMember {
    int number(Message message);
  }

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  final Get get;
  final GetAt getAt;
  final Count count;
  final Has has;
  /** The class of the field's messages when it is a message field read through getters, else {@code null}. */
  final Class<?> messageClass;
  /** True when the generated getters are used, false when protobuf reflection is. */
  final boolean generated;

  private FieldReader(Get get, GetAt getAt, Count count, Has has, Class<?> messageClass, boolean generated) {
    this.get = get;
    this.getAt = getAt;
    this.count = count;
    this.has = has;
    this.messageClass = messageClass;
    this.generated = generated;
  }

  /**
   * A reader for the field in messages of the given class, or one through reflection when the class is
   * unknown ({@code null}) or lacks the expected getters.
   */
  static FieldReader of(FieldDescriptor field, Class<?> owner) {
    if (owner != null && Message.class.isAssignableFrom(owner)) {
      try {
        return generated(field, owner);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // fall through to reflection: correct for any schema, only slower
      }
    }
    return reflective(field);
  }

  /**
   * Which member of a oneof is set, by the generated case getter, or {@code null} when the class has
   * none under the expected name (use {@link #reflectiveOneofCase} then).
   */
  static SetMember oneofCase(OneofDescriptor oneof, Class<?> owner) {
    if (owner == null) {
      return null;
    }
    try {
      Method m = owner.getMethod("get" + camelCase(oneof.getName()) + "Case");
      if (!Internal.EnumLite.class.isAssignableFrom(m.getReturnType()) || !isPublicInstance(m)) {
        return null;
      }
      Get caseOf = bind(Get.class, "get", MethodType.methodType(Object.class, Message.class), m);
      return message -> ((Internal.EnumLite) caseOf.get(message)).getNumber();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Which member of a oneof is set, through protobuf reflection. */
  static SetMember reflectiveOneofCase(OneofDescriptor oneof) {
    return message -> {
      FieldDescriptor set = message.getOneofFieldDescriptor(oneof);
      return set == null ? 0 : set.getNumber();
    };
  }

  private static FieldReader generated(FieldDescriptor field, Class<?> owner) throws ReflectiveOperationException {
    String name = camelCase(field.getName());
    Class<?> type = javaType(field, owner, name);
    if (field.isRepeated()) {
      Method element = owner.getMethod("get" + name, int.class);
      Method size = owner.getMethod("get" + name + "Count");
      if (element.getReturnType() != type || size.getReturnType() != int.class
          || !isPublicInstance(element) || !isPublicInstance(size)) {
        throw new NoSuchMethodException(field.getFullName());
      }
      return new FieldReader(null,
          bind(GetAt.class, "get", MethodType.methodType(Object.class, Message.class, int.class), element),
          bind(Count.class, "count", MethodType.methodType(int.class, Message.class), size),
          null, messageClassOf(field, type), true);
    }
    Method getter = owner.getMethod("get" + name);
    if (getter.getReturnType() != type || !isPublicInstance(getter)) {
      throw new NoSuchMethodException(field.getFullName());
    }
    Has has = null;
    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      Method hasser = owner.getMethod("has" + name);
      if (hasser.getReturnType() != boolean.class || !isPublicInstance(hasser)) {
        throw new NoSuchMethodException(field.getFullName());
      }
      has = bind(Has.class, "has", MethodType.methodType(boolean.class, Message.class), hasser);
    }
    return new FieldReader(bind(Get.class, "get", MethodType.methodType(Object.class, Message.class), getter),
        null, null, has, messageClassOf(field, type), true);
  }

  /** The Java type the generated getter returns for one value of the field. */
  private static Class<?> javaType(FieldDescriptor field, Class<?> owner, String name) throws NoSuchMethodException {
    switch (field.getJavaType()) {
      case STRING:
        return String.class;
      case BYTE_STRING:
        return com.google.protobuf.ByteString.class;
      case MESSAGE:
        // The element type of getFoo(int) or the type of getFoo(): the generated class of the field's type.
        Method m = field.isRepeated() ? owner.getMethod("get" + name, int.class) : owner.getMethod("get" + name);
        if (!Message.class.isAssignableFrom(m.getReturnType())) {
          throw new NoSuchMethodException(field.getFullName());
        }
        return m.getReturnType();
      default:
        throw new NoSuchMethodException(field.getFullName() + " is not text or a message");
    }
  }

  private static Class<?> messageClassOf(FieldDescriptor field, Class<?> type) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? type : null;
  }

  private static FieldReader reflective(FieldDescriptor field) {
    return new FieldReader(
        message -> message.getField(field),
        (message, index) -> message.getRepeatedField(field, index),
        message -> message.getRepeatedFieldCount(field),
        message -> message.hasField(field),
        null, false);
  }

  private static boolean isPublicInstance(Method m) {
    return Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
        && Modifier.isPublic(m.getDeclaringClass().getModifiers());
  }

  /** The method as an instance of a functional interface: a direct call once the JIT has seen it. */
  private static <T> T bind(Class<T> type, String method, MethodType erased, Method target)
      throws ReflectiveOperationException {
    MethodHandle handle = LOOKUP.unreflect(target);
    try {
      // The interface takes any Message; the call site casts to the generated class.
      Object f = LambdaMetafactory.metafactory(LOOKUP, method, MethodType.methodType(type), erased, handle, handle.type())
          .getTarget().invoke();
      return type.cast(f);
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      throw new ReflectiveOperationException("cannot bind " + target, e);
    }
  }

  /**
   * The name protobuf's Java generator derives from a field or oneof name: underscores dropped, the
   * letter after one, after a digit and at the start upper-cased ("window_title" to "WindowTitle").
   */
  static String camelCase(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean upperNext = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'a' && c <= 'z') {
        b.append(upperNext ? (char) (c - 32) : c);
        upperNext = false;
      } else if (c >= 'A' && c <= 'Z') {
        b.append(c);
        upperNext = false;
      } else if (c >= '0' && c <= '9') {
        b.append(c);
        upperNext = true;
      } else {
        upperNext = true;
      }
    }
    return b.toString();
  }
}
