package dev.understudy.plugins.office.atspi;

import java.util.List;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * {@code org.a11y.atspi.Registry}: applications emit only the events some client registered for, so
 * registering narrowly ("object:state-changed:checked", not "object:") keeps the flood down at the
 * source. Registrations end with the registering connection.
 */
@DBusInterfaceName("org.a11y.atspi.Registry")
public interface Registry extends DBusInterface {
  /** The registry's bus name. */
  String NAME = "org.a11y.atspi.Registry";
  /** The registry's object path. */
  String PATH = "/org/a11y/atspi/registry";

  /** Registers interest in an event ("object:text-changed"), with properties to send along and an app bus name ("" for all). */
  void RegisterEvent(String event, List<String> properties, String appBusName);

  /** Withdraws a registration. */
  void DeregisterEvent(String event);
}
