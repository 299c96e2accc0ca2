package dev.understudy.plugins.office.agent.inapp;

import java.awt.AWTEvent;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.KeyboardFocusManager;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.AWTEventListener;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.awt.event.ContainerAdapter;
import java.awt.event.ContainerEvent;
import java.awt.event.ContainerListener;
import java.awt.event.InputEvent;
import java.awt.event.ItemEvent;
import java.awt.event.ItemListener;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.WindowEvent;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.AbstractButton;
import javax.swing.CellRendererPane;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JRadioButton;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.JScrollBar;
import javax.swing.JSpinner;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.Document;
import javax.swing.text.JTextComponent;

/**
 * Watches a Swing application from inside: buttons, menu items, toggles, combo boxes and text fields
 * get listeners of their own as their windows open and as components are added to containers already
 * watched (a toolkit-wide {@link AWTEventListener} never sees the {@code ActionEvent}s and
 * {@code ItemEvent}s models fire; it is used for window events only), keyboard focus is watched once,
 * and what the person does becomes one JSON event each for the {@link Outbox}.
 *
 * <p>Only what a person did is reported: a change made while no mouse or key event is being
 * dispatched (the application setting a value itself) is left out, and text counts only in the field
 * that has the keyboard focus. Typed text is coalesced per field: one value when the person leaves the
 * field, does anything else, or pauses for {@value #TEXT_IDLE_MILLIS} ms. A password field reports that
 * it changed, never what it holds.
 *
 * <p>Threading: every method runs on the Swing event thread. Listener code never throws into the
 * application: a failure is logged once and counted.
 */
final class SwingHooks implements AWTEventListener {
  private static final Logger LOG = Logger.getLogger(SwingHooks.class.getName());
  /** Typing pause after which a field's value is sent: {@value} ms. */
  static final int TEXT_IDLE_MILLIS = 1000;
  /** Fewest milliseconds between two snapshots: {@value}. */
  static final long SNAPSHOT_SPACING_MILLIS = 250;
  private static final String HOOKED = "understudy.agent.hooked";
  /** Roles that take the focus without being something a person works with. */
  private static final Set<String> FOCUS_NOISE = Set.of("root pane", "layered pane", "panel", "scroll pane",
      "viewport", "frame", "dialog", "window", "popup menu", "menu bar", "unknown");

  private final Outbox outbox;
  private final Supplier<String> appId;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ActionListener onAction = e -> guard(() -> action(e));
  private final ItemListener onItem = e -> guard(() -> item(e));
  private final PropertyChangeListener onFocus = e -> guard(() -> focus(e));
  private final ContainerListener onAdded = new ContainerAdapter() {
    @Override
    public void componentAdded(ContainerEvent e) {
      guard(() -> hookTree(e.getChild()));
    }
  };
  private final Map<JTextComponent, String> valueAtFocus = new WeakHashMap<>();
  private final Set<Window> activated = Collections.newSetFromMap(new WeakHashMap<>());
  private final Timer textIdle;
  private Pending pending;
  private WeakReference<Window> lastActive = new WeakReference<>(null);
  private WeakReference<Component> lastFocus = new WeakReference<>(null);
  private final Timer snapshotTimer;
  private WeakReference<Window> snapshotWindow = new WeakReference<>(null);
  private long snapshotOf;
  private long lastSnapshotMillis;

  SwingHooks(Outbox outbox, Supplier<String> appId) {
    this.outbox = outbox;
    this.appId = appId;
    this.textIdle = new Timer(TEXT_IDLE_MILLIS, e -> guard(this::flushText));
    this.textIdle.setRepeats(false);
    this.snapshotTimer = new Timer(0, e -> guard(this::takeSnapshot));
    this.snapshotTimer.setRepeats(false);
  }

  /** Starts watching: toolkit listener, focus listener, and every window already open. */
  void install() {
    Toolkit.getDefaultToolkit().addAWTEventListener(this, AWTEvent.WINDOW_EVENT_MASK);
    KeyboardFocusManager.getCurrentKeyboardFocusManager().addPropertyChangeListener("focusOwner", onFocus);
    for (Window w : Window.getWindows()) {
      hookTree(w);
      activated.add(w);
      if (w.isActive()) {
        lastActive = new WeakReference<>(w);
      }
    }
  }

  /** Listener failures so far (each is logged once). */
  long failures() {
    return failures.get();
  }

  @Override
  public void eventDispatched(AWTEvent event) {
    if (event instanceof WindowEvent we) {
      guard(() -> window(we));
    }
  }

  private void window(WindowEvent e) {
    Window w = e.getWindow();
    switch (e.getID()) {
      case WindowEvent.WINDOW_OPENED -> hookTree(w);
      case WindowEvent.WINDOW_DEACTIVATED -> flushText();
      case WindowEvent.WINDOW_ACTIVATED -> {
        if (!(w instanceof Frame || w instanceof Dialog)) {
          return;
        }
        Window from = lastActive.get();
        lastActive = new WeakReference<>(w);
        boolean first = activated.add(w);
        if (from == w || outbox.active() == null) {
          return;
        }
        Json body = Json.object()
            .put("to", Json.object().put("title", Describer.title(w)).put("role", Describer.role(w)))
            .put("opened", first);
        if (from != null) {
          body.put("from", Json.object().put("title", Describer.title(from)).put("role", Describer.role(from)));
        }
        long at = emit("window", w, body);
        snapshotLater(w, at);
      }
      default -> {
        // Other window events say nothing a person did.
      }
    }
  }

