package dev.understudy.plugins.office.atspi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;

/**
 * Describes objects over D-Bus, lazily and with a cache: an object is asked about only when one of
 * its events is translated, and what was learned is kept for {@value #TTL_MILLIS} ms or until the
 * application announces a new name (at most
 * {@value #MAX_ENTRIES} objects), so the hundreds of events a burst brings about one object cost its
 * three round trips (name, role, states) once. Ancestors (for the window and menu path) are cached the
 * same way. Every call gives up after {@value DbusCalls#CALL_MILLIS} ms: a hung application costs a
 * bounded wait, a vanished one an immediate error, and both an empty answer.
 *
 * <p>Threading: the backend's worker thread only.
 */
final class DbusDescriber implements Describer {
  /**
   * How long a description is trusted: {@value} ms. Names are forgotten at once when the application
   * says they changed; the rest (role, line states, window) rarely changes, and refreshing hundreds
   * of objects while an application floods the bus is what would hold the queue up.
   */
  static final long TTL_MILLIS = 60_000;
  /** Most objects cached: {@value}. */
  static final int MAX_ENTRIES = 4096;
  /** Deepest ancestor walk: {@value}. */
  static final int MAX_DEPTH = 24;

  private static final Set<String> WINDOWS = Set.of("frame", "dialog", "window", "alert", "file chooser");
  private static final Set<String> MENUS = Set.of("menu", "menu item", "check menu item", "radio menu item");

  private record Cached<T>(T value, long at) {}

  /** Role, name and parent of an ancestor. */
  private record Ancestor(String role, String name, Node parent) {}

  private final DbusCalls bus;
  private final Map<Node, Cached<Description>> descriptions = lru();
  private final Map<Node, Cached<Ancestor>> ancestors = lru();
  private final Map<String, String> apps = lru();

  DbusDescriber(DBusConnection bus) {
    this.bus = new DbusCalls(bus);
  }

  private static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > MAX_ENTRIES;
      }
    };
  }

  /** D-Bus calls made so far. */
  long calls() {
    return bus.calls();
  }

  @Override
  public Optional<Description> describe(Node node) {
    long now = System.currentTimeMillis();
    Cached<Description> hit = descriptions.get(node);
    if (hit != null && now - hit.at() < TTL_MILLIS) {
      return Optional.of(hit.value());
    }
    try {
      Accessible acc = bus.remote(node, Accessible.class);
      String role = bus.call(acc, "GetRoleName");
      String name = bus.name(node);
      long states = DbusCalls.states(bus.call(acc, "GetState"));
      String app = app(node, acc);
      String window = "";
      String windowRole = "";
      Deque<String> menus = new ArrayDeque<>();
      boolean inMenu = MENUS.contains(role);
      if (inMenu) {
        menus.addFirst(name);
      }
      Node at = parent(node);
      for (int depth = 0; at != null && depth < MAX_DEPTH; depth++) {
        Ancestor a = ancestor(at, now);
        if (a == null) {
          break;
        }
        if (inMenu && MENUS.contains(a.role())) {
          menus.addFirst(a.name());
        } else {
          inMenu = false;
        }
        if (WINDOWS.contains(a.role())) {
          window = a.name();
          windowRole = a.role();
          break;
        }
        at = a.parent();
      }
      List<String> menuPath = MENUS.contains(role) ? new ArrayList<>(menus) : List.of();
      Description d = new Description(role, name, states, app, window, windowRole, menuPath);
      descriptions.put(node, new Cached<>(d, now));
      return Optional.of(d);
    } catch (DBusException | TimeoutException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> text(Node node) {
    try {
      return Optional.of(bus.call(bus.remote(node, Text.class), "GetText", 0, -1));
    } catch (DBusException | TimeoutException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void forget(Node node) {
    descriptions.remove(node);
    ancestors.remove(node);
  }

  private Ancestor ancestor(Node node, long now) throws DBusException, TimeoutException {
    Cached<Ancestor> hit = ancestors.get(node);
    if (hit != null && now - hit.at() < TTL_MILLIS) {
      return hit.value();
    }
    if (node.path().endsWith("/accessible/root")) {
      return null;
    }
    Ancestor a = new Ancestor(bus.call(bus.remote(node, Accessible.class), "GetRoleName"), bus.name(node), parent(node));
    ancestors.put(node, new Cached<>(a, now));
    return a;
  }

  private Node parent(Node node) throws DBusException, TimeoutException {
    Object v = DbusCalls.unwrap(bus.call(bus.remote(node, Properties.class), "Get", Accessible.INTERFACE, "Parent"));
    return DbusCalls.ref(v);
  }

  private String app(Node node, Accessible acc) throws DBusException, TimeoutException {
    String known = apps.get(node.bus());
    if (known != null) {
      return known;
    }
    Object root = bus.call(acc, "GetApplication");
    Node app = DbusCalls.ref(root);
    String name = app == null ? "" : bus.name(app);
    apps.put(node.bus(), name);
    return name;
  }

}
