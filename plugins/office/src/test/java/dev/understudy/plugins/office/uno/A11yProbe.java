package dev.understudy.plugins.office.uno;

import com.sun.star.accessibility.AccessibleRole;
import com.sun.star.accessibility.XAccessible;
import com.sun.star.accessibility.XAccessibleComponent;
import com.sun.star.accessibility.XAccessibleContext;
import com.sun.star.awt.Point;
import com.sun.star.awt.Size;
import com.sun.star.beans.XPropertySet;
import com.sun.star.bridge.XUnoUrlResolver;
import com.sun.star.comp.helper.Bootstrap;
import com.sun.star.container.XIndexAccess;
import com.sun.star.frame.XDesktop;
import com.sun.star.frame.XFrame;
import com.sun.star.frame.XFramesSupplier;
import com.sun.star.lang.XComponent;
import com.sun.star.lang.XMultiComponentFactory;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.uno.XComponentContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a person sees on screen, for tests: the screen bounds of a toolbar button, read through
 * LibreOffice's accessibility API on a connection of the test's own (LibreOffice's classes are on the
 * test class path). Not part of what is tested.
 */
final class A11yProbe {
  private A11yProbe() {}

  /** {x, y, width, height} of a cell of the active sheet of the Calc frame titled {@code frameTitle}. */
  static int[] cellBounds(String connect, String frameTitle, int row, int column) throws Exception {
    return withFrame(connect, frameTitle, frame -> {
      XAccessible root = UnoRuntime.queryInterface(XAccessible.class, frame.getContainerWindow());
      XAccessibleContext table = find(root.getAccessibleContext(), c -> c.getAccessibleRole() == AccessibleRole.TABLE);
      XAccessible cell = UnoRuntime.queryInterface(com.sun.star.accessibility.XAccessibleTable.class, table)
          .getAccessibleCellAt(row, column);
      return bounds(cell.getAccessibleContext());
    });
  }

  /** The first element, depth first, that matches; text documents and tables (a million cells) are not entered. */
  private static XAccessibleContext find(XAccessibleContext start, java.util.function.Predicate<XAccessibleContext> what)
      throws Exception {
    Deque<XAccessibleContext> todo = new ArrayDeque<>();
    todo.push(start);
    while (!todo.isEmpty()) {
      XAccessibleContext c = todo.pop();
      if (what.test(c)) {
        return c;
      }
      short r = c.getAccessibleRole();
      if (r == AccessibleRole.TABLE || r == AccessibleRole.DOCUMENT_TEXT) {
        continue;
      }
      int n = c.getAccessibleChildCount();
      for (int k = 0; k < n && k < 1000; k++) {
        XAccessible child = c.getAccessibleChild(k);
        if (child != null) {
          todo.push(child.getAccessibleContext());
        }
      }
    }
    return null;
  }

  private static int[] bounds(XAccessibleContext c) {
    XAccessibleComponent component = UnoRuntime.queryInterface(XAccessibleComponent.class, c);
    Point at = component.getLocationOnScreen();
    Size size = component.getSize();
    return new int[] {at.X, at.Y, size.Width, size.Height};
  }

  /** {x, y, width, height} of the element with this role name ({@code TOGGLE_BUTTON}) and name in a toolbar. */
  static int[] bounds(String connect, String frameTitle, short role, String name) throws Exception {
    return withFrame(connect, frameTitle, frame -> {
      XAccessible root = UnoRuntime.queryInterface(XAccessible.class, frame.getContainerWindow());
      XAccessibleContext found = find(root.getAccessibleContext(),
          c -> c.getAccessibleRole() == role && name.equals(c.getAccessibleName()));
      if (found == null) {
        throw new AssertionError("no element '" + name + "' with role " + role + " in a frame titled '" + frameTitle + "'");
      }
      return bounds(found);
    });
  }

  /** {x, y, width, height} of the element with this role and name in the open dialog titled {@code dialogTitle}. */
  static int[] dialogBounds(String connect, String dialogTitle, short role, String name) throws Exception {
    return withOffice(connect, office -> {
      com.sun.star.awt.XExtendedToolkit toolkit = UnoRuntime.queryInterface(com.sun.star.awt.XExtendedToolkit.class,
          office.getServiceManager().createInstanceWithContext("com.sun.star.awt.Toolkit", office));
      for (int i = 0; i < toolkit.getTopWindowCount(); i++) {
        XAccessible window = UnoRuntime.queryInterface(XAccessible.class, toolkit.getTopWindow(i));
        if (window == null || !dialogTitle.equalsIgnoreCase(window.getAccessibleContext().getAccessibleName())) {
          continue;
        }
        XAccessibleContext found = find(window.getAccessibleContext(),
            c -> c.getAccessibleRole() == role && name.equals(c.getAccessibleName()));
        if (found != null) {
          return bounds(found);
        }
      }
      throw new AssertionError("no element '" + name + "' in a dialog titled '" + dialogTitle + "'");
    });
  }

  private interface OfficeQuery {
    int[] ask(XComponentContext office) throws Exception;
  }

  private interface FrameQuery {
    int[] ask(XFrame frame) throws Exception;
  }

  private static int[] withFrame(String connect, String frameTitle, FrameQuery query) throws Exception {
    return withOffice(connect, office -> {
      XDesktop desktop = UnoRuntime.queryInterface(XDesktop.class,
          office.getServiceManager().createInstanceWithContext("com.sun.star.frame.Desktop", office));
      XIndexAccess frames = UnoRuntime.queryInterface(XIndexAccess.class,
          UnoRuntime.queryInterface(XFramesSupplier.class, desktop).getFrames());
      for (int i = 0; i < frames.getCount(); i++) {
        XFrame frame = UnoRuntime.queryInterface(XFrame.class, frames.getByIndex(i));
        String title = (String) UnoRuntime.queryInterface(XPropertySet.class, frame).getPropertyValue("Title");
        if (title.contains(frameTitle)) {
          return query.ask(frame);
        }
      }
      throw new AssertionError("no frame titled '" + frameTitle + "'");
    });
  }

  private static int[] withOffice(String connect, OfficeQuery query) throws Exception {
    XComponentContext local = Bootstrap.createInitialComponentContext(null);
    XMultiComponentFactory lsm = local.getServiceManager();
    XUnoUrlResolver resolver = UnoRuntime.queryInterface(XUnoUrlResolver.class,
        lsm.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local));
    XComponentContext office = UnoRuntime.queryInterface(XComponentContext.class,
        resolver.resolve("uno:" + connect + ";urp;StarOffice.ComponentContext"));
    try {
      return query.ask(office);
    } finally {
      // Close this probe's own bridge so that nothing of it stays behind in LibreOffice.
      com.sun.star.bridge.XBridgeFactory factory = UnoRuntime.queryInterface(com.sun.star.bridge.XBridgeFactory.class,
          lsm.createInstanceWithContext("com.sun.star.bridge.BridgeFactory", local));
      for (com.sun.star.bridge.XBridge b : factory.getExistingBridges()) {
        UnoRuntime.queryInterface(XComponent.class, b).dispose();
      }
    }
  }
}