  private void hookTree(Component root) {
    // A renderer pane stamps cell renderers, which are pictures, not controls; listening to it would
    // also make every cell paint an event.
    if (root == null || root instanceof CellRendererPane) {
      return;
    }
    hook(root);
    if (root instanceof JMenu menu) {
      hookTree(menu.getPopupMenu());
    }
    if (root instanceof JComponent jc && jc.getComponentPopupMenu() != null) {
      hookTree(jc.getComponentPopupMenu());
    }
    if (root instanceof Container c) {
      if (!Arrays.asList(c.getContainerListeners()).contains(onAdded)) {
        c.addContainerListener(onAdded);
      }
      for (Component child : c.getComponents()) {
        hookTree(child);
      }
    }
  }

  private void hook(Component c) {
    if (c instanceof JMenu || part(c)) {
      return;
    }
    if (c instanceof JToggleButton toggle) {
      if (!Arrays.asList(toggle.getItemListeners()).contains(onItem)) {
        toggle.addItemListener(onItem);
      }
    } else if (c instanceof AbstractButton button) {
      if (!Arrays.asList(button.getActionListeners()).contains(onAction)) {
        button.addActionListener(onAction);
      }
    } else if (c instanceof JComboBox<?> combo) {
      if (!Arrays.asList(combo.getItemListeners()).contains(onItem)) {
        combo.addItemListener(onItem);
      }
    } else if (c instanceof JTextComponent field && field.getClientProperty(HOOKED) == null) {
      FieldListener listener = new FieldListener(field);
      field.putClientProperty(HOOKED, listener);
      field.getDocument().addDocumentListener(listener);
      field.addPropertyChangeListener("document", listener);
    }
  }

  /** A button that is a piece of another control (a combo box's arrow, a scroll bar's arrows). */
  private static boolean part(Component c) {
    for (Container at = c.getParent(); at != null && !(at instanceof Window); at = at.getParent()) {
      if (at instanceof JComboBox || at instanceof JScrollBar || at instanceof JSpinner) {
        return true;
      }
    }
    return false;
  }

  private void action(ActionEvent e) {
    if (!(e.getSource() instanceof AbstractButton button) || outbox.active() == null) {
      return;
    }
    AWTEvent cause = EventQueue.getCurrentEvent();
    Json body = Json.object();
    if (button instanceof JMenuItem item) {
      body.put("method", accelerated(item, cause) ? "shortcut" : "menu")
          .putStrings("menuPath", Describer.menuPath(item));
      if (item instanceof JCheckBoxMenuItem || item instanceof JRadioButtonMenuItem) {
        body.put("checked", item.isSelected());
      }
    } else {
      body.put("method", cause instanceof MouseEvent ? "click" : cause instanceof KeyEvent ? "keyboard" : "programmatic");
    }
    long at = emit("invoke", button, body);
    snapshotLater(Describer.windowOf(button), at);
  }

  private static boolean accelerated(JMenuItem item, AWTEvent cause) {
    KeyStroke accelerator = item.getAccelerator();
    if (accelerator == null || !(cause instanceof KeyEvent key)) {
      return false;
    }
    KeyStroke pressed = KeyStroke.getKeyStrokeForEvent(key);
    return pressed.getKeyCode() == accelerator.getKeyCode()
        && (pressed.getModifiers() & ~InputEvent.BUTTON1_DOWN_MASK) == accelerator.getModifiers();
  }

  private void item(ItemEvent e) {
    if (outbox.active() == null || !(EventQueue.getCurrentEvent() instanceof InputEvent)) {
      return;
    }
    Object source = e.getSource();
    Component c = (Component) source;
    Json body;
    if (source instanceof JComboBox<?>) {
      if (e.getStateChange() != ItemEvent.SELECTED) {
        return;
      }
      body = Json.object().put("valueKind", "option").put("value", String.valueOf(e.getItem()));
    } else if (source instanceof JToggleButton toggle) {
      if (toggle instanceof JRadioButton && e.getStateChange() != ItemEvent.SELECTED) {
        return;
      }
      body = Json.object().put("valueKind", "checked").put("value", String.valueOf(e.getStateChange() == ItemEvent.SELECTED));
    } else {
      return;
    }
    long at = emit("value", c, body);
    snapshotLater(Describer.windowOf(c), at);
  }

