package dev.understudy.plugins.office.atspi;

import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.Backend;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.a11y.EventPump;
import dev.understudy.plugins.office.a11y.SnapshotScheduler;
import dev.understudy.plugins.office.a11y.Snapshots;
import dev.understudy.plugins.office.a11y.TreeWalk;
import dev.understudy.proto.v1.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.dbus.DBusMatchRule;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusSigHandler;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * The {@value #NAME} backend: any accessible application on the Linux desktop — GTK, LibreOffice
 * with the gtk3 VCL plugin, Java through the ATK wrapper — over AT-SPI2 on D-Bus. It asks the session
 * bus ({@code adapter.office.}{@value #BUS_KEY}, default {@code $DBUS_SESSION_BUS_ADDRESS}) where the
 * accessibility bus is, connects there, registers for the few events it translates and listens.
 *
 * <p>Flood control: an application's start emits thousands of events. The D-Bus signal thread only
 * classifies a signal (most are dropped there: states and kinds nobody translates) and offers the
 * rest to a bounded queue ({@code adapter.office.}{@value #QUEUE_KEY}, default
 * {@value #DEFAULT_QUEUE}); what does not fit is dropped and counted, and reported as a gap once a
 * second. One worker thread describes objects (lazily, cached, every call time-bounded), coalesces
 * typing and emits. Nothing here ever waits on an application without a limit.
 *
 * <p>Snapshots ({@code adapter.office.snapshots}, see {@link Snapshots}): after actions, the active
 * window's tree is walked lazily on a thread of its own ({@link SnapshotScheduler}, {@link TreeWalk}:
 * node, depth and time caps), one time-bounded D-Bus call per fact.
 */
public final class AtspiBackend implements Backend {
  private static final Logger LOG = Logger.getLogger(AtspiBackend.class.getName());
  /** The backend's name in {@code adapter.office.backends}. */
  public static final String NAME = "atspi";
  /** Key: the session bus address. */
  public static final String BUS_KEY = "atspi.bus";
  /** Key: the event queue's capacity. */
  public static final String QUEUE_KEY = "atspi.queue";
  /** Default queue capacity: {@value} events. */
  public static final int DEFAULT_QUEUE = 4096;
  /** Every key this backend reads. */
  public static final Set<String> CONFIG_KEYS = Set.of(BUS_KEY, QUEUE_KEY);
  /** A typing pause that ends a text run: {@value} ms. */
  static final long TEXT_IDLE_MILLIS = 1000;
  private static final List<String> INTERFACES = List.of("org.a11y.atspi.Event.Object", "org.a11y.atspi.Event.Window",
      "org.a11y.atspi.Event.Focus");

  private final String sessionAddress;
  private final int capacity;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong filtered = new AtomicLong();
  private final List<AutoCloseable> handlers = new ArrayList<>();
  private volatile CaptureContext context;
  private volatile EventPump<AtspiEvent> pump;
  private DBusConnection session;
  private DBusConnection a11y;
  private DbusDescriber describer;
  private SnapshotScheduler snapshots;
  private Boolean wasEnabled;

  /** A backend configured from the office adapter's configuration; bad values fail naming the key. */
  public AtspiBackend(PluginConfig config) {
    this.sessionAddress = config.get(BUS_KEY).orElse(System.getenv("DBUS_SESSION_BUS_ADDRESS"));
    this.capacity = config.getInt(QUEUE_KEY, DEFAULT_QUEUE);
    if (capacity < 16) {
      throw new IllegalArgumentException("adapter.office." + QUEUE_KEY + ": expected at least 16 events, got " + capacity);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(CaptureContext ctx) throws BackendException {
    this.context = ctx;
    if (sessionAddress == null || sessionAddress.isBlank()) {
      throw new BackendException("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set; run the recorder in the "
          + "desktop session (or under dbus-launch) or set adapter.office." + BUS_KEY);
    }
    String address;
    try {
      session = DBusConnectionBuilder.forAddress(sessionAddress).withShared(false).build();
    } catch (DBusException | RuntimeException e) {
      throw new BackendException("cannot connect to the D-Bus session bus at " + sessionAddress + ": " + e.getMessage(), e);
    }
    try {
      address = session.getRemoteObject(A11yBus.NAME, A11yBus.PATH, A11yBus.class).GetAddress();
    } catch (DBusException | RuntimeException e) {
      throw new BackendException("the AT-SPI accessibility bus is not available on the session bus (org.a11y.Bus: "
          + e.getMessage() + "); install at-spi2-core", e);
    }
    enableAccessibility();
    try {
      a11y = DBusConnectionBuilder.forAddress(address).withShared(false)
          .receivingThreadConfig().withSignalThreadCount(1).connectionConfig().build();
      describer = new DbusDescriber(a11y);
      CaptureContext emitTo = ctx;
      if (Snapshots.enabled(ctx)) {
        AtspiTree tree = new AtspiTree(new DbusCalls(a11y));
        snapshots = new SnapshotScheduler(NAME, ctx.emitter(), after -> {
          Optional<Node> window = tree.window(after.getWindowTitle());
          return window.isEmpty() ? Optional.empty() : Optional.of(TreeWalk.of(tree, window.get()));
        }, SnapshotScheduler.DEFAULT_SPACING_MILLIS, null);
        emitTo = snapshots.context(ctx);
      }
      AtspiTranslator translator = new AtspiTranslator(describer, reason -> pump.lose(reason),
          TimeUnit.MILLISECONDS.toNanos(TEXT_IDLE_MILLIS));
      pump = new EventPump<>("AT-SPI", capacity, emitTo, new EventPump.Translator<>() {
        @Override
        public List<Action> accept(AtspiEvent event) {
          return translator.accept(event);
        }

        @Override
        public List<Action> idle(long nowUnixNanos) {
          return translator.idle(nowUnixNanos);
        }

        @Override
        public List<Action> finish() {
          return translator.finish();
        }
      });
      pump.start();
      DBusSigHandler<DBusSignal> onSignal = this::signal;
      for (String iface : INTERFACES) {
        handlers.add(a11y.addGenericSigHandler(new DBusMatchRule("signal", iface, null), onSignal));
      }
      Registry registry = a11y.getRemoteObject(Registry.NAME, Registry.PATH, Registry.class);
      for (String event : AtspiEvent.REGISTERED) {
        registry.RegisterEvent(event, List.of(), "");
      }
    } catch (DBusException | RuntimeException e) {
      throw new BackendException("cannot listen on the AT-SPI bus at " + address + ": " + e.getMessage(), e);
    }
  }

  // Toolkits that check org.a11y.Status.IsEnabled (Qt, some GTK builds) only expose themselves when it is on.
  private void enableAccessibility() {
    try {
      Properties status = session.getRemoteObject(A11yBus.NAME, A11yBus.PATH, Properties.class);
      wasEnabled = status.Get("org.a11y.Status", "IsEnabled");
      if (!Boolean.TRUE.equals(wasEnabled)) {
        status.Set("org.a11y.Status", "IsEnabled", Boolean.TRUE);
      }
    } catch (DBusException | RuntimeException e) {
      LOG.log(Level.FINE, "could not turn org.a11y.Status.IsEnabled on", e);
      wasEnabled = null;
    }
  }

  private void signal(DBusSignal s) {
    received.incrementAndGet();
    Optional<AtspiEvent> event;
    try {
      CaptureContext ctx = context;
      long now = ctx == null ? 0 : ctx.clock().nowUnixNanos();
      event = AtspiEvent.classify(s.getInterface(), s.getName(), s.getSource(), s.getPath(), s.getParameters(), now);
    } catch (DBusException | RuntimeException e) {
      filtered.incrementAndGet();
      return;
    }
    if (event.isEmpty()) {
      filtered.incrementAndGet();
    } else {
      pump.offer(event.get());
    }
  }

  /** The longest the event queue has been since the last call (then it starts over). */
  public int takeQueueHighWater() {
    EventPump<AtspiEvent> p = pump;
    return p == null ? 0 : p.takeHighWater();
  }

  /** Counts since start: signals seen, dropped by the filter, dropped by the full queue, translated, actions emitted. */
  public Stats stats() {
    EventPump<AtspiEvent> p = pump;
    return p == null ? new Stats(received.get(), filtered.get(), 0, 0, 0, 0, 0)
        : new Stats(received.get(), filtered.get(), p.dropped(), p.translated(), p.emitted(), p.queued(), describer.calls());
  }

  /**
   * What the backend has done.
   *
   * @param received signals seen on the bus
   * @param filtered signals recognised and dropped on arrival (kinds and states not translated)
   * @param dropped events the full queue dropped (each reported in a gap within a second)
   * @param translated events the worker took from the queue
   * @param emitted actions emitted
   * @param queued events waiting now
   * @param describeCalls D-Bus calls made to describe objects
   */
  public record Stats(long received, long filtered, long dropped, long translated, long emitted,
      int queued, long describeCalls) {}

  @Override
  public void stop() {
    if (a11y != null) {
      try {
        Registry registry = a11y.getRemoteObject(Registry.NAME, Registry.PATH, Registry.class);
        for (String event : AtspiEvent.REGISTERED) {
          registry.DeregisterEvent(event);
        }
      } catch (DBusException | RuntimeException e) {
        LOG.log(Level.FINE, "could not deregister AT-SPI events (the bus is gone?)", e);
      }
      for (AutoCloseable h : handlers) {
        try {
          h.close();
        } catch (Exception e) {
          LOG.log(Level.FINE, "could not remove a signal handler", e);
        }
      }
      handlers.clear();
    }
    if (pump != null) {
      pump.stop();
    }
    if (snapshots != null) {
      snapshots.close();
      snapshots = null;
    }
    if (session != null && Boolean.FALSE.equals(wasEnabled)) {
      try {
        session.getRemoteObject(A11yBus.NAME, A11yBus.PATH, Properties.class).Set("org.a11y.Status", "IsEnabled", Boolean.FALSE);
      } catch (DBusException | RuntimeException e) {
        LOG.log(Level.FINE, "could not restore org.a11y.Status.IsEnabled", e);
      }
    }
    close(a11y);
    close(session);
    a11y = null;
    session = null;
  }

  private static void close(DBusConnection c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "closing a D-Bus connection", e);
      }
    }
  }
}
