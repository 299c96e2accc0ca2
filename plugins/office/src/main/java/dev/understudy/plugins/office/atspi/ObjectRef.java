package dev.understudy.plugins.office.atspi;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** An accessible object's address as AT-SPI passes it: {@code (so)}, bus name and object path. */
public final class ObjectRef extends Struct {
  /** The application's unique bus name. */
  @Position(0)
  private final String bus;
  /** The object path. */
  @Position(1)
  private final DBusPath path;

  /** A reference. */
  public ObjectRef(String bus, DBusPath path) {
    this.bus = bus;
    this.path = path;
  }

  /** The application's unique bus name. */
  public String getBus() {
    return bus;
  }

  /** The object path. */
  public DBusPath getPath() {
    return path;
  }
}
