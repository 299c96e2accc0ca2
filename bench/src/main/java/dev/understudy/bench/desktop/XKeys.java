package dev.understudy.bench.desktop;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Presses keys through the XTest extension on the benchmark's display: no process per key. */
final class XKeys implements AutoCloseable {
  interface X11 extends Library {
    Pointer XOpenDisplay(String name);

    int XCloseDisplay(Pointer display);

    byte XKeysymToKeycode(Pointer display, long keysym);

    int XFlush(Pointer display);

    int XSync(Pointer display, boolean discard);
  }

  interface XTest extends Library {
    int XTestFakeKeyEvent(Pointer display, int keycode, boolean press, long delay);
  }

  /** Keysyms used here. */
  static final long SPACE = 0x20;
  static final long TAB = 0xff09;

  private final X11 x11 = Native.load("X11", X11.class);
  private final XTest xtest = Native.load("Xtst", XTest.class);
  private final Pointer display;

  XKeys(String displayName) {
    display = x11.XOpenDisplay(displayName);
    if (display == null) {
      throw new IllegalStateException("cannot open display " + displayName);
    }
  }

  /** Presses and releases a key; returns {@link System#nanoTime()} taken just before the press was sent. */
  long tap(long keysym) {
    int code = x11.XKeysymToKeycode(display, keysym) & 0xff;
    long before = System.nanoTime();
    xtest.XTestFakeKeyEvent(display, code, true, 0);
    xtest.XTestFakeKeyEvent(display, code, false, 0);
    x11.XFlush(display);
    return before;
  }

  @Override
  public void close() {
    x11.XCloseDisplay(display);
  }
}