  private void focus(PropertyChangeEvent e) {
    // Focus parked on a container (the root pane while a menu is open) is not a move the person made:
    // it is neither reported nor remembered, so coming back from the menu is no move either.
    if (!(e.getNewValue() instanceof Component now) || FOCUS_NOISE.contains(Describer.role(now))) {
      return;
    }
    Component before = lastFocus.get();
    lastFocus = new WeakReference<>(now);
    if (now instanceof JTextComponent field && !Describer.secure(field)) {
      valueAtFocus.put(field, field.getText());
    }
    AgentConfig config = outbox.active();
    if (config == null || before == now) {
      return;
    }
    flushText();
    if (!config.focus()) {
      return;
    }
    Json body = Json.object();
    if (before != null) {
      body.put("previous", Json.object().put("role", Describer.role(before)).put("name", Describer.name(before)));
    }
    emit("focus", now, body);
  }

  private void textChanged(JTextComponent field) {
    if (outbox.active() == null
        || KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner() != field) {
      return;
    }
    if (pending != null && pending.field.get() != field) {
      flushText();
    }
    if (pending == null) {
      pending = new Pending(new WeakReference<>(field), nowNanos(), valueAtFocus.get(field));
    }
    textIdle.restart();
  }

  private void flushText() {
    Pending p = pending;
    pending = null;
    textIdle.stop();
    JTextComponent field = p == null ? null : p.field.get();
    if (field == null || outbox.active() == null) {
      return;
    }
    Json body = Json.object().put("valueKind", "text");
    if (Describer.secure(field)) {
      body.put("omitted", true);
    } else {
      String value = field.getText();
      body.put("value", value);
      if (p.previous != null && !p.previous.isEmpty() && !p.previous.equals(value)) {
        body.put("previous", p.previous);
      }
      valueAtFocus.put(field, value);
    }
    long at = send("value", field, body, p.firstNanos);
    snapshotLater(Describer.windowOf(field), at);
  }

  /** Sends an event after any text still being typed, so the recording keeps the person's order. */
  private long emit(String kind, Component target, Json body) {
    flushText();
    return send(kind, target, body, nowNanos());
  }

  private long send(String kind, Component target, Json body, long timeNanos) {
    long n = seq.incrementAndGet();
    Window window = Describer.windowOf(target);
    Json event = Json.object().put("type", "event").put("seq", n).put("kind", kind).put("time", timeNanos)
        .put("app", appId.get()).put("window", window == null ? null : Describer.title(window))
        .put("target", Describer.target(target)).put("body", body);
    outbox.offer(event.toString());
    return n;
  }

  /**
   * Asks for a snapshot after an action. Snapshots are at least {@value #SNAPSHOT_SPACING_MILLIS} ms
   * apart: actions in quicker succession share one, taken after the last of them and naming it.
   */
  private void snapshotLater(Window window, long of) {
    AgentConfig config = outbox.active();
    if (config == null || !config.snapshots() || window == null) {
      return;
    }
    snapshotWindow = new WeakReference<>(window);
    snapshotOf = of;
    if (snapshotTimer.isRunning()) {
      return;
    }
    long wait = SNAPSHOT_SPACING_MILLIS - (System.currentTimeMillis() - lastSnapshotMillis);
    snapshotTimer.setInitialDelay((int) Math.max(0, wait));
    snapshotTimer.restart();
  }

  /** Takes the snapshot asked for last (a timer event, so after the application's own listeners ran). */
  private void takeSnapshot() {
    Window window = snapshotWindow.get();
    if (window == null || !window.isShowing() || outbox.active() == null) {
      return;
    }
    lastSnapshotMillis = System.currentTimeMillis();
    long n = seq.incrementAndGet();
    Json event = Json.object().put("type", "event").put("seq", n).put("kind", "snapshot").put("time", nowNanos())
        .put("app", appId.get()).put("window", Describer.title(window))
        .put("body", Json.object().put("of", snapshotOf).put("tree", TreeSnapshot.of(window)));
    outbox.offer(event.toString());
  }

  private void guard(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | LinkageError e) {
      if (failures.getAndIncrement() == 0) {
        LOG.log(Level.WARNING, "Understudy agent: a listener failed; the application is not affected", e);
      }
    }
  }

  private static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** A field whose typed value is waiting to be sent. */
  private record Pending(WeakReference<JTextComponent> field, long firstNanos, String previous) {}

  /** Follows one text field's document, and its replacement when the field gets a new one. */
  private final class FieldListener implements DocumentListener, PropertyChangeListener {
    private final WeakReference<JTextComponent> field;

    FieldListener(JTextComponent field) {
      this.field = new WeakReference<>(field);
    }

    @Override
    public void insertUpdate(DocumentEvent e) {
      changed();
    }

    @Override
    public void removeUpdate(DocumentEvent e) {
      changed();
    }

    @Override
    public void changedUpdate(DocumentEvent e) {
      // Attribute changes are not text the person typed.
    }

    private void changed() {
      JTextComponent f = field.get();
      if (f != null) {
        if (EventQueue.isDispatchThread()) {
          guard(() -> textChanged(f));
        } else {
          EventQueue.invokeLater(() -> guard(() -> textChanged(f)));
        }
      }
    }

    @Override
    public void propertyChange(PropertyChangeEvent e) {
      if (e.getOldValue() instanceof Document old) {
        old.removeDocumentListener(this);
      }
      if (e.getNewValue() instanceof Document now) {
        now.addDocumentListener(this);
      }
    }
  }
}
