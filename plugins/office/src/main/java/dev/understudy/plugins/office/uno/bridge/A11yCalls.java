package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.accessibility.AccessibleStateType;
import com.sun.star.accessibility.XAccessible;
import com.sun.star.accessibility.XAccessibleContext;
import com.sun.star.accessibility.XAccessibleSelection;
import com.sun.star.uno.Any;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The accessibility calls whose Java signatures changed between LibreOffice releases (child indexes and
 * counts went from {@code long} to {@code hyper}, states from ids to bit flags in 7.5), made through
 * reflection against whatever classes the installation has. Stateless apart from the looked-up methods.
 */
final class A11yCalls {
  private static final Method CHILD_COUNT = method(XAccessibleContext.class, "getAccessibleChildCount");
  private static final Method CHILD = method(XAccessibleContext.class, "getAccessibleChild");
  private static final Method SELECTED_COUNT = method(XAccessibleSelection.class, "getSelectedAccessibleChildCount");
  private static final Method SELECTED = method(XAccessibleSelection.class, "getSelectedAccessibleChild");

  /** State values as this installation sends them in STATE_CHANGED events. */
  static final long FOCUSED = state("FOCUSED");
  static final long CHECKED = state("CHECKED");
  static final long DEFAULT = state("DEFAULT");
  private static final Method STATE_SET = method(XAccessibleContext.class, "getAccessibleStateSet");

  private A11yCalls() {}

  private static Method method(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException(type.getName() + "." + name + " is missing from LibreOffice's classes");
  }

  private static long state(String name) {
    try {
      return ((Number) AccessibleStateType.class.getField(name).get(null)).longValue();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("AccessibleStateType." + name + " is missing from LibreOffice's classes", e);
    }
  }

  static long childCount(XAccessibleContext context) {
    return ((Number) invoke(CHILD_COUNT, context)).longValue();
  }

  static XAccessible child(XAccessibleContext context, long index) {
    return (XAccessible) invoke(CHILD, context, index(CHILD, index));
  }

  static long selectedCount(XAccessibleSelection selection) {
    return ((Number) invoke(SELECTED_COUNT, selection)).longValue();
  }

  static XAccessible selected(XAccessibleSelection selection, long index) {
    return (XAccessible) invoke(SELECTED, selection, index(SELECTED, index));
  }

  /**
   * Whether the element is in this state now: the state set is a bit mask from LibreOffice 7.5, an
   * {@code XAccessibleStateSet} of state numbers before.
   */
  static boolean hasState(XAccessibleContext context, long state) {
    Object set = invoke(STATE_SET, context);
    if (set instanceof Number n) {
      return (n.longValue() & state) != 0;
    }
    if (set == null) {
      return false;
    }
    try {
      Method contains = STATE_SET.getReturnType().getMethod("contains", short.class);
      return (Boolean) invoke(contains, set, (short) state);
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** The state number in a STATE_CHANGED event's old or new value, or -1 when there is none. */
  static long stateOf(Object value) {
    Object v = value instanceof Any any ? any.getObject() : value;
    return v instanceof Number n ? n.longValue() : -1;
  }

  private static Object index(Method m, long index) {
    return m.getParameterTypes()[0] == int.class ? (Object) (int) index : (Object) index;
  }

  private static Object invoke(Method m, Object target, Object... args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(m.getName() + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(m.getName() + " is not accessible", e);
    }
  }
}
