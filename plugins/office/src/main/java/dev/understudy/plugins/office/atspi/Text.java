package dev.understudy.plugins.office.atspi;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.a11y.atspi.Text}: a field's whole text, read when a typing run ends. */
@DBusInterfaceName("org.a11y.atspi.Text")
public interface Text extends DBusInterface {
  /**
   * Characters from start to end ({@code -1}: to the end). Boxed parameters: asynchronous calls find
   * the method by the classes of their arguments.
   */
  String GetText(Integer start, Integer end);
}
