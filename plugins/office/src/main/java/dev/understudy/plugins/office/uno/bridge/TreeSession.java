package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.accessibility.AccessibleRole;
import com.sun.star.accessibility.AccessibleStateType;
import com.sun.star.accessibility.XAccessible;
import com.sun.star.accessibility.XAccessibleComponent;
import com.sun.star.accessibility.XAccessibleContext;
import com.sun.star.awt.Point;
import com.sun.star.awt.Size;
import com.sun.star.awt.XExtendedToolkit;
import com.sun.star.frame.XDesktop2;
import com.sun.star.frame.XFrame;
import com.sun.star.uno.UnoRuntime;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.uno.UnoTree;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link UnoTree} over a connection of its own: the active top window from the toolkit (falling back to
 * the desktop's current frame), and per node its role, name, states and screen bounds. Role and state
 * names are read from LibreOffice's constant groups by reflection ({@code PUSH_BUTTON} becomes
 * {@code "push button"}); states are decoded both as the 7.4 state set and as 7.5's bit flags.
 * Not thread-safe: the snapshot thread only.
 */
public final class TreeSession implements UnoTree {
  private static final Map<Long, String> ROLES = constants(AccessibleRole.class);
  private static final Map<Long, String> STATES = constants(AccessibleStateType.class);
  /** Returns a state set before LibreOffice 7.5, bit flags since. */
  private static final Method STATE_SET = stateSet();

  private Connection connection;
  private XExtendedToolkit toolkit;
  private XDesktop2 desktop;

  /** For {@link dev.understudy.plugins.office.uno.BridgeLoader}. */
  public TreeSession() {}

  private static Map<Long, String> constants(Class<?> group) {
    Map<Long, String> m = new HashMap<>();
    for (Field f : group.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        try {
          if (f.get(null) instanceof Number n) {
            m.putIfAbsent(n.longValue(), f.getName());
          }
        } catch (IllegalAccessException e) {
          // not a constant we can read
        }
      }
    }
    return Map.copyOf(m);
  }

  private static Method stateSet() {
    try {
      return XAccessibleContext.class.getMethod("getAccessibleStateSet");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("XAccessibleContext.getAccessibleStateSet is missing from LibreOffice's classes", e);
    }
  }

  @Override
  public void open(String connect, Duration timeout) throws BackendException {
    connection = Connection.open(connect, timeout, "snapshots need the same LibreOffice the recorder is attached to");
    try {
      toolkit = UnoRuntime.queryInterface(XExtendedToolkit.class, connection.create("com.sun.star.awt.Toolkit"));
      desktop = com.sun.star.frame.Desktop.create(connection.context);
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      close();
      throw new BackendException("could not read LibreOffice's windows on " + connect + ": " + e, e);
    }
  }

  @Override
  public Optional<Object> activeWindow() {
    XAccessible window = toolkit == null ? null : UnoRuntime.queryInterface(XAccessible.class, toolkit.getActiveTopWindow());
    if (window == null && desktop != null) {
      XFrame frame = desktop.getCurrentFrame();
      window = frame == null ? null : UnoRuntime.queryInterface(XAccessible.class, frame.getContainerWindow());
    }
    return Optional.ofNullable(window == null ? null : window.getAccessibleContext());
  }

  @Override
  public String role(Object node) {
    return ROLES.getOrDefault((long) context(node).getAccessibleRole(), "unknown");
  }

  @Override
  public String name(Object node) {
    return context(node).getAccessibleName();
  }

  @Override
  public List<String> states(Object node) throws ReflectiveOperationException {
    Object set = STATE_SET.invoke(context(node));
    List<String> names = new ArrayList<>();
    if (set instanceof Number flags) {
      long bits = flags.longValue();
      STATES.forEach((value, name) -> {
        if (value != 0 && Long.bitCount(value) == 1 && (bits & value) != 0) {
          names.add(name.toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
      });
    } else if (set != null) {
      Object states = Class.forName("com.sun.star.accessibility.XAccessibleStateSet", true,
          TreeSession.class.getClassLoader()).getMethod("getStates").invoke(set);
      if (states instanceof short[] list) {
        for (short s : list) {
          String name = STATES.get((long) s);
          if (name != null) {
            names.add(name.toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
          }
        }
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public Optional<int[]> bounds(Object node) {
    XAccessibleComponent component = UnoRuntime.queryInterface(XAccessibleComponent.class, node);
    if (component == null) {
      return Optional.empty();
    }
    Point at = component.getLocationOnScreen();
    Size size = component.getSize();
    return Optional.of(new int[] {at.X, at.Y, size.Width, size.Height});
  }

  @Override
  public List<Object> children(Object node, int max) {
    XAccessibleContext c = context(node);
    long count = Math.min(A11yCalls.childCount(c), max);
    List<Object> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      XAccessible child = A11yCalls.child(c, i);
      XAccessibleContext cc = child == null ? null : child.getAccessibleContext();
      if (cc != null) {
        out.add(cc);
      }
    }
    return out;
  }

  private static XAccessibleContext context(Object node) {
    return (XAccessibleContext) node;
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
    toolkit = null;
    desktop = null;
  }
}
