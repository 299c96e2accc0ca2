package dev.understudy.plugins.office.atspi;

import dev.understudy.plugins.office.a11y.TreeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AT-SPI desktop read as a tree, for snapshots: the active window (an application's top-level
 * child with the {@code active} state, else the one titled as the action's window) and per node its
 * role, name, states and screen extents, each a time-bounded D-Bus call made only when the walk gets
 * there. Thread-safe as {@link DbusCalls}; used from the snapshot thread only.
 */
final class AtspiTree implements TreeSource<Node> {
  /** Where the desktop's applications hang. */
  static final Node DESKTOP = new Node(Registry.NAME, "/org/a11y/atspi/accessible/root");
  /** Most applications and windows looked at to find the active one. */
  private static final int MAX_WINDOWS = 64;
  /** AT-SPI state names by number ({@code AtspiStateType}). */
  private static final List<String> STATES = List.of("invalid", "active", "armed", "busy", "checked", "collapsed",
      "defunct", "editable", "enabled", "expandable", "expanded", "focusable", "focused", "has tooltip", "horizontal",
      "iconified", "modal", "multi line", "multiselectable", "opaque", "pressed", "resizable", "selectable", "selected",
      "sensitive", "showing", "single line", "stale", "transient", "vertical", "visible", "manages descendants",
      "indeterminate", "required", "truncated", "animated", "invalid entry", "supports autocompletion",
      "selectable text", "is default", "visited", "checkable", "has popup", "read only");
  private static final int ACTIVE = 1;

  private final DbusCalls bus;

  AtspiTree(DbusCalls bus) {
    this.bus = bus;
  }

  /** The window to snapshot: the active one, else one named {@code title}; empty when there is neither. */
  Optional<Node> window(String title) throws Exception {
    Node named = null;
    for (Node app : children(DESKTOP, MAX_WINDOWS)) {
      List<Node> windows;
      try {
        windows = children(app, MAX_WINDOWS);
      } catch (Exception e) {
        continue; // an application that went away
      }
      for (Node w : windows) {
        try {
          if ((DbusCalls.states(bus.call(bus.remote(w, Accessible.class), "GetState")) & (1L << ACTIVE)) != 0) {
            return Optional.of(w);
          }
          if (named == null && !title.isEmpty() && title.equals(name(w))) {
            named = w;
          }
        } catch (Exception e) {
          // a window that closed while we looked
        }
      }
    }
    return Optional.ofNullable(named);
  }

  @Override
  public String role(Node node) throws Exception {
    return bus.call(bus.remote(node, Accessible.class), "GetRoleName");
  }

  @Override
  public String name(Node node) throws Exception {
    return bus.name(node);
  }

  @Override
  public List<String> states(Node node) throws Exception {
    long mask = DbusCalls.states(bus.call(bus.remote(node, Accessible.class), "GetState"));
    List<String> out = new ArrayList<>();
    for (int i = 1; i < STATES.size(); i++) {
      if ((mask & (1L << i)) != 0) {
        out.add(STATES.get(i));
      }
    }
    return out;
  }

  @Override
  public Optional<int[]> bounds(Node node) {
    try {
      Object v = bus.call(bus.remote(node, Component.class), "GetExtents", Component.SCREEN);
      if (v instanceof Extents e) {
        return Optional.of(e.toArray());
      }
      if (v instanceof Object[] a && a.length == 4) {
        return Optional.of(new int[] {((Number) a[0]).intValue(), ((Number) a[1]).intValue(),
            ((Number) a[2]).intValue(), ((Number) a[3]).intValue()});
      }
    } catch (Exception e) {
      // not a component (no place on the screen)
    }
    return Optional.empty();
  }

  @Override
  public List<Node> children(Node node, int max) throws Exception {
    Object v = bus.call(bus.remote(node, Accessible.class), "GetChildren");
    List<Node> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object o : list) {
        Node n = DbusCalls.ref(o);
        if (n != null && !n.path().endsWith("/null") && out.size() < max) {
          out.add(n);
        }
      }
    }
    return out;
  }
}
