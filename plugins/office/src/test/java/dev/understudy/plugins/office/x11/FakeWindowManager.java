package dev.understudy.plugins.office.x11;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of an EWMH window manager for tests, on its own thread and connection: it announces
 * {@code _NET_SUPPORTED = [_NET_ACTIVE_WINDOW]}, answers activation requests (what
 * {@code xdotool windowactivate} sends) by setting the input focus and {@code _NET_ACTIVE_WINDOW} on
 * the root window, and on {@link #close} removes its properties, as a window manager that exits.
 */
final class FakeWindowManager implements AutoCloseable {
  private static final TestXlib X = TestXlib.X;
  private final Pointer display;
  private final long root;
  private final long active;
  private final long supported;
  private final long check;
  private final Thread thread;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile boolean stopped;

  FakeWindowManager(String displayName) throws InterruptedException {
    display = X.XOpenDisplay(displayName);
    if (display == null) {
      throw new AssertionError("cannot open " + displayName);
    }
    root = X.XDefaultRootWindow(display);
    active = X.XInternAtom(display, "_NET_ACTIVE_WINDOW", false);
    supported = X.XInternAtom(display, "_NET_SUPPORTED", false);
    check = X.XInternAtom(display, "_NET_SUPPORTING_WM_CHECK", false);
    thread = new Thread(this::run, "fake-wm");
    thread.setDaemon(true);
    thread.start();
    if (!ready.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("fake window manager did not start");
    }
  }

  private void setLong(long property, long type, long value) {
    Memory m = new Memory(8);
    m.setLong(0, value);
    X.XChangeProperty(display, root, property, type, 32, TestXlib.PROP_MODE_REPLACE, m, 1);
  }

  private void run() {
    X.XSelectInput(display, root, TestXlib.SUBSTRUCTURE_NOTIFY_MASK);
    setLong(supported, TestXlib.XA_ATOM, active);
    setLong(check, TestXlib.XA_WINDOW, root);
    setLong(active, TestXlib.XA_WINDOW, 0);
    X.XSync(display, false);
    ready.countDown();
    Memory event = new Memory(Xlib.XEVENT_BYTES);
    while (!stopped) {
      if (X.XPending(display) == 0) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      X.XNextEvent(display, event);
      if (event.getInt(0) == TestXlib.CLIENT_MESSAGE && event.getLong(40) == active) {
        long window = event.getLong(32);
        X.XSetInputFocus(display, window, 1, 0);
        setLong(active, TestXlib.XA_WINDOW, window);
        X.XFlush(display);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(5000);
    X.XDeleteProperty(display, root, active);
    X.XDeleteProperty(display, root, supported);
    X.XDeleteProperty(display, root, check);
    X.XSync(display, false);
    X.XCloseDisplay(display);
  }
}
