package dev.understudy.plugins.office.atspi;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.a11y.Bus} on the session bus: where the accessibility bus is. */
@DBusInterfaceName("org.a11y.Bus")
public interface A11yBus extends DBusInterface {
  /** The well-known name. */
  String NAME = "org.a11y.Bus";
  /** The object path. */
  String PATH = "/org/a11y/bus";

  /** The accessibility bus's address. */
  String GetAddress();
}
