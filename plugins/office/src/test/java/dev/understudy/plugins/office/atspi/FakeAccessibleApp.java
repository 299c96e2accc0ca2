package dev.understudy.plugins.office.atspi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * An application on the accessibility bus, as the tests need one: {@code objects} push buttons under
 * a frame, each answering the describer's calls (slowly, if asked), and signals sent as fast as the
 * bus takes them.
 */
public final class FakeAccessibleApp implements AutoCloseable {
  static final String ROOT = "/org/a11y/atspi/accessible/root";
  private final DBusConnection bus;
  private final long describeDelayMillis;
  private final AtomicLong describeCalls = new AtomicLong();

  /** The signal interface applications emit on. */
  @DBusInterfaceName("org.a11y.atspi.Event.Object")
  public interface EventObject extends DBusInterface {
    /** {@code StateChanged(s detail, i detail1, i detail2, v any_data, a{sv} properties)}. */
    final class StateChanged extends DBusSignal {
      public StateChanged(String path, String detail, int detail1, int detail2, Variant<?> any,
          Map<String, Variant<?>> properties) throws DBusException {
        super(path, detail, detail1, detail2, any, properties);
      }
    }
  }

  /** One exported accessible object. */
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

    private void slow() {
      describeCalls.incrementAndGet();
      if (describeDelayMillis > 0) {
        try {
          Thread.sleep(describeDelayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public String GetRoleName() {
      slow();
      return role;
    }

    @Override
    public List<UInt32> GetState() {
      slow();
      return List.of(new UInt32(1L << 11), new UInt32(0));
    }

    @Override
    public ObjectRef GetApplication() {
      slow();
      return new ObjectRef(bus.getUniqueName(), new DBusPath(ROOT));
    }

    @Override
    public List<ObjectRef> GetChildren() {
      return List.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String property) {
      slow();
      if (property.equals("Parent")) {
        return (A) new ObjectRef(bus.getUniqueName(), new DBusPath(parent));
      }
      return (A) name;
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

  /**
   * Connects to the accessibility bus and exports {@code objects} push buttons ("Button 0", ...) in a
   * frame "Flood" of an application "fake-app"; each describe call waits {@code describeDelayMillis}.
   */
  public FakeAccessibleApp(String a11yAddress, int objects, long describeDelayMillis) throws DBusException {
    this.describeDelayMillis = describeDelayMillis;
    this.bus = DBusConnectionBuilder.forAddress(a11yAddress).withShared(false).build();
    bus.exportObject(ROOT, new Node(ROOT, "application", "fake-app", ROOT));
    bus.exportObject("/org/a11y/atspi/accessible/frame", new Node("/org/a11y/atspi/accessible/frame", "frame", "Flood",
        ROOT));
    for (int i = 0; i < objects; i++) {
      bus.exportObject(path(i), new Node(path(i), "push button", "Button " + i, "/org/a11y/atspi/accessible/frame"));
    }
  }

  static String path(int i) {
    return "/org/a11y/atspi/accessible/" + i;
  }

  /** Describe calls answered so far. */
  public long describeCalls() {
    return describeCalls.get();
  }

  /** Sends one state change of object {@code object}. */
  public void state(int object, String state, boolean on) throws DBusException {
    bus.sendMessage(new EventObject.StateChanged(path(object), state, on ? 1 : 0, 0, new Variant<>(0), Map.of()));
  }

  @Override
  public void close() {
    bus.disconnect();
  }

  /** The accessibility bus's address, asked of a session bus (this starts the bus if need be). */
  public static String a11yAddress(String sessionBus) throws DBusException, java.io.IOException {
    try (DBusConnection s = DBusConnectionBuilder.forAddress(sessionBus).withShared(false).build()) {
      return s.getRemoteObject(A11yBus.NAME, A11yBus.PATH, A11yBus.class).GetAddress();
    }
  }
}
