package dev.understudy.plugins.office.uno;

import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.Backend;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.a11y.Snapshots;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * LibreOffice through UNO: the {@value #NAME} backend of the office adapter. Attaches to a running
 * soffice ({@code adapter.office.uno.connect}) or starts one ({@code adapter.office.uno.launch}), and
 * records what the person does in its documents: the commands the dispatch recorder sees (typed text as
 * text edits, {@code .uno:Bold}, Calc cell entries), document events (new, open, save, save-as, close),
 * undo titles, and through accessibility the toolbar items, menu paths and dialog fields involved. See
 * {@link UnoOptions} for the settings and {@link UnoTranslator} for what becomes which action.
 *
 * <p>LibreOffice's Java UNO classes are not part of Understudy: they are loaded from the LibreOffice
 * installation at start ({@link LibreOfficeClasses}); without them start fails saying what to install.
 *
 * <p>Threading: as {@link Backend}. Everything LibreOffice reports is handled on one capture thread of
 * this backend; LibreOffice's callbacks only copy values and return. Attaching ({@code uno.connect})
 * happens inside {@link #start}. Launching ({@code uno.launch}) does not: starting soffice can take longer
 * than the runtime lets an adapter's start block (10 s by default) on a loaded machine, so {@code start}
 * checks the settings and LibreOffice's classes, then returns, and a launcher thread of the backend starts
 * soffice and places the hooks, logging its progress to the {@code dev.understudy.progress} logger (the
 * command line shows it). When the launch fails the session gets a warning and a gap record saying why,
 * and goes on. {@link #stop} ends a launch in progress.
 */
public final class UnoBackend implements Backend {
  /** The backend's name in {@code adapter.office.backends}. */
  public static final String NAME = "uno";
  private static final Logger LOG = Logger.getLogger(UnoBackend.class.getName());
  private static final long CAPTURE_STOP_MILLIS = 3_000;

  /** How long stop waits for a launch in progress to give up: {@value} ms. */
  static final long LAUNCH_STOP_MILLIS = 5_000;
  /** Where launch progress goes: shown on the command line's standard error. */
  private static final Logger PROGRESS = Logger.getLogger("dev.understudy.progress.office");

  private final UnoOptions options;
  private final CountDownLatch ready = new CountDownLatch(1);
  private CaptureThread capture;
  private UnoTranslator translator;
  private UnoBridge bridge;
  private SofficeProcess launched;
  private UnoSnapshots snapshots;
  /** Where the LibreOffice being captured listens, once attached: snapshots connect there on first use. */
  private volatile String connected;
  private boolean started;
  private volatile boolean stopping;
  private volatile Thread launcher;
  private volatile String failure;

  /** The backend with the settings under {@code adapter.office.uno.}; a bad value fails naming its key. */
  public UnoBackend(PluginConfig config) {
    this(UnoOptions.from(config));
  }

  UnoBackend(UnoOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized void start(CaptureContext context) throws BackendException {
    if (started) {
      throw new IllegalStateException("the uno backend was started already");
    }
    started = true;
    List<java.nio.file.Path> jars = LibreOfficeClasses.find(options.classes());
    BridgeLoader loader = LibreOfficeClasses.loader(jars);
    String display = null;
    if (options.launch()) {
      display = options.display().orElseThrow(() -> new BackendException("adapter.office.uno.launch: there is"
          + " no display to start LibreOffice on: set DISPLAY or adapter.office.uno.display (LibreOffice is never"
          + " started headless: a person works in it)"));
    }
    capture = new CaptureThread("understudy-uno", CaptureThread.DEFAULT_CAPACITY);
    dev.understudy.api.ActionEmitter emitter = context.emitter();
    if (Snapshots.enabled(context)) {
      try {
        snapshots = UnoSnapshots.start(loader, options, () -> connected, emitter);
        emitter = snapshots.emitter();
      } catch (ReflectiveOperationException | LinkageError e) {
        LOG.log(Level.WARNING, "accessibility snapshots are off: LibreOffice's classes could not be used for them", e);
      }
    }
    translator = new UnoTranslator(emitter, capture, options.typingIdle().toNanos(), System::nanoTime,
        capture::takeDropped);
    try {
      bridge = loader.create("BridgeSession", UnoBridge.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      stop();
      throw new BackendException("LibreOffice's Java UNO classes in " + jars + " could not be used: " + e
          + "; " + LibreOfficeClasses.INSTALL_HINT, e);
    }
    if (display == null) {
      try {
        attach(loader, options, context);
      } catch (BackendException | RuntimeException | LinkageError e) {
        stop();
        throw e;
      }
      ready.countDown();
      return;
    }
    // Starting soffice takes seconds, more on a loaded machine: longer than the runtime lets start block.
    // It happens on a thread of the backend's own; start returns at once (see the class comment).
    String on = display;
    UnoBridge b = bridge;
    launcher = new Thread(() -> launch(loader, b, on, context), "understudy-uno-launch");
    launcher.setDaemon(true);
    launcher.start();
  }

  /** The launcher thread: starts soffice, places the hooks; a failure becomes a warning and a gap record. */
  private void launch(BridgeLoader loader, UnoBridge b, String display, CaptureContext context) {
    long begun = System.nanoTime();
    SofficeProcess p = null;
    try {
      PROGRESS.info("starting LibreOffice on display " + display + " (adapter.office.uno.launch); recording begins"
          + " once its document is ready");
      p = SofficeProcess.start(options.soffice(), display, options.launchModule(), options.vclPlugin(),
          options.startTimeout());
      synchronized (this) {
        if (stopping) {
          p.close();
          return;
        }
        launched = p;
      }
      UnoOptions attach = options.withConnect(p.connect());
      attach(loader, attach, context);
      if (!options.launchModule().isEmpty() && !b.awaitDocument(options.startTimeout())) {
        LOG.warning("the LibreOffice Understudy started showed no document within " + options.startTimeout().toMillis()
            + " ms; documents are captured from when they open");
      }
      if (stopping) {
        return; // stop() cleans up once this thread ends
      }
      ready.countDown();
      PROGRESS.info("LibreOffice is ready after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun)
          + " ms: recording what is done in it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (BackendException | RuntimeException | LinkageError e) {
      if (stopping) {
        return;
      }
      String detail = "the uno backend could not start LibreOffice: " + e.getMessage();
      LOG.warning(detail + "; nothing is recorded from LibreOffice in this session");
      context.emitter().reportLoss(1, detail);
      failure = detail;
      ready.countDown();
    }
  }

  /** Connects the bridge and places the hooks, with LibreOffice's classes as the context class loader. */
  private void attach(BridgeLoader loader, UnoOptions attach, CaptureContext context) throws BackendException {
    Thread current = Thread.currentThread();
    ClassLoader before = current.getContextClassLoader();
    current.setContextClassLoader(loader);
    try {
      bridge().start(attach, capture, translator::on, context.clock()::nowUnixNanos);
    } finally {
      current.setContextClassLoader(before);
    }
    connected = attach.connect();
    LOG.info("capturing LibreOffice on " + attach.connect() + (options.launch() ? " (started by Understudy)" : ""));
  }

  private synchronized UnoBridge bridge() throws BackendException {
    if (bridge == null) {
      throw new BackendException("the uno backend was stopped");
    }
    return bridge;
  }

  @Override
  public void stop() {
    stopping = true;
    Thread l = launcher;
    if (l != null && l.isAlive()) {
      l.interrupt();
      try {
        l.join(LAUNCH_STOP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (l != null && l.isAlive()) {
        // Still connecting: hooks it places now are removed when LibreOffice goes, which it does below.
        LOG.warning("LibreOffice was still starting when capture stopped");
      }
      if (snapshots != null) {
        snapshots.close();
        snapshots = null;
      }
      if (bridge != null) {
        bridge.stop();
        bridge = null;
      }
      if (capture != null) {
        UnoTranslator t = translator;
        capture.execute(t::flushAll);
        capture.shutdown();
        try {
          if (!capture.awaitTermination(CAPTURE_STOP_MILLIS, TimeUnit.MILLISECONDS)) {
            capture.shutdownNow();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          capture.shutdownNow();
        }
        capture = null;
      }
      // A LibreOffice started for capture that never became ready is ended whatever quit-on-stop says.
      if (launched != null && (options.quitOnStop() || ready.getCount() > 0 || failure != null)) {
        try {
          launched.close();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "could not end the LibreOffice Understudy started", e);
        }
        launched = null;
      }
    }
  }

  /**
   * Waits until capture runs: at once when attaching, once a launched LibreOffice carries the hooks.
   * False on timeout or when the launch failed (tests, the demo).
   */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure == null;
  }

  /** How many user-interface elements carry an accessibility listener now; 0 when not started. */
  public synchronized int watchedElements() {
    return bridge == null ? 0 : bridge.watchedElements();
  }

  /** The connection of the soffice this backend started, when it started one (tests, the demo). */
  synchronized java.util.Optional<String> launchedConnect() {
    return launched == null ? java.util.Optional.empty() : java.util.Optional.of(launched.connect());
  }
}
