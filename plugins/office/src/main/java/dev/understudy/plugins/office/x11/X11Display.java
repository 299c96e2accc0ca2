package dev.understudy.plugins.office.x11;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.understudy.plugins.office.BackendException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One connection to an X server and what the window backend asks of it: the active window (from the
 * window manager's {@code _NET_ACTIVE_WINDOW}, or the input focus when there is no window manager),
 * a window's WM_CLASS and title, and waiting for property changes on the root window.
 *
 * <p>A window that vanishes between two calls raises an X protocol error; an error handler shared by
 * all connections of this process swallows errors on the backend's own connections (and passes others
 * on to the handler that was there before), so a vanished window is just "no window". A lost server
 * does not end the process: where libX11 allows it (1.7 and later) the connection is marked dead and
 * {@link #dead()} says so.
 *
 * <p>Threading: not thread-safe; one thread opens, uses and closes it.
 */
final class X11Display implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(X11Display.class.getName());
  /** The longest property read: {@value} 32-bit units (titles are cut beyond 4 KiB). */
  private static final long MAX_PROPERTY_LONGS = 1024;
  /** Hops up the window tree to a top-level window, at most. */
  private static final int MAX_DEPTH = 32;

  private static final Object HANDLERS = new Object();
  private static final ConcurrentHashMap<Long, X11Display> OPEN = new ConcurrentHashMap<>();
  private static Xlib xlib;
  private static Xlib.ErrorHandler previous;
  private static Xlib.ErrorHandler handler;
  private static Xlib.IoErrorHandler ioHandler;
  private static Xlib.IoErrorExitHandler ioExit;
  private static boolean survivesServerLoss;

  private final Pointer display;
  private final long root;
  private final long netActiveWindow;
  private final long netSupportingWmCheck;
  private final long netWmName;
  private final long utf8String;
  private final long wmClass;
  private final long wmName;
  private final Memory event = new Memory(Xlib.XEVENT_BYTES);
  private final Memory pollFd = new Memory(8);
  private final Xlib.LibC libc;
  private volatile boolean dead;
  private int errors;
  private long watched;
  private boolean watchedDestroyed;

  private X11Display(Pointer display, Xlib.LibC libc) {
    this.display = display;
    this.libc = libc;
    this.root = xlib.XDefaultRootWindow(display);
    this.netActiveWindow = xlib.XInternAtom(display, "_NET_ACTIVE_WINDOW", false);
    this.netSupportingWmCheck = xlib.XInternAtom(display, "_NET_SUPPORTING_WM_CHECK", false);
    this.netWmName = xlib.XInternAtom(display, "_NET_WM_NAME", false);
    this.utf8String = xlib.XInternAtom(display, "UTF8_STRING", false);
    this.wmClass = xlib.XInternAtom(display, "WM_CLASS", false);
    this.wmName = xlib.XInternAtom(display, "WM_NAME", false);
  }

  /**
   * Connects to a display ({@code :0}); fails with what to do when libX11 is missing or the server
   * does not answer.
   */
  static X11Display open(String name) throws BackendException {
    Xlib.LibC libc;
    synchronized (HANDLERS) {
      try {
        if (xlib == null) {
          xlib = Xlib.load();
        }
        libc = Xlib.LibC.load();
      } catch (UnsatisfiedLinkError e) {
        throw new BackendException("libX11 is not installed (apt-get install libx11-6): " + e.getMessage(), e);
      }
      installHandlers();
    }
    Pointer d = xlib.XOpenDisplay(name);
    if (d == null) {
      throw new BackendException("cannot open X display '" + name + "': is an X server running there and may "
          + "this user connect (XAUTHORITY)? Set adapter.office.x11.display or DISPLAY");
    }
    X11Display x = new X11Display(d, libc);
    OPEN.put(Pointer.nativeValue(d), x);
    if (survivesServerLoss) {
      try {
        xlib.XSetIOErrorExitHandler(d, ioExit, null);
      } catch (UnsatisfiedLinkError e) {
        survivesServerLoss = false;
      }
    }
    if (!survivesServerLoss) {
      LOG.warning("this libX11 has no XSetIOErrorExitHandler (libX11 < 1.7): losing the X server ends the recorder");
    }
    return x;
  }

  // The handlers are process-wide: installed once, they serve every connection this class opens.
  private static void installHandlers() {
    if (handler != null) {
      return;
    }
    handler = (d, error) -> {
      X11Display mine = OPEN.get(Pointer.nativeValue(d));
      if (mine != null) {
        mine.errors++;
        return 0;
      }
      return previous != null ? previous.apply(d, error) : 0;
    };
    previous = xlib.XSetErrorHandler(handler);
    ioHandler = d -> {
      X11Display mine = OPEN.get(Pointer.nativeValue(d));
      if (mine != null) {
        mine.dead = true;
      }
      return 0;
    };
    ioExit = (d, data) -> {
      X11Display mine = OPEN.get(Pointer.nativeValue(d));
      if (mine != null) {
        mine.dead = true;
      }
    };
    survivesServerLoss = true;
    xlib.XSetIOErrorHandler(ioHandler);
  }

  /** Whether the connection to the server was lost. */
  boolean dead() {
    return dead;
  }

  /** Protocol errors swallowed so far (windows that vanished while read). */
  int errors() {
    return errors;
  }

  /** Whether a window manager publishes the active window (EWMH {@code _NET_ACTIVE_WINDOW}). */
  boolean hasWindowManager() {
    return windowProperty(root, netSupportingWmCheck).isPresent() && windowProperty(root, netActiveWindow).isPresent();
  }

  /** The window manager's active window, if it names one. */
  Optional<Long> netActiveWindow() {
    return windowProperty(root, netActiveWindow).filter(w -> w != 0);
  }

  /** The top-level window holding the input focus, if any (no window manager needed). */
  Optional<Long> focusedTopLevel() {
    LongByReference focus = new LongByReference();
    xlib.XGetInputFocus(display, focus, new IntByReference());
    long w = focus.getValue();
    if (w == 0 || w == Xlib.POINTER_ROOT || w == root) {
      return Optional.empty();
    }
    for (int i = 0; i < MAX_DEPTH; i++) {
      LongByReference r = new LongByReference();
      LongByReference parent = new LongByReference();
      PointerByReference children = new PointerByReference();
      if (xlib.XQueryTree(display, w, r, parent, children, new IntByReference()) == 0) {
        return Optional.empty();
      }
      if (children.getValue() != null) {
        xlib.XFree(children.getValue());
      }
      if (parent.getValue() == root || parent.getValue() == 0) {
        return Optional.of(w);
      }
      w = parent.getValue();
    }
    return Optional.empty();
  }

  /**
   * Reads a window's class and title. A window without WM_CLASS (a window manager's frame) is
   * searched for a child that has one.
   */
  Optional<WindowInfo> describe(long window) {
    Deque<long[]> todo = new ArrayDeque<>();
    todo.add(new long[] {window, 0});
    while (!todo.isEmpty()) {
      long[] at = todo.poll();
      Optional<byte[]> cls = property(at[0], wmClass, Xlib.ANY_PROPERTY_TYPE);
      if (cls.isPresent()) {
        String[] parts = new String(cls.get(), StandardCharsets.ISO_8859_1).split("\0", -1);
        String instance = parts.length > 0 ? parts[0] : "";
        String app = parts.length > 1 ? parts[1] : "";
        return Optional.of(new WindowInfo(at[0], app, instance, title(at[0])));
      }
      if (at[1] < 2) {
        for (long child : children(at[0])) {
          todo.add(new long[] {child, at[1] + 1});
        }
      }
    }
    return exists(window) ? Optional.of(new WindowInfo(window, "", "", title(window))) : Optional.empty();
  }

  private boolean exists(long window) {
    return xlib.XQueryTree(display, window, new LongByReference(), new LongByReference(), new PointerByReference(),
        new IntByReference()) != 0;
  }

  private String title(long window) {
    Optional<byte[]> utf8 = property(window, netWmName, utf8String);
    if (utf8.isPresent()) {
      return new String(utf8.get(), StandardCharsets.UTF_8);
    }
    return property(window, wmName, Xlib.ANY_PROPERTY_TYPE).map(b -> new String(b, StandardCharsets.ISO_8859_1)).orElse("");
  }

  private long[] children(long window) {
    PointerByReference children = new PointerByReference();
    IntByReference count = new IntByReference();
    if (xlib.XQueryTree(display, window, new LongByReference(), new LongByReference(), children, count) == 0
        || children.getValue() == null) {
      return new long[0];
    }
    long[] out = children.getValue().getLongArray(0, count.getValue());
    xlib.XFree(children.getValue());
    return out;
  }

  /** Asks for PropertyNotify events on the root window (where the window manager announces the active window). */
  void watchRootProperties() {
    xlib.XSelectInput(display, root, Xlib.PROPERTY_CHANGE_MASK);
  }

  /**
   * Follows one window's life (StructureNotify): {@link #watchedDestroyed()} says when it is
   * destroyed. The server hands a destroyed window's id to the next window it creates, so only this
   * tells a new window from the old one retitled.
   */
  void watch(long window) {
    if (watched != 0 && watched != window && watched != root) {
      xlib.XSelectInput(display, watched, 0);
    }
    watched = window;
    watchedDestroyed = false;
    xlib.XSelectInput(display, window, Xlib.STRUCTURE_NOTIFY_MASK);
  }

  /** Whether the watched window was destroyed (as of the events read so far: call {@link #drain} first). */
  boolean watchedDestroyed() {
    return watchedDestroyed;
  }

  /**
   * Waits up to {@code millis} for events and drains them.
   *
   * @return 1 when the active window changed, -1 when the window manager removed it (it left), 0 otherwise
   */
  int awaitActiveChange(int millis) {
    if (xlib.XPending(display) == 0) {
      pollFd.setInt(0, xlib.XConnectionNumber(display));
      pollFd.setShort(4, (short) 1);
      pollFd.setShort(6, (short) 0);
      libc.poll(pollFd, 1, millis);
    }
    return drain();
  }

  /**
   * Reads the events already received.
   *
   * @return as {@link #awaitActiveChange}
   */
  int drain() {
    int result = 0;
    while (!dead && xlib.XPending(display) > 0) {
      xlib.XNextEvent(display, event);
      int type = event.getInt(0);
      if (type == Xlib.PROPERTY_NOTIFY && event.getLong(32) == root && event.getLong(40) == netActiveWindow) {
        result = event.getInt(56) == Xlib.PROPERTY_DELETE ? -1 : 1;
      } else if (type == Xlib.DESTROY_NOTIFY && event.getLong(40) == watched) {
        watchedDestroyed = true;
      }
    }
    return result;
  }

  /** Makes a round trip, so errors of earlier requests have been handled. */
  void sync() {
    xlib.XSync(display, false);
  }

  private Optional<Long> windowProperty(long window, long atom) {
    return property(window, atom, Xlib.ANY_PROPERTY_TYPE).filter(b -> b.length >= 8)
        .map(b -> java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).getLong());
  }

  // Format-32 items come back as C longs (8 bytes each here); format 8 as bytes.
  private Optional<byte[]> property(long window, long atom, long type) {
    LongByReference actualType = new LongByReference();
    IntByReference format = new IntByReference();
    LongByReference items = new LongByReference();
    LongByReference after = new LongByReference();
    PointerByReference data = new PointerByReference();
    int status = xlib.XGetWindowProperty(display, window, atom, 0, MAX_PROPERTY_LONGS, false, type, actualType, format,
        items, after, data);
    try {
      if (status != 0 || actualType.getValue() == 0 || data.getValue() == null) {
        return Optional.empty();
      }
      long n = items.getValue();
      int unit = format.getValue() == 8 ? 1 : format.getValue() == 16 ? 2 : 8;
      return Optional.of(data.getValue().getByteArray(0, (int) Math.min(n * unit, MAX_PROPERTY_LONGS * 4)));
    } finally {
      if (data.getValue() != null) {
        xlib.XFree(data.getValue());
      }
    }
  }

  @Override
  public void close() {
    OPEN.remove(Pointer.nativeValue(display));
    if (!dead) {
      xlib.XCloseDisplay(display);
    }
  }
}
