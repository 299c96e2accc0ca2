package dev.understudy.plugins.office.atspi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.CallbackHandler;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Time-bounded D-Bus calls to accessible objects, and the decoding of what AT-SPI answers (object
 * references, variants, state sets). Every call gives up after {@value #CALL_MILLIS} ms: a hung
 * application costs a bounded wait, a vanished one an immediate error. Thread-safe.
 */
final class DbusCalls {
  /** Longest wait for one D-Bus call: {@value} ms. */
  static final long CALL_MILLIS = 1500;

  private final DBusConnection bus;
  private final AtomicLong calls = new AtomicLong();

  DbusCalls(DBusConnection bus) {
    this.bus = bus;
  }

  /** D-Bus calls made so far. */
  long calls() {
    return calls.get();
  }

  <T extends DBusInterface> T remote(Node node, Class<T> type) throws DBusException {
    return bus.getRemoteObject(node.bus(), node.path(), type);
  }

  @SuppressWarnings("unchecked")
  <T> T call(DBusInterface target, String method, Object... args) throws TimeoutException {
    calls.incrementAndGet();
    CompletableFuture<Object> reply = new CompletableFuture<>();
    bus.callWithCallback(target, method, new CallbackHandler<Object>() {
      @Override
      public void handle(Object r) {
        reply.complete(r);
      }

      @Override
      public void handleError(DBusExecutionException e) {
        reply.completeExceptionally(e);
      }
    }, args);
    try {
      return (T) reply.get(CALL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof DBusExecutionException d ? d : new DBusExecutionException(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  /** An accessible's name (its {@code Name} property); empty when it has none. */
  String name(Node node) throws DBusException, TimeoutException {
    return unwrap(call(remote(node, Properties.class), "Get", Accessible.INTERFACE, "Name")) instanceof String s ? s : "";
  }

  /** The node an AT-SPI object reference ({@code (so)}) names, or null. */
  static Node ref(Object v) {
    if (v instanceof ObjectRef r && r.getPath() != null) {
      return new Node(r.getBus(), r.getPath().getPath());
    }
    if (v instanceof Object[] pair && pair.length == 2 && pair[0] instanceof String b && pair[1] instanceof DBusPath p) {
      return new Node(b, p.getPath());
    }
    return null;
  }

  static Object unwrap(Object v) {
    return v instanceof Variant<?> variant ? variant.getValue() : v;
  }

  /** An AT-SPI state set (two 32-bit words) as a 64-bit mask: bit n for state n. */
  static long states(Object v) {
    long mask = 0;
    if (v instanceof List<?> words) {
      for (int i = 0; i < Math.min(2, words.size()); i++) {
        Object w = words.get(i);
        long word = w instanceof UInt32 u ? u.longValue() : w instanceof Number n ? n.longValue() & 0xffffffffL : 0;
        mask |= word << (32 * i);
      }
    }
    return mask;
  }
}
