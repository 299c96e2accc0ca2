package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.beans.PropertyValue;
import com.sun.star.container.XIndexAccess;
import com.sun.star.document.DocumentEvent;
import com.sun.star.document.XDocumentEventBroadcaster;
import com.sun.star.document.XDocumentEventListener;
import com.sun.star.frame.DispatchHelper;
import com.sun.star.frame.XController;
import com.sun.star.frame.XDesktop2;
import com.sun.star.frame.XDispatchHelper;
import com.sun.star.frame.XDispatchProvider;
import com.sun.star.frame.XFrame;
import com.sun.star.frame.XModel;
import com.sun.star.frame.theGlobalEventBroadcaster;
import com.sun.star.lang.EventObject;
import com.sun.star.lib.uno.helper.WeakBase;
import com.sun.star.uno.UnoRuntime;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.uno.UnoBridge;
import dev.understudy.plugins.office.uno.UnoEvent;
import dev.understudy.plugins.office.uno.UnoOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bridge to one running soffice: connects, places the hooks (global document events, every document
 * frame's recorder and listeners, accessibility), follows new frames, and removes everything at stop.
 * See {@link UnoBridge} for the threading contract. Thread-safe.
 */
public final class BridgeSession implements UnoBridge {
  private static final Logger LOG = Logger.getLogger(BridgeSession.class.getName());
  /** How long stop waits for LibreOffice to answer while hooks are removed, before closing the connection. */
  static final long STOP_TIMEOUT_MILLIS = 8_000;
  /** How long stop lets already-posted work finish before removing the hooks. */
  static final long DRAIN_MILLIS = 2_000;
  /** Document events passed on as they are. */
  private static final Set<String> PASSED_ON = Set.of("OnSaveDone", "OnSaveAsDone", "OnUnload", "OnFocus", "OnPrint");
  /** Document events after which the frame's title or location is read again. */
  private static final Set<String> REFRESH = Set.of("OnTitleChanged", "OnStorageChanged", "OnSaveDone",
      "OnSaveAsDone", "OnModifyChanged");

  private UnoOptions options;
  private ScheduledExecutorService capture;
  private Consumer<UnoEvent> events;
  private LongSupplier clock;
  private Connection connection;
  private XDispatchHelper dispatcher;
  private XDesktop2 desktop;
  private MacroRecorderMode macroMode;
  private XDocumentEventBroadcaster broadcaster;
  private final DocumentListener documents = new DocumentListener();
  private Accessibility accessibility;
  private final Map<String, FrameHooks> frames = new ConcurrentHashMap<>();
  private final AtomicInteger frameIds = new AtomicInteger();
  private final AtomicInteger installing = new AtomicInteger();
  private final AtomicBoolean lost = new AtomicBoolean();
  private volatile boolean stopping;
  private volatile boolean closing;
  private final CountDownLatch firstDocument = new CountDownLatch(1);
  private volatile FrameHooks active;
  private Thread shutdownHook;

  /** For {@link dev.understudy.plugins.office.uno.BridgeLoader}. */
  public BridgeSession() {}

  @Override
  public void start(UnoOptions options, ScheduledExecutorService capture, Consumer<UnoEvent> events,
      LongSupplier clock) throws BackendException {
    this.options = options;
    this.capture = capture;
    this.events = events;
    this.clock = clock;
    String hint = "start it with " + options.acceptHint() + " or set adapter.office.uno.launch=true";
    connection = Connection.open(options.connect(), options.startTimeout(), hint);
    try {
      connection.whenLost(this::connectionLost);
      desktop = com.sun.star.frame.Desktop.create(connection.context);
      dispatcher = DispatchHelper.create(connection.context);
      macroMode = MacroRecorderMode.enable(connection.context);
      broadcaster = UnoRuntime.queryInterface(XDocumentEventBroadcaster.class,
          theGlobalEventBroadcaster.get(connection.context));
      broadcaster.addDocumentEventListener(documents);
      if (options.accessibility()) {
        accessibility = new Accessibility(this);
        accessibility.start();
      }
      XIndexAccess all = UnoRuntime.queryInterface(XIndexAccess.class, desktop.getFrames());
      for (int i = 0; i < all.getCount(); i++) {
        XFrame frame = UnoRuntime.queryInterface(XFrame.class, all.getByIndex(i));
        try {
          attach(frame);
        } catch (com.sun.star.uno.Exception | RuntimeException e) {
          LOG.log(Level.WARNING, "could not place Understudy's hooks in a LibreOffice frame; it is left out", e);
        }
      }
      shutdownHook = new Thread(this::stop, "understudy-uno-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      stop();
      throw new BackendException("could not place Understudy's hooks in LibreOffice on " + options.connect() + ": " + e, e);
    }
  }

  /** Places the hooks in a document frame not seen before. Not from a callback. */
  private FrameHooks attach(XFrame frame) throws com.sun.star.uno.Exception {
    if (frame == null || stopping) {
      return null;
    }
    String oid = UnoRuntime.generateOid(frame);
    FrameHooks known = frames.get(oid);
    if (known != null) {
      return known;
    }
    XController controller = frame.getController();
    XModel model = controller == null ? null : controller.getModel();
    if (model == null) {
      return null; // the Start Center, or a frame still being built
    }
    FrameHooks hooks = new FrameHooks(this, Integer.toString(frameIds.incrementAndGet()), frame, model);
    frames.put(oid, hooks);
    hooks.install();
    firstDocument.countDown();
    if (accessibility != null) {
      accessibility.watch(hooks);
    }
    if (active == null) {
      active = hooks;
    }
    return hooks;
  }

  private FrameHooks hooksOf(Object model) {
    for (FrameHooks h : frames.values()) {
      if (UnoRuntime.areSame(h.model, model)) {
        return h;
      }
    }
    return null;
  }

  // --- services for the hooks ---

  long now() {
    return clock.getAsLong();
  }

  boolean stopping() {
    return stopping;
  }

  Object create(String service) throws com.sun.star.uno.Exception {
    return connection.create(service);
  }

  void markActive(FrameHooks hooks) {
    active = hooks;
  }

  FrameHooks active() {
    return active;
  }

  /** Runs a command in a frame, synchronously. Not from a callback. */
  void dispatch(XFrame frame, String command) {
    XDispatchProvider provider = UnoRuntime.queryInterface(XDispatchProvider.class, frame);
    installing.incrementAndGet();
    try {
      dispatcher.executeDispatch(provider, command, "", 0, new PropertyValue[0]);
    } finally {
      installing.decrementAndGet();
    }
  }

  /** Whether Understudy itself is dispatching a command now (windows it opens are its own). */
  boolean installing() {
    return installing.get() > 0;
  }

  /**
   * Hands work to the capture thread; dropped (and counted there) when it is full. Still accepted while
   * stopping, so that what the person did just before the stop (a save a moment ago) is not lost.
   */
  void post(UnoTask task) {
    try {
      capture.execute(() -> {
        try {
          task.run();
        } catch (com.sun.star.lang.DisposedException e) {
          LOG.log(Level.FINE, "LibreOffice object gone while describing an event", e);
        } catch (Exception | LinkageError e) {
          LOG.log(Level.FINE, "could not describe a LibreOffice event", e);
        }
      });
    } catch (RejectedExecutionException e) {
      // the capture thread has shut down: capture is over
    }
  }

  /** Passes an event on. Capture thread only. */
  void emit(UnoEvent event) {
    events.accept(event);
  }

  /** Work done on the capture thread, which may call LibreOffice. */
  @FunctionalInterface
  interface UnoTask {
    void run() throws Exception;
  }

  private void connectionLost() {
    // Also while stopping (LibreOffice may die just then), but not when stop closed the connection itself.
    if (closing || !lost.compareAndSet(false, true)) {
      return;
    }
    long t = now();
    LOG.warning("the connection to LibreOffice on " + options.connect() + " was lost");
    try {
      capture.execute(() -> events.accept(new UnoEvent.Lost("the connection to LibreOffice on " + options.connect()
          + " was lost (soffice exited or the socket closed); nothing more is captured from it", t)));
    } catch (RejectedExecutionException e) {
      // capture is over anyway
    }
  }

  // --- stop ---

  @Override
  public synchronized void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running this
      }
    }
    drain();
    if (connection != null && !lost.get()) {
      Thread teardown = new Thread(this::removeHooks, "understudy-uno-stop");
      teardown.setDaemon(true);
      teardown.setContextClassLoader(BridgeSession.class.getClassLoader());
      teardown.start();
      try {
        teardown.join(STOP_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (teardown.isAlive()) {
        LOG.warning("LibreOffice did not answer within " + STOP_TIMEOUT_MILLIS
            + " ms while Understudy removed its hooks; closing the connection");
      }
    }
    if (connection != null) {
      closing = true;
      connection.close();
    }
  }

  @Override
  public boolean awaitDocument(java.time.Duration timeout) throws InterruptedException {
    return firstDocument.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets the work already posted finish while LibreOffice can still be asked. */
  private void drain() {
    if (capture == null || capture.isShutdown()) {
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    try {
      capture.execute(done::countDown);
      done.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // nothing to drain
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void removeHooks() {
    if (accessibility != null) {
      accessibility.stop();
    }
    for (FrameHooks h : frames.values()) {
      h.remove();
    }
    frames.clear();
    if (broadcaster != null) {
      try {
        broadcaster.removeDocumentEventListener(documents);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "removing the document event listener", e);
      }
    }
    if (macroMode != null) {
      macroMode.restore();
    }
  }

  @Override
  public int watchedElements() {
    return accessibility == null ? 0 : accessibility.watchedCount();
  }

  /** Document events of every document, from the global broadcaster. */
  private final class DocumentListener extends WeakBase implements XDocumentEventListener {
    @Override
    public void documentEventOccured(DocumentEvent event) {
      String name = event.EventName;
      boolean viewCreated = "OnViewCreated".equals(name);
      boolean savingAs = "OnSaveAs".equals(name);
      if (!viewCreated && !savingAs && !PASSED_ON.contains(name) && !REFRESH.contains(name)) {
        return;
      }
      long t = now();
      Object model = event.Source;
      XController controller = event.ViewController;
      post(() -> {
        if (viewCreated) {
          viewCreated(model, controller, t);
          return;
        }
        FrameHooks hooks = hooksOf(model);
        if (hooks == null) {
          return;
        }
        if (savingAs) {
          // Before LibreOffice stores under the new name: the save-as done event needs the old one.
          hooks.urlBeforeSaveAs = hooks.context().documentUrl();
          return;
        }
        String before = "OnSaveAsDone".equals(name) && hooks.urlBeforeSaveAs != null ? hooks.urlBeforeSaveAs
            : hooks.context().documentUrl();
        if (REFRESH.contains(name)) {
          hooks.refresh();
        }
        if ("OnFocus".equals(name)) {
          markActive(hooks);
        }
        if (PASSED_ON.contains(name)) {
          String filter = name.startsWith("OnSave") ? hooks.filter() : "";
          emit(new UnoEvent.Document(hooks.context(), name, before, filter, t));
        }
        if ("OnUnload".equals(name)) {
          frames.values().remove(hooks);
        }
      });
    }

    private void viewCreated(Object model, XController controller, long t) throws com.sun.star.uno.Exception {
      XController c = controller != null ? controller
          : UnoRuntime.queryInterface(XModel.class, model).getCurrentController();
      if (c == null || hooksOf(model) != null && frames.containsKey(UnoRuntime.generateOid(c.getFrame()))) {
        return;
      }
      FrameHooks hooks = attach(c.getFrame());
      if (hooks != null) {
        markActive(hooks);
        emit(new UnoEvent.Document(hooks.context(), hooks.stored() ? "OnLoad" : "OnNew", "", "", t));
      }
    }

    @Override
    public void disposing(EventObject event) {}
  }
}
