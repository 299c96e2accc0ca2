package dev.understudy.plugins.office.x11;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Xlib calls only the tests make (to play a window manager). */
interface TestXlib extends Xlib {
  TestXlib X = Native.load("X11", TestXlib.class);

  long SUBSTRUCTURE_NOTIFY_MASK = 1L << 19;
  int CLIENT_MESSAGE = 33;
  int PROP_MODE_REPLACE = 0;
  long XA_ATOM = 4;
  long XA_WINDOW = 33;

  int XChangeProperty(Pointer display, long window, long property, long type, int format, int mode, Pointer data,
      int count);

  int XDeleteProperty(Pointer display, long window, long property);

  int XSetInputFocus(Pointer display, long focus, int revertTo, long time);

  int XFlush(Pointer display);
}
