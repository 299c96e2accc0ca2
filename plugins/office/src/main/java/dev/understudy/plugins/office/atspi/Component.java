package dev.understudy.plugins.office.atspi;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/** {@code org.a11y.atspi.Component}: where an object is on the screen, for snapshots. */
@DBusInterfaceName("org.a11y.atspi.Component")
public interface Component extends DBusInterface {
  /** {@code ATSPI_COORD_TYPE_SCREEN}. */
  UInt32 SCREEN = new UInt32(0);

  /** {@code (x, y, width, height)} in the given coordinates (boxed: asynchronous calls match by argument class). */
  Extents GetExtents(UInt32 coordType);
}
