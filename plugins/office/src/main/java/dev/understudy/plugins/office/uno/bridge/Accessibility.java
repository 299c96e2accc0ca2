package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.accessibility.AccessibleEventId;
import com.sun.star.accessibility.AccessibleEventObject;
import com.sun.star.accessibility.AccessibleRole;
import com.sun.star.accessibility.XAccessible;
import com.sun.star.accessibility.XAccessibleContext;
import com.sun.star.accessibility.XAccessibleEventBroadcaster;
import com.sun.star.accessibility.XAccessibleEventListener;
import com.sun.star.accessibility.XAccessibleSelection;
import com.sun.star.accessibility.XAccessibleText;
import com.sun.star.accessibility.XAccessibleValue;
import com.sun.star.awt.Key;
import com.sun.star.awt.KeyEvent;
import com.sun.star.awt.XExtendedToolkit;
import com.sun.star.awt.XKeyHandler;
import com.sun.star.awt.XTopWindowListener;
import com.sun.star.lang.EventObject;
import com.sun.star.lib.uno.helper.WeakBase;
import com.sun.star.uno.Any;
import com.sun.star.uno.UnoRuntime;
import dev.understudy.plugins.office.uno.FrameContext;
import dev.understudy.plugins.office.uno.UnoElement;
import dev.understudy.plugins.office.uno.UnoEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Toolbars, menus and dialogs through UNO accessibility. Listeners are placed lazily, on a walker thread
 * of its own, over each frame window's accessible tree (about 900 elements in Writer, 1-2 s) and over
 * each dialog when it opens; document content (paragraphs, cells) is never walked. What each element is
 * (role, name, containers) is read once, when its listener is placed, so that an event is described from
 * that cache without calling LibreOffice; only values and bounds are read, on the capture thread.
 *
 * <p>What it reports: the toolbar item or menu item that took the focus (so that the command that follows
 * can say how it was invoked), and in dialogs the field focused, its typed value (never for a password
 * field), ticks and chosen options; dialogs opening and closing, and the button that closed one (while a
 * dialog is open a key handler notes Return, Space and Escape). Menus and dialogs are visible here when
 * LibreOffice draws them itself (the {@code gen} VCL plugin); with {@code gtk3} they are native widgets
 * that only AT-SPI sees.
 *
 * <p>Thread-safe. Bounded: at most {@value #MAX_ELEMENTS} elements are watched.
 */
final class Accessibility {
  private static final Logger LOG = Logger.getLogger(Accessibility.class.getName());
  static final int MAX_ELEMENTS = 8000;
  private static final Set<Short> EVENTS = Set.of(AccessibleEventId.STATE_CHANGED, AccessibleEventId.NAME_CHANGED,
      AccessibleEventId.TEXT_CHANGED,
      AccessibleEventId.VALUE_CHANGED, AccessibleEventId.SELECTION_CHANGED, AccessibleEventId.CHILD);

  /**
   * What is known of one watched element. The name can change (menus are named when they first open),
   * so it is updated on NAME_CHANGED and re-read when a menu or toolbar item takes the focus; the
   * containers are computed from the parents when needed, so they carry the current names too.
   */
  private static final class Node {
    final XAccessibleContext context;
    final short role;
    volatile String name;
    final Node parent;
    final String root;
    final FrameHooks owner;
    /** A dialog's default button: what Return presses when the focus is in a field. */
    volatile boolean isDefault;

    Node(XAccessibleContext context, short role, String name, Node parent, String root, FrameHooks owner) {
      this.context = context;
      this.role = role;
      this.name = name;
      this.parent = parent;
      this.root = root;
      this.owner = owner;
    }

    /** The named containers around this element, outermost first. */
    List<UnoElement.Container> path() {
      List<UnoElement.Container> p = new ArrayList<>();
      for (Node n = parent; n != null; n = n.parent) {
        String as = Roles.container(n.role, n.name);
        if (as != null) {
          p.add(0, new UnoElement.Container(as, n.name));
        }
      }
      return p;
    }

    boolean inside(short containerRole) {
      for (Node n = parent; n != null; n = n.parent) {
        if (n.role == containerRole) {
          return true;
        }
      }
      return false;
    }

    boolean inDialog() {
      for (Node n = parent; n != null; n = n.parent) {
        if (Roles.DIALOGS.contains(n.role)) {
          return true;
        }
      }
      return false;
    }

    /** Reads the names of this element and its menus again. Capture thread. */
    void refreshNames() {
      for (Node n = this; n != null && n.role != AccessibleRole.MENU_BAR; n = n.parent) {
        if (n == this || n.role == AccessibleRole.MENU) {
          String now = n.context.getAccessibleName();
          n.name = now == null ? "" : now;
        }
      }
    }
  }

  private final BridgeSession session;
  private final ExecutorService walker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "understudy-uno-a11y");
    t.setDaemon(true);
    t.setContextClassLoader(Accessibility.class.getClassLoader());
    return t;
  });
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final Map<String, XAccessibleEventBroadcaster> watched = new ConcurrentHashMap<>();
  private final Map<String, String> dialogWindows = new ConcurrentHashMap<>();
  private final Set<String> openDialogs = ConcurrentHashMap.newKeySet();
  private final Set<String> ownWindows = ConcurrentHashMap.newKeySet();
  private final Listener listener = new Listener();
  private final TopWindows topWindows = new TopWindows();
  private final Keys keys = new Keys();
  /** What may close each open dialog, by the dialog's window: capture thread only. */
  private final Map<String, Closer> closers = new ConcurrentHashMap<>();
  /** The dialog opened last and still open: the one the keyboard is in (dialogs are modal). */
  private volatile String topDialog;
  private volatile boolean keysWatched;
  private volatile XExtendedToolkit toolkit;
  private volatile boolean stopped;
  private volatile boolean full;

  Accessibility(BridgeSession session) {
    this.session = session;
  }

  void start() throws com.sun.star.uno.Exception {
    toolkit = UnoRuntime.queryInterface(XExtendedToolkit.class, session.create("com.sun.star.awt.Toolkit"));
    if (toolkit != null) {
      toolkit.addTopWindowListener(topWindows);
      // For the key that closes a dialog. Placed now: placed while a dialog is open, it waits for the dialog to end.
      toolkit.addKeyHandler(keys);
      keysWatched = true;
    }
  }

  /** Walks a frame's window, later, on the walker thread. */
  void watch(FrameHooks hooks) {
    walker.execute(() -> {
      XAccessible window = UnoRuntime.queryInterface(XAccessible.class, hooks.frame.getContainerWindow());
      if (window != null) {
        walk(window.getAccessibleContext(), null, "frame-" + hooks.id, hooks);
      }
    });
  }

  /** Elements watched now (tests, benchmarks). */
  int watchedCount() {
    return watched.size();
  }

  private record Pending(XAccessibleContext context, Node parent) {}

  private void walk(XAccessibleContext start, Node parent, String root, FrameHooks owner) {
    Deque<Pending> todo = new ArrayDeque<>();
    todo.push(new Pending(start, parent));
    while (!todo.isEmpty() && !stopped) {
      Pending item = todo.pop();
      try {
        Node node = watch(item.context(), item.parent(), root, owner);
        if (node == null || Roles.CONTENT.contains(node.role)) {
          continue;
        }
        long count = A11yCalls.childCount(item.context());
        for (long i = Math.min(count, 1000) - 1; i >= 0; i--) {
          XAccessible child = A11yCalls.child(item.context(), i);
          if (child != null) {
            todo.push(new Pending(child.getAccessibleContext(), node));
          }
        }
      } catch (RuntimeException e) {
        // An element that went away while being walked: skip it.
        LOG.log(Level.FINEST, "skipping an accessible element", e);
      }
    }
  }

  private Node watch(XAccessibleContext context, Node parent, String root, FrameHooks owner) {
    if (context == null) {
      return null;
    }
    String oid = UnoRuntime.generateOid(context);
    Node known = nodes.get(oid);
    if (known != null) {
      return known;
    }
    if (nodes.size() >= MAX_ELEMENTS) {
      if (!full) {
        full = true;
        LOG.warning("watching " + MAX_ELEMENTS + " accessible elements already; later ones are left out");
      }
      return null;
    }
    short role = context.getAccessibleRole();
    String name = context.getAccessibleName();
    Node node = new Node(context, role, name == null ? "" : name, parent, root, owner);
    if (role == AccessibleRole.PUSH_BUTTON && node.inDialog()) {
      node.isDefault = A11yCalls.hasState(context, A11yCalls.DEFAULT);
    }
    nodes.put(oid, node);
    if (!listens(node)) {
      return node; // known, for the paths of what is listened to, but quiet
    }
    XAccessibleEventBroadcaster broadcaster = UnoRuntime.queryInterface(XAccessibleEventBroadcaster.class, context);
    if (broadcaster != null && !stopped) {
      broadcaster.addAccessibleEventListener(listener);
      watched.put(oid, broadcaster);
    }
    return node;
  }

  /**
   * Whether an element gets a listener: menus and their items, toolbar buttons, and everything in a
   * dialog. Not the rest of the window: the sidebar rebuilds hundreds of elements on every Calc entry,
   * the status bar and the input line change on every key, and each event is a call from LibreOffice
   * into this process that LibreOffice waits for.
   */
  private static boolean listens(Node node) {
    if (Roles.CONTENT.contains(node.role)) {
      return false;
    }
    if (Roles.DIALOGS.contains(node.role) || node.inDialog()) {
      return true;
    }
    if (Roles.MENUS.contains(node.role) || Roles.MENU_ITEMS.contains(node.role)) {
      return true;
    }
    return Roles.TOOLBAR_ITEMS.contains(node.role) && node.inside(AccessibleRole.TOOL_BAR);
  }

  private void handle(short id, String oid, Object newValue, Object oldValue, long t) {
    if (id == AccessibleEventId.CHILD) {
      Node node = nodes.get(oid);
      XAccessible added = accessible(newValue);
      // Menus fill in when they open; dialogs change pages. Other containers' churn is not followed.
      boolean follow = node != null && (Roles.MENUS.contains(node.role) || Roles.DIALOGS.contains(node.role) || node.inDialog());
      if (follow && added != null) {
        walker.execute(() -> walk(added.getAccessibleContext(), node, node.root, node.owner));
      }
      return;
    }
    Node node = nodes.get(oid);
    if (node == null) {
      return;
    }
    switch (id) {
      case AccessibleEventId.NAME_CHANGED:
        String now = node.context.getAccessibleName();
        node.name = now == null ? "" : now;
        break;
      case AccessibleEventId.STATE_CHANGED:
        long gained = A11yCalls.stateOf(newValue);
        long lost = A11yCalls.stateOf(oldValue);
        if (gained == A11yCalls.FOCUSED) {
          focused(node, t);
        } else if ((gained == A11yCalls.CHECKED || lost == A11yCalls.CHECKED) && node.inDialog()
            && Roles.CHECKABLE.contains(node.role)) {
          emit(node, gained == A11yCalls.CHECKED ? UnoEvent.Change.CHECKED : UnoEvent.Change.UNCHECKED, "", false, t);
        }
        break;
      case AccessibleEventId.TEXT_CHANGED:
      case AccessibleEventId.VALUE_CHANGED:
        if (node.inDialog() && Roles.VALUE_FIELDS.contains(node.role)) {
          emit(field(node), UnoEvent.Change.VALUE, secure(node) ? "" : value(node.context), false, t);
        }
        break;
      case AccessibleEventId.SELECTION_CHANGED:
        if (node.inDialog() && Roles.CHOICES.contains(node.role)) {
          String option = selectedName(node.context);
          if (!option.isEmpty()) {
            emit(field(node), UnoEvent.Change.OPTION, option, false, t);
          }
        }
        break;
      default:
        break;
    }
  }

  private void focused(Node node, long t) {
    if (node.inDialog()) {
      Closer c = closers.computeIfAbsent(node.root, k -> new Closer());
      c.focus = node;
      c.key = 0;
    }
    if (Roles.MENU_ITEMS.contains(node.role) && node.inside(AccessibleRole.MENU)) {
      node.refreshNames();
      emit(node, UnoEvent.Change.MENU_ITEM, "", false, t);
    } else if (Roles.TOOLBAR_ITEMS.contains(node.role) && node.inside(AccessibleRole.TOOL_BAR) && !node.inDialog()) {
      node.refreshNames();
      emit(node, UnoEvent.Change.TOOLBAR_ITEM, "", true, t);
    } else if (node.inDialog() && node.role != AccessibleRole.DIALOG && node.role != AccessibleRole.PANEL) {
      emit(field(node), UnoEvent.Change.FOCUSED, "", false, t);
    }
  }

  /** The element a person would name: the combo box around its edit field or list. */
  private static Node field(Node node) {
    if (node.parent != null && node.parent.role == AccessibleRole.COMBO_BOX) {
      return node.parent;
    }
    return node;
  }

  private static boolean secure(Node node) {
    return node.role == AccessibleRole.PASSWORD_TEXT;
  }

  private void emit(Node node, UnoEvent.Change change, String value, boolean withBounds, long t) {
    UnoElement element = new UnoElement(Roles.aria(node.role), node.name, node.path(), secure(node),
        withBounds ? bounds(node.context) : List.of());
    FrameHooks owner = node.owner != null ? node.owner : session.active();
    FrameContext frame = owner == null ? null : owner.context();
    session.emit(new UnoEvent.Accessible(frame, change, element, value, t));
  }

  private static List<Integer> bounds(XAccessibleContext context) {
    int[] b = A11yCalls.bounds(context);
    return b == null ? List.of() : List.of(b[0], b[1], b[2], b[3]);
  }

  private static String value(XAccessibleContext context) {
    XAccessibleText text = UnoRuntime.queryInterface(XAccessibleText.class, context);
    if (text != null) {
      return text.getText();
    }
    XAccessibleValue value = UnoRuntime.queryInterface(XAccessibleValue.class, context);
    if (value != null) {
      Object v = value.getCurrentValue();
      return String.valueOf(v instanceof Any any ? any.getObject() : v);
    }
    return "";
  }

  private static String selectedName(XAccessibleContext context) {
    XAccessibleSelection selection = UnoRuntime.queryInterface(XAccessibleSelection.class, context);
    if (selection == null || A11yCalls.selectedCount(selection) < 1) {
      return "";
    }
    XAccessible chosen = A11yCalls.selected(selection, 0);
    return chosen == null ? "" : chosen.getAccessibleContext().getAccessibleName();
  }

  private static XAccessible accessible(Object value) {
    Object v = value instanceof Any any ? any.getObject() : value;
    return v == null ? null : UnoRuntime.queryInterface(XAccessible.class, v);
  }

  /**
   * The last thing done in an open dialog that could close it: the element that took the focus (a
   * button takes it when clicked), and a closing key pressed after that. Capture thread only.
   */
  private static final class Closer {
    Node focus;
    short key;
  }

  /** A closing key went to the dialog opened last. Capture thread. */
  private void keyed(short key) {
    String dialog = topDialog;
    if (dialog != null && dialogWindows.containsKey(dialog)) {
      closers.computeIfAbsent(dialog, k -> new Closer()).key = key;
    }
  }

  /**
   * The button that closed a dialog, from the last thing done in it: Escape is its Cancel (or Close)
   * button; Return or Space on a focused button is that button; Return in a field is the default button;
   * a button that took the focus with no key after it was clicked. Null when none of these. Capture thread,
   * before the dialog's elements are forgotten; no call into LibreOffice.
   */
  private Node closedBy(Closer c, String dialog) {
    if (c == null) {
      return null;
    }
    boolean onButton = c.focus != null && c.focus.role == AccessibleRole.PUSH_BUTTON;
    if (c.key == Key.ESCAPE) {
      return button(dialog, n -> n.name.equalsIgnoreCase("Cancel") || n.name.equalsIgnoreCase("Close"));
    }
    if (c.key == Key.RETURN || c.key == Key.SPACE) {
      return onButton ? c.focus : c.key == Key.RETURN ? button(dialog, n -> n.isDefault) : null;
    }
    return c.key == 0 && onButton ? c.focus : null;
  }

  private Node button(String dialog, java.util.function.Predicate<Node> which) {
    for (Node n : nodes.values()) {
      if (n.root.equals(dialog) && n.role == AccessibleRole.PUSH_BUTTON && which.test(n)) {
        return n;
      }
    }
    return null;
  }

  private void dialogOpened(Object window, String windowOid, long t) {
    XAccessible accessible = UnoRuntime.queryInterface(XAccessible.class, window);
    if (accessible == null) {
      return;
    }
    XAccessibleContext context = accessible.getAccessibleContext();
    if (context == null || !Roles.DIALOGS.contains(context.getAccessibleRole())) {
      return; // menus and tooltips are top windows too
    }
    String title = context.getAccessibleName();
    dialogWindows.put(windowOid, title);
    topDialog = windowOid;
    FrameHooks owner = session.active();
    if (openDialogs.add(title)) {
      session.emit(new UnoEvent.Dialog(owner == null ? null : owner.context(), title, true, t));
    }
    walker.execute(() -> walk(context, null, windowOid, owner));
  }

  private void dialogClosed(String windowOid, long t) {
    String title = dialogWindows.get(windowOid);
    if (title == null) {
      return;
    }
    Closer closer = closers.remove(windowOid);
    Node button = closedBy(closer, windowOid);
    if (button != null) {
      emit(button, UnoEvent.Change.CLOSED_DIALOG, closer.key != 0 ? "keyboard" : "click", false, t);
    }
    dialogWindows.remove(windowOid);
    if (windowOid.equals(topDialog)) {
      topDialog = dialogWindows.keySet().stream().findAny().orElse(null);
    }

    // Its elements are gone with it: forget them without calling LibreOffice.
    nodes.values().removeIf(n -> n.root.equals(windowOid));
    watched.keySet().removeIf(oid -> !nodes.containsKey(oid));
    if (openDialogs.remove(title)) {
      FrameHooks owner = session.active();
      session.emit(new UnoEvent.Dialog(owner == null ? null : owner.context(), title, false, t));
    }
  }

  /** Removes every listener placed. Never throws. Not from a callback. */
  void stop() {
    stopped = true;
    walker.shutdownNow();
    try {
      walker.awaitTermination(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (toolkit != null) {
      try {
        toolkit.removeTopWindowListener(topWindows);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "removing the top window listener", e);
      }
      if (keysWatched) {
        try {
          toolkit.removeKeyHandler(keys);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "removing the key handler", e);
        }
        keysWatched = false;
      }
    }
    for (XAccessibleEventBroadcaster b : watched.values()) {
      try {
        b.removeAccessibleEventListener(listener);
      } catch (RuntimeException e) {
        // the element is gone already
      }
    }
    watched.clear();
    nodes.clear();
  }

  /** One listener for every element: copies the event and posts it. */
  private final class Listener extends WeakBase implements XAccessibleEventListener {
    @Override
    public void notifyEvent(AccessibleEventObject event) {
      if (stopped || !EVENTS.contains(event.EventId)) {
        return;
      }
      short id = event.EventId;
      String oid = UnoRuntime.generateOid(event.Source);
      Object newValue = event.NewValue;
      Object oldValue = event.OldValue;
      long t = session.now();
      session.post(() -> handle(id, oid, newValue, oldValue, t));
    }

    @Override
    public void disposing(EventObject event) {
      String oid = UnoRuntime.generateOid(event.Source);
      watched.remove(oid);
    }
  }

  /**
   * The keys that close a dialog (Return, Space, Escape): copied and posted while a dialog is open,
   * ignored otherwise (LibreOffice waits for the answer, so it comes at once).
   */
  private final class Keys extends WeakBase implements XKeyHandler {
    @Override
    public boolean keyPressed(KeyEvent event) {
      short code = event.KeyCode;
      if (!stopped && topDialog != null && (code == Key.RETURN || code == Key.ESCAPE || code == Key.SPACE)) {
        session.post(() -> keyed(code));
      }
      return false; // never consumed: the key goes on to LibreOffice
    }

    @Override
    public boolean keyReleased(KeyEvent event) {
      return false;
    }

    @Override
    public void disposing(EventObject event) {}
  }

  /** Dialogs opening and closing, from the toolkit's top-level windows. */
  private final class TopWindows extends WeakBase implements XTopWindowListener {
    @Override
    public void windowOpened(EventObject event) {
      if (stopped) {
        return;
      }
      Object window = event.Source;
      String oid = UnoRuntime.generateOid(window);
      if (session.installing()) {
        // the macro recorder's own "Stop Recording" window, opened by our .uno:MacroRecorder
        ownWindows.add(oid);
        return;
      }
      long t = session.now();
      session.post(() -> dialogOpened(window, oid, t));
    }

    @Override
    public void windowClosed(EventObject event) {
      String oid = UnoRuntime.generateOid(event.Source);
      if (ownWindows.remove(oid)) {
        return;
      }
      long t = session.now();
      session.post(() -> dialogClosed(oid, t));
    }

    @Override
    public void windowClosing(EventObject event) {}

    @Override
    public void windowMinimized(EventObject event) {}

    @Override
    public void windowNormalized(EventObject event) {}

    @Override
    public void windowActivated(EventObject event) {}

    @Override
    public void windowDeactivated(EventObject event) {}

    @Override
    public void disposing(EventObject event) {}
  }
}
