package dev.understudy.plugins.office.atspi;

import java.util.List;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/** {@code org.a11y.atspi.Accessible}: the calls the describer makes (Name, Parent and ChildCount are properties). */
@DBusInterfaceName("org.a11y.atspi.Accessible")
public interface Accessible extends DBusInterface {
  /** The interface name, for property reads. */
  String INTERFACE = "org.a11y.atspi.Accessible";

  /** The role in AT-SPI's English ("push button"). */
  String GetRoleName();

  /** The state set: two 32-bit words, bit n set for AT-SPI state n. */
  List<UInt32> GetState();

  /** The children, in order. */
  List<ObjectRef> GetChildren();

  /** The application's root object. */
  ObjectRef GetApplication();
}
