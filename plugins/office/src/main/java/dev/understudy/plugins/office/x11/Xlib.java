package dev.understudy.plugins.office.x11;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few Xlib calls the window backend makes, through JNA. X ids (windows, atoms) are C
 * {@code unsigned long}s, passed as Java {@code long}: 64-bit Linux only, as the rest of the desktop
 * support. Every call is made from the one thread that owns the display connection.
 */
interface Xlib extends Library {
  /** {@code PropertyChangeMask}. */
  long PROPERTY_CHANGE_MASK = 1L << 22;
  /** {@code StructureNotifyMask}. */
  long STRUCTURE_NOTIFY_MASK = 1L << 17;
  /** {@code DestroyNotify} event type. */
  int DESTROY_NOTIFY = 17;
  /** {@code PropertyNotify} event type. */
  int PROPERTY_NOTIFY = 28;
  /** {@code PropertyDelete} state of a PropertyNotify event. */
  int PROPERTY_DELETE = 1;
  /** {@code AnyPropertyType}. */
  long ANY_PROPERTY_TYPE = 0;
  /** {@code PointerRoot}, a focus value that is no window. */
  long POINTER_ROOT = 1;
  /** Size of an {@code XEvent} union on 64-bit Linux. */
  int XEVENT_BYTES = 192;

  /** Loads libX11; throws {@link UnsatisfiedLinkError} when it is not installed. */
  static Xlib load() {
    return Native.load("X11", Xlib.class);
  }

  Pointer XOpenDisplay(String name);

  int XCloseDisplay(Pointer display);

  long XDefaultRootWindow(Pointer display);

  long XInternAtom(Pointer display, String name, boolean onlyIfExists);

  int XGetWindowProperty(Pointer display, long window, long property, long offset, long length, boolean delete,
      long reqType, LongByReference actualType, IntByReference actualFormat, LongByReference items,
      LongByReference bytesAfter, PointerByReference data);

  int XFree(Pointer data);

  int XGetInputFocus(Pointer display, LongByReference focus, IntByReference revertTo);

  int XQueryTree(Pointer display, long window, LongByReference root, LongByReference parent,
      PointerByReference children, IntByReference count);

  int XSelectInput(Pointer display, long window, long mask);

  int XPending(Pointer display);

  int XNextEvent(Pointer display, Pointer event);

  int XConnectionNumber(Pointer display);

  int XSync(Pointer display, boolean discard);

  ErrorHandler XSetErrorHandler(ErrorHandler handler);

  IoErrorHandler XSetIOErrorHandler(IoErrorHandler handler);

  /** libX11 1.7 and later: lets a client survive the loss of its X server instead of exiting. */
  void XSetIOErrorExitHandler(Pointer display, IoErrorExitHandler handler, Pointer userData);

  /** {@code XErrorHandler}: called for a protocol error (a window that vanished). */
  interface ErrorHandler extends Callback {
    int apply(Pointer display, Pointer errorEvent);
  }

  /** {@code XIOErrorHandler}: called when the connection to the server is lost. */
  interface IoErrorHandler extends Callback {
    int apply(Pointer display);
  }

  /** {@code XIOErrorExitHandler}: called after the IO error handler; returning keeps the process alive. */
  interface IoErrorExitHandler extends Callback {
    void apply(Pointer display, Pointer userData);
  }

  /** The C library's {@code poll(2)}, to wait for the X connection without spinning. */
  interface LibC extends Library {
    static LibC load() {
      return Native.load("c", LibC.class);
    }

    int poll(Pointer fds, long count, int timeoutMillis);
  }
}
