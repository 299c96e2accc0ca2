package dev.understudy.bench.desktop;

import dev.understudy.plugins.office.atspi.Accessible;
import dev.understudy.plugins.office.atspi.ObjectRef;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** An application on the accessibility bus that floods it: push buttons in a frame, and state changes on demand. */
final class FloodApp implements AutoCloseable {
  private static final String ROOT = "/org/a11y/atspi/accessible/root";
  private static final String FRAME = "/org/a11y/atspi/accessible/frame";
  private final DBusConnection bus;

  /** The interface applications emit object events on. */
  @DBusInterfaceName("org.a11y.atspi.Event.Object")
  public interface EventObject extends DBusInterface {
    /** {@code StateChanged(s, i, i, v, a{sv})}. */
    final class StateChanged extends DBusSignal {
      public StateChanged(String path, String detail, int detail1, int detail2, Variant<?> any,
          Map<String, Variant<?>> properties) throws DBusException {
        super(path, detail, detail1, detail2, any, properties);
      }
    }
  }

  /** One accessible object. */
  public final class Node implements Accessible, Properties {
    private final String path;
    private final String role;
    private final String name;
    private final String parent;

    Node(String path, String role, String name, String parent) {
      this.path = path;
      this.role = role;
      this.name = name;
      this.parent = parent;
    }

    @Override
    public String getObjectPath() {
      return path;
    }

    @Override
    public String GetRoleName() {
      return role;
    }

    @Override
    public List<UInt32> GetState() {
      return List.of(new UInt32(0), new UInt32(0));
    }

    @Override
    public ObjectRef GetApplication() {
      return new ObjectRef(bus.getUniqueName(), new DBusPath(ROOT));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String property) {
      return property.equals("Parent") ? (A) new ObjectRef(bus.getUniqueName(), new DBusPath(parent)) : (A) name;
    }

    @Override
    public <A> void Set(String iface, String property, A value) {
      throw new UnsupportedOperationException(property);
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
      return Map.of("Name", new Variant<>(name));
    }
  }

  FloodApp(String a11yAddress, int objects) throws DBusException {
    bus = DBusConnectionBuilder.forAddress(a11yAddress).withShared(false).build();
    bus.exportObject(ROOT, new Node(ROOT, "application", "flood", ROOT));
    bus.exportObject(FRAME, new Node(FRAME, "frame", "Flood", ROOT));
    for (int i = 0; i < objects; i++) {
      bus.exportObject(path(i), new Node(path(i), "push button", "Button " + i, FRAME));
    }
  }

  static String path(int i) {
    return "/org/a11y/atspi/accessible/" + i;
  }

  void state(int object, String state) throws DBusException {
    bus.sendMessage(new EventObject.StateChanged(path(object), state, 1, 0, new Variant<>(0), Map.of()));
  }

  @Override
  public void close() {
    bus.disconnect();
  }
}
