package dev.understudy.plugins.office.agent.inapp;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Window;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.accessibility.Accessible;
import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.swing.JComponent;
import javax.swing.JInternalFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JPasswordField;
import javax.swing.JPopupMenu;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.border.Border;
import javax.swing.border.TitledBorder;

/**
 * Names components the way assistive technology sees them, through {@code javax.accessibility}:
 * role, accessible name (a {@code JLabel.setLabelFor} label names its field), the containers around
 * it, where it is on screen and a path to find it again. Menu items live in popup windows outside the
 * frame's tree; they are followed back to their menu bar through {@link JPopupMenu#getInvoker()}.
 *
 * <p>Threading: the Swing event thread only (Swing components are not thread-safe). Never reads the
 * text of a password field.
 */
final class Describer {
  /** Deepest accessibility path written; deeper trees are cut from the top. */
  static final int MAX_PATH_DEPTH = 24;

  private Describer() {}

  /** The role of a component in {@code javax.accessibility} English terms ("push button"). */
  static String role(Component c) {
    AccessibleContext ac = context(c);
    if (ac == null || ac.getAccessibleRole() == null) {
      return c instanceof Window ? "window" : "unknown";
    }
    return ac.getAccessibleRole().toDisplayString(Locale.US);
  }

  /** A field whose value must never leave the application. */
  static boolean secure(Component c) {
    AccessibleContext ac = context(c);
    return c instanceof JPasswordField || ac != null && ac.getAccessibleRole() == AccessibleRole.PASSWORD_TEXT;
  }

  /** The accessible name, falling back to the tooltip; {@code null} when there is none. */
  static String name(Component c) {
    if (c instanceof Frame f) {
      return f.getTitle();
    }
    if (c instanceof Dialog d) {
      return d.getTitle();
    }
    AccessibleContext ac = context(c);
    String name = ac == null ? null : ac.getAccessibleName();
    if ((name == null || name.isBlank()) && c instanceof JComponent jc) {
      name = jc.getToolTipText();
    }
    return name == null || name.isBlank() ? null : name.strip();
  }

  /** The window a component belongs to; a menu item belongs to the window of its menu bar. */
  static Window windowOf(Component c) {
    Component at = c;
    for (int hops = 0; at != null && hops < 16; hops++) {
      JPopupMenu popup = at instanceof JPopupMenu p ? p
          : (JPopupMenu) SwingUtilities.getAncestorOfClass(JPopupMenu.class, at);
      if (popup == null || popup.getInvoker() == null) {
        break;
      }
      at = popup.getInvoker();
    }
    return at instanceof Window w ? w : at == null ? null : SwingUtilities.getWindowAncestor(at);
  }

  /** The title of a frame or dialog, else {@code null}. */
  static String title(Window w) {
    if (w instanceof Frame f) {
      return f.getTitle();
    }
    if (w instanceof Dialog d) {
      return d.getTitle();
    }
    return null;
  }

  /** "File > Export": the names from the menu bar down to the item, through popup invokers. */
  static List<String> menuPath(JMenuItem item) {
    Deque<String> path = new ArrayDeque<>();
    Component at = item;
    for (int hops = 0; at != null && hops < 16; hops++) {
      if (at instanceof JMenuItem mi) {
        path.addFirst(label(mi));
      }
      Container parent = at.getParent();
      if (parent instanceof JPopupMenu popup) {
        at = popup.getInvoker();
      } else if (parent instanceof JMenuBar || parent == null) {
        break;
      } else {
        at = parent;
      }
    }
    return new ArrayList<>(path);
  }

  private static String label(JMenuItem item) {
    String text = item.getText();
    if (text != null && !text.isBlank()) {
      return text.strip();
    }
    String name = name(item);
    return name == null ? "" : name;
  }

  /** Whether a menu item lives in a menu (its popup has a {@link JMenu} invoker). */
  static boolean inMenu(JMenuItem item) {
    return item.getParent() instanceof JPopupMenu popup && popup.getInvoker() instanceof JMenu;
  }

  /** The target description the backend turns into a {@code Target}. */
  static Json target(Component c) {
    Json t = Json.object().put("role", role(c)).put("name", name(c));
    if (secure(c)) {
      t.put("secure", true);
    }
    if (c instanceof JComponent jc) {
      if (jc.getName() != null && !jc.getName().isBlank()) {
        t.put("testId", jc.getName());
      }
      if (jc.getClientProperty("labeledBy") instanceof JLabel label && label.getText() != null) {
        t.put("label", label.getText().strip());
      }
    }
    if (c.isShowing()) {
      Point p = c.getLocationOnScreen();
      t.putInts("bounds", p.x, p.y, c.getWidth(), c.getHeight());
    }
    t.put("path", path(c));
    t.putObjects("context", context(c, windowOf(c)));
    return t;
  }

  /** The containers around a component, outermost first: its window, internal frames, tabs, titled groups. */
  static List<Json> context(Component c, Window window) {
    Deque<Json> out = new ArrayDeque<>();
    Component child = c;
    for (Container at = c.getParent(); at != null && !(at instanceof Window); at = at.getParent()) {
      if (at instanceof JPopupMenu) {
        break;
      }
      if (at instanceof JInternalFrame f) {
        out.addFirst(Json.object().put("role", "internal frame").put("name", f.getTitle()));
      } else if (at instanceof JTabbedPane tabs) {
        int index = tabs.indexOfComponent(child);
        if (index >= 0) {
          out.addFirst(Json.object().put("role", "page tab").put("name", tabs.getTitleAt(index)));
        }
      } else if (at instanceof JComponent jc && titled(jc.getBorder()) != null) {
        out.addFirst(Json.object().put("role", "panel").put("name", titled(jc.getBorder())));
      }
      child = at;
    }
    if (window != null && window != c) {
      out.addFirst(Json.object().put("role", role(window)).put("name", title(window)));
    }
    return new ArrayList<>(out);
  }

  private static String titled(Border border) {
    return border instanceof TitledBorder tb && tb.getTitle() != null && !tb.getTitle().isBlank() ? tb.getTitle() : null;
  }

  /**
   * A path through the accessibility tree from the window: {@code frame/root pane/.../push button[name=OK]},
   * with a 1-based index where a parent has several children of the same role.
   */
  static String path(Component c) {
    AccessibleContext leaf = context(c);
    if (leaf == null) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    AccessibleContext at = leaf;
    for (int depth = 0; at != null && depth < MAX_PATH_DEPTH; depth++) {
      String role = at.getAccessibleRole() == null ? "unknown" : at.getAccessibleRole().toDisplayString(Locale.US);
      Accessible parent = at.getAccessibleParent();
      AccessibleContext pc = parent == null ? null : parent.getAccessibleContext();
      String part = role;
      if (at == leaf && name(c) != null) {
        part += "[name=" + name(c) + "]";
      } else if (pc != null) {
        int same = 0;
        int mine = 0;
        int n = Math.min(pc.getAccessibleChildrenCount(), 512);
        for (int i = 0; i < n; i++) {
          Accessible sibling = pc.getAccessibleChild(i);
          AccessibleContext sc = sibling == null ? null : sibling.getAccessibleContext();
          if (sc != null && sc.getAccessibleRole() == at.getAccessibleRole()) {
            same++;
            if (sc == at) {
              mine = same;
            }
          }
        }
        if (same > 1 && mine > 0) {
          part += "[" + mine + "]";
        }
      }
      parts.addFirst(part);
      at = pc;
    }
    return String.join("/", parts);
  }

  static AccessibleContext context(Component c) {
    try {
      return c.getAccessibleContext();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
