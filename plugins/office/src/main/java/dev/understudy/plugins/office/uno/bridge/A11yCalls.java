package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.accessibility.AccessibleStateType;
import com.sun.star.accessibility.XAccessible;
import com.sun.star.accessibility.XAccessibleComponent;
import com.sun.star.accessibility.XAccessibleContext;
import com.sun.star.accessibility.XAccessibleSelection;
import com.sun.star.awt.Point;
import com.sun.star.awt.Size;
import com.sun.star.uno.Any;
import com.sun.star.uno.UnoRuntime;
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
  /** The state set's methods before LibreOffice 7.5 (null from 7.5, where the state set is bit flags). */
  private static final Method STATE_IDS = stateSetMethod("getStates");
  private static final Method CONTAINS = stateSetMethod("contains", short.class);

  private A11yCalls() {}

  private static Method method(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException(type.getName() + "." + name + " is missing from LibreOffice's classes");
  }

  private static Method stateSetMethod(String name, Class<?>... parameters) {
    Class<?> set = STATE_SET.getReturnType();
    if (set.isPrimitive()) {
      return null;
    }
    try {
      return set.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
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
    if (set == null || CONTAINS == null) {
      return false;
    }
    return (Boolean) invoke(CONTAINS, set, (short) state);
  }

  /**
   * The element's states as this installation gives them: a bit mask ({@link Number}) from LibreOffice 7.5, a
   * state set before (read with {@link #stateIds}), or null.
   */
  static Object stateSet(XAccessibleContext context) {
    return invoke(STATE_SET, context);
  }

  /** The state numbers in a state set from before LibreOffice 7.5; none when it has no list of them. */
  static short[] stateIds(Object set) {
    Object ids = STATE_IDS == null ? null : invoke(STATE_IDS, set);
    return ids instanceof short[] list ? list : new short[0];
  }

  /** Where an element is on the screen, {x, y, width, height}, or null when it is not a component (has no place). */
  static int[] bounds(Object element) {
    XAccessibleComponent component = UnoRuntime.queryInterface(XAccessibleComponent.class, element);
    if (component == null) {
      return null;
    }
    Point at = component.getLocationOnScreen();
    Size size = component.getSize();
    return new int[] {at.X, at.Y, size.Width, size.Height};
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
