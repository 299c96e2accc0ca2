package dev.understudy.plugins.office.windows;

import com.sun.jna.WString;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinUser;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.Backend;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.a11y.EventPump;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@value #NAME} backend: Java applications on Windows through the Java Access Bridge
 * ({@code WindowsAccessBridge-64.dll}). One thread loads the bridge, registers callbacks for focus,
 * state, value and text changes and menu selection, and pumps window messages (the bridge calls back
 * through them). Each callback describes its source element right there (role, name, states,
 * bounds, ancestors, window, process, and the text of a field that is not a password), releases the
 * bridge's objects and hands the event to an {@link EventPump}; translation is {@link JabTranslator}'s.
 *
 * <p><b>Not verified on Windows.</b> The translation is tested on fixtures; this native layer is
 * written against the Access Bridge API and has not run on a Windows machine. On other systems
 * {@link #start} fails saying so.
 */
public final class JabBackend implements Backend {
  private static final Logger LOG = Logger.getLogger(JabBackend.class.getName());
  /** The backend's name in {@code adapter.office.backends}. */
  public static final String NAME = "jab";
  /** Every key the Windows backends read ({@code uia} reads the same). */
  public static final Set<String> CONFIG_KEYS = WindowsBackends.CONFIG_KEYS;
  /** Longest text read from a field: {@value} characters. */
  static final int MAX_TEXT = 4096;
  private static final int MAX_DEPTH = 16;

  private final int capacity;
  private final WindowsProcesses processes = new WindowsProcesses();
  private final AtomicInteger threadId = new AtomicInteger();
  private final List<Object> callbacks = new ArrayList<>();
  private volatile EventPump<NativeEvent> pump;
  private volatile CaptureContext context;
  private AccessBridge bridge;
  private NativeThread thread;

  /** A backend configured from the office adapter's configuration. */
  public JabBackend(PluginConfig config) {
    this.capacity = WindowsBackends.capacity(config);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(CaptureContext ctx) throws BackendException {
    WindowsBackends.requireWindows(NAME, "Java applications through the Access Bridge");
    context = ctx;
    JabTranslator translator = new JabTranslator(TimeUnit.MILLISECONDS.toNanos(WindowsBackends.TEXT_IDLE_MILLIS));
    pump = new EventPump<>("Access Bridge", capacity, ctx,
        WindowsBackends.translator(translator::translate, translator::idle, translator::finish));
    pump.start();
    thread = new NativeThread("understudy-jab", "the Java Access Bridge");
    thread.start(this::run);
  }

  private void run(CompletableFuture<Void> ready) {
    try {
      bridge = AccessBridge.load();
    } catch (UnsatisfiedLinkError e) {
      ready.completeExceptionally(new BackendException("WindowsAccessBridge-64.dll was not found: it ships with the "
          + "JDK/JRE; enable the Access Bridge with 'jabswitch -enable' and put the JDK's bin directory on PATH", e));
      return;
    }
    threadId.set(Kernel32.INSTANCE.GetCurrentThreadId());
    bridge.Windows_run();
    AccessBridge.EventCallback focus = (vm, event, source) -> handle("FocusGained", vm, event, source, null, null);
    AccessBridge.EventCallback menu = (vm, event, source) -> handle("MenuSelected", vm, event, source, null, null);
    AccessBridge.EventCallback text = (vm, event, source) -> handle("PropertyTextChange", vm, event, source, null, null);
    AccessBridge.PropertyChangeCallback state = (vm, event, source, o, n) -> handle("PropertyStateChange", vm, event, source, o, n);
    AccessBridge.PropertyChangeCallback value = (vm, event, source, o, n) -> handle("PropertyValueChange", vm, event, source, o, n);
    AccessBridge.ShutdownCallback shutdown = vm -> LOG.fine(() -> "Java VM " + vm + " shut down");
    callbacks.addAll(List.of(focus, menu, text, state, value, shutdown));
    bridge.setFocusGainedFP(focus);
    bridge.setMenuSelectedFP(menu);
    bridge.setPropertyTextChangeFP(text);
    bridge.setPropertyStateChangeFP(state);
    bridge.setPropertyValueChangeFP(value);
    bridge.setJavaShutdownFP(shutdown);
    ready.complete(null);
    WinUser.MSG msg = new WinUser.MSG();
    while (User32.INSTANCE.GetMessage(msg, null, 0, 0) > 0) {
      User32.INSTANCE.TranslateMessage(msg);
      User32.INSTANCE.DispatchMessage(msg);
    }
    // Unhook: null callbacks, so the bridge no longer calls into a backend that stopped.
    bridge.setFocusGainedFP(null);
    bridge.setMenuSelectedFP(null);
    bridge.setPropertyTextChangeFP(null);
    bridge.setPropertyStateChangeFP(null);
    bridge.setPropertyValueChangeFP(null);
    bridge.setJavaShutdownFP(null);
  }

  private void handle(String type, int vm, long event, long source, WString oldValue, WString newValue) {
    try {
      NativeElement element = describe(vm, source);
      EventPump<NativeEvent> p = pump;
      if (element != null && p != null) {
        p.offer(new NativeEvent(type, str(oldValue), str(newValue), element, context.clock().nowUnixNanos()));
      } else if (p != null) {
        p.lose("Access Bridge element vanished before it could be described");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Access Bridge callback failed", e);
    } finally {
      bridge.releaseJavaObject(vm, event);
      bridge.releaseJavaObject(vm, source);
    }
  }

  private NativeElement describe(int vm, long source) {
    AccessBridge.AccessibleContextInfo info = new AccessBridge.AccessibleContextInfo();
    if (!bridge.getAccessibleContextInfo(vm, source, info)) {
      return null;
    }
    String role = str(info.role_en_US);
    String name = str(info.name);
    boolean password = "password text".equals(role);
    List<NativeElement.Ancestor> ancestors = new ArrayList<>();
    long at = bridge.getAccessibleParentFromContext(vm, source);
    for (int depth = 0; at != 0 && depth < MAX_DEPTH; depth++) {
      AccessBridge.AccessibleContextInfo parent = new AccessBridge.AccessibleContextInfo();
      if (bridge.getAccessibleContextInfo(vm, at, parent)) {
        ancestors.add(0, new NativeElement.Ancestor(str(parent.role_en_US), str(parent.name)));
      }
      long next = bridge.getAccessibleParentFromContext(vm, at);
      bridge.releaseJavaObject(vm, at);
      at = next;
    }
    String window = "";
    String app = "";
    long top = bridge.getTopLevelObject(vm, source);
    if (top != 0) {
      AccessBridge.AccessibleContextInfo topInfo = new AccessBridge.AccessibleContextInfo();
      if (bridge.getAccessibleContextInfo(vm, top, topInfo)) {
        window = str(topInfo.name);
      }
      app = processes.appIdOfWindow(bridge.getHWNDFromAccessibleContext(vm, top));
      bridge.releaseJavaObject(vm, top);
    }
    String value = null;
    if (!password && info.accessibleText != 0) {
      AccessBridge.AccessibleTextInfo text = new AccessBridge.AccessibleTextInfo();
      if (bridge.getAccessibleTextInfo(vm, source, text, 0, 0)) {
        int n = Math.min(text.charCount, MAX_TEXT);
        char[] buffer = new char[n + 1];
        value = n == 0 ? "" : bridge.getAccessibleTextRange(vm, source, 0, n - 1, buffer, (short) buffer.length)
            ? str(buffer) : null;
      }
    }
    List<String> states = Arrays.stream(str(info.states_en_US).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    // Access Bridge objects are handles per call, not identities: a field is known by where it is.
    String id = vm + ":" + role + ":" + name + ":" + info.x + "," + info.y;
    return new NativeElement(id, role, name, "", password, states, new int[] {info.x, info.y, info.width, info.height},
        app, window, ancestors, value);
  }

  private static String str(char[] chars) {
    int n = 0;
    while (n < chars.length && chars[n] != 0) {
      n++;
    }
    return new String(chars, 0, n);
  }

  private static String str(WString s) {
    return s == null ? null : s.toString();
  }

  @Override
  public void stop() {
    if (thread != null) {
      thread.stop(() -> {
        int id = threadId.get();
        if (id != 0) {
          User32.INSTANCE.PostThreadMessage(id, WinUser.WM_QUIT, new WPARAM(0), new LPARAM(0));
        }
      });
      thread = null;
    }
    if (pump != null) {
      pump.stop();
      pump = null;
    }
    callbacks.clear();
  }
}
