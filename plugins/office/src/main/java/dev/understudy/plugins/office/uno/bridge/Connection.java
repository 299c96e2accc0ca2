package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.bridge.XBridge;
import com.sun.star.bridge.XBridgeFactory;
import com.sun.star.comp.helper.Bootstrap;
import com.sun.star.connection.Connector;
import com.sun.star.connection.NoConnectException;
import com.sun.star.connection.XConnection;
import com.sun.star.lang.EventObject;
import com.sun.star.lang.XComponent;
import com.sun.star.lang.XEventListener;
import com.sun.star.lang.XMultiComponentFactory;
import com.sun.star.lib.uno.helper.WeakBase;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.uno.XComponentContext;
import dev.understudy.plugins.office.BackendException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One URP connection to a soffice: the bridge and the office's component context. The connection is
 * made on a thread of its own so that a socket that accepts but never speaks UNO cannot hang the caller.
 * Thread-safe.
 */
final class Connection {
  private static final Logger LOG = Logger.getLogger(Connection.class.getName());

  private final XComponent bridge;
  final XComponentContext context;
  final XMultiComponentFactory serviceManager;

  private Connection(XComponent bridge, XComponentContext context) {
    this.bridge = bridge;
    this.context = context;
    this.serviceManager = context.getServiceManager();
  }

  /**
   * Connects to {@code connect} ({@code socket,host=...,port=...}).
   *
   * @param hint what to tell a person when nobody answers there
   */
  static Connection open(String connect, Duration timeout, String hint) throws BackendException {
    CompletableFuture<Connection> attempt = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        attempt.complete(connectNow(connect));
      } catch (Throwable e) {
        attempt.completeExceptionally(e);
      }
    }, "understudy-uno-connect");
    t.setDaemon(true);
    t.setContextClassLoader(Connection.class.getClassLoader());
    t.start();
    try {
      return attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      t.interrupt();
      throw new BackendException("LibreOffice did not answer on " + connect + " within " + timeout.toMillis()
          + " ms (adapter.office.uno.connect); is something else listening there? " + hint);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while connecting to LibreOffice on " + connect, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof NoConnectException) {
        throw new BackendException("LibreOffice is not accepting UNO connections on " + connect
            + " (adapter.office.uno.connect): " + hint, cause);
      }
      throw new BackendException("could not connect to LibreOffice on " + connect + ": " + cause, cause);
    }
  }

  private static Connection connectNow(String connect) throws Exception {
    XComponentContext local = Bootstrap.createInitialComponentContext(null);
    XConnection connection = Connector.create(local).connect(connect);
    // The Java-only local context offers the bridge factory by its old service name, not XBridgeFactory2.
    XBridgeFactory factory = UnoRuntime.queryInterface(XBridgeFactory.class,
        local.getServiceManager().createInstanceWithContext("com.sun.star.bridge.BridgeFactory", local));
    XBridge bridge = factory.createBridge("", "urp", connection, null);
    XComponent component = UnoRuntime.queryInterface(XComponent.class, bridge);
    Object initial = bridge.getInstance("StarOffice.ComponentContext");
    XComponentContext office = UnoRuntime.queryInterface(XComponentContext.class, initial);
    if (office == null) {
      component.dispose();
      throw new IllegalStateException("the office at " + connect + " offers no StarOffice.ComponentContext");
    }
    return new Connection(component, office);
  }

  /** Runs {@code onLoss} (on a UNO thread) when the connection goes away for any reason. */
  void whenLost(Runnable onLoss) {
    bridge.addEventListener(new Disposal(onLoss));
  }

  /** Creates a service of the office by name. */
  Object create(String service) throws com.sun.star.uno.Exception {
    return serviceManager.createInstanceWithContext(service, context);
  }

  /** Closes the connection; remote objects become unusable. Never throws. */
  void close() {
    try {
      bridge.dispose();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing the UNO bridge", e);
    }
  }

  private static final class Disposal extends WeakBase implements XEventListener {
    private final Runnable onLoss;

    Disposal(Runnable onLoss) {
      this.onLoss = onLoss;
    }

    @Override
    public void disposing(EventObject event) {
      onLoss.run();
    }
  }
}
