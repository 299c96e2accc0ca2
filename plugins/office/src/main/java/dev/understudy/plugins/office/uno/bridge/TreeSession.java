package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.accessibility.AccessibleRole;
import com.sun.star.accessibility.AccessibleStateType;
import com.sun.star.accessibility.XAccessible;
import com.sun.star.accessibility.XAccessibleContext;
import com.sun.star.awt.XExtendedToolkit;
import com.sun.star.frame.XDesktop2;
import com.sun.star.frame.XFrame;
import com.sun.star.uno.UnoRuntime;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.uno.UnoTree;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
  /** State names as a snapshot gives them: {@code "focusable"}, {@code "multi line"}. */
  private static final Map<Long, String> STATES = stateNames(constants(AccessibleStateType.class));

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

  private static Map<Long, String> stateNames(Map<Long, String> constants) {
    Map<Long, String> m = new HashMap<>();
    constants.forEach((value, name) -> m.put(value, name.toLowerCase(Locale.ROOT).replace('_', ' ')));
    return Map.copyOf(m);
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
  public List<String> states(Object node) {
    Object set = A11yCalls.stateSet(context(node));
    List<String> names = new ArrayList<>();
    if (set instanceof Number flags) {
      long bits = flags.longValue();
      STATES.forEach((value, name) -> {
        if (value != 0 && Long.bitCount(value) == 1 && (bits & value) != 0) {
          names.add(name);
        }
      });
    } else if (set != null) {
      for (short s : A11yCalls.stateIds(set)) {
        String name = STATES.get((long) s);
        if (name != null) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public Optional<int[]> bounds(Object node) {
    return Optional.ofNullable(A11yCalls.bounds(node));
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
