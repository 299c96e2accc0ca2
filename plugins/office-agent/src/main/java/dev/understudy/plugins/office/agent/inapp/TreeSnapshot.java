package dev.understudy.plugins.office.agent.inapp;

import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.accessibility.Accessible;
import javax.accessibility.AccessibleComponent;
import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.accessibility.AccessibleState;
import javax.accessibility.AccessibleStateSet;

/**
 * A snapshot of a window's accessibility tree: role, name, states and screen bounds of each node, no
 * values (text content, passwords and numbers stay in the application). At most {@value #MAX_NODES}
 * nodes, {@value #MAX_DEPTH} deep; a cut tree says so with {@code "truncated":true}.
 *
 * <p>Threading: the Swing event thread only.
 */
final class TreeSnapshot {
  /** Most nodes in one snapshot: {@value}. */
  static final int MAX_NODES = 400;
  /** Deepest level walked: {@value}. */
  static final int MAX_DEPTH = 40;

  /** States that are on for almost everything and say nothing. */
  private static final List<AccessibleState> NOISE = List.of(AccessibleState.ENABLED, AccessibleState.VISIBLE,
      AccessibleState.SHOWING, AccessibleState.OPAQUE);

  private int nodes;
  private boolean truncated;

  private TreeSnapshot() {}

  /** The tree under this component (usually a window) as one JSON object. */
  static Json of(Component root) {
    TreeSnapshot s = new TreeSnapshot();
    Json tree = s.node(root.getAccessibleContext(), 0);
    return Json.object().put("nodes", s.nodes).put("truncated", s.truncated).put("root", tree);
  }

  private Json node(AccessibleContext ac, int depth) {
    if (ac == null) {
      return null;
    }
    nodes++;
    AccessibleRole role = ac.getAccessibleRole();
    Json n = Json.object().put("role", role == null ? "unknown" : role.toDisplayString(Locale.US));
    String name = ac.getAccessibleName();
    if (name != null && !name.isBlank() && role != AccessibleRole.PASSWORD_TEXT) {
      n.put("name", name.strip());
    }
    AccessibleStateSet states = ac.getAccessibleStateSet();
    if (states != null) {
      List<String> list = new ArrayList<>();
      for (AccessibleState st : states.toArray()) {
        if (!NOISE.contains(st)) {
          list.add(st.toDisplayString(Locale.US));
        }
      }
      if (!list.isEmpty()) {
        n.putStrings("states", list);
      }
    }
    AccessibleComponent comp = ac.getAccessibleComponent();
    if (comp != null && comp.isShowing()) {
      try {
        Point p = comp.getLocationOnScreen();
        Rectangle r = comp.getBounds();
        if (p != null && r != null) {
          n.putInts("bounds", p.x, p.y, r.width, r.height);
        }
      } catch (RuntimeException e) {
        // A component leaving the screen while we look: no bounds.
      }
    }
    int count = ac.getAccessibleChildrenCount();
    if (count > 0) {
      List<Json> children = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (nodes >= MAX_NODES || depth + 1 >= MAX_DEPTH) {
          truncated = true;
          break;
        }
        Accessible child = ac.getAccessibleChild(i);
        Json c = child == null ? null : node(child.getAccessibleContext(), depth + 1);
        if (c != null) {
          children.add(c);
        }
      }
      n.putObjects("children", children);
    }
    return n;
  }
}
