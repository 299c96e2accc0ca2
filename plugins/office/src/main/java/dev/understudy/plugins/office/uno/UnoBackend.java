package dev.understudy.plugins.office.uno;

import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.Backend;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.a11y.Snapshots;
import java.util.List;
import java.util.Objects;
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
 * this backend; LibreOffice's callbacks only copy values and return.
 */
public final class UnoBackend implements Backend {
  /** The backend's name in {@code adapter.office.backends}. */
  public static final String NAME = "uno";
  private static final Logger LOG = Logger.getLogger(UnoBackend.class.getName());
  private static final long CAPTURE_STOP_MILLIS = 3_000;

  private final UnoOptions options;
  private CaptureThread capture;
  private UnoTranslator translator;
  private UnoBridge bridge;
  private SofficeProcess launched;
  private UnoSnapshots snapshots;
  private boolean started;

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
    UnoOptions attach = options;
    if (options.launch()) {
      String display = options.display().orElseThrow(() -> new BackendException("adapter.office.uno.launch: there is"
          + " no display to start LibreOffice on: set DISPLAY or adapter.office.uno.display (LibreOffice is never"
          + " started headless: a person works in it)"));
      launched = SofficeProcess.start(options.soffice(), display, options.launchModule(), options.vclPlugin(),
          options.startTimeout());
      attach = options.withConnect(launched.connect());
    }
    capture = new CaptureThread("understudy-uno", CaptureThread.DEFAULT_CAPACITY);
    dev.understudy.api.ActionEmitter emitter = context.emitter();
    if (Snapshots.enabled(context)) {
      try {
        snapshots = UnoSnapshots.start(loader, attach, emitter);
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
    Thread current = Thread.currentThread();
    ClassLoader before = current.getContextClassLoader();
    current.setContextClassLoader(loader);
    try {
      bridge.start(attach, capture, translator::on, context.clock()::nowUnixNanos);
    } catch (BackendException | RuntimeException | LinkageError e) {
      stop();
      throw e;
    } finally {
      current.setContextClassLoader(before);
    }
    if (launched != null && !options.launchModule().isEmpty()) {
      // Start returns once the document the person will work in carries the hooks: what they type first is kept.
      try {
        if (!bridge.awaitDocument(options.startTimeout())) {
          LOG.warning("the LibreOffice Understudy started showed no document within " + options.startTimeout().toMillis()
              + " ms; documents are captured from when they open");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LOG.info("capturing LibreOffice on " + attach.connect() + (launched != null ? " (started by Understudy)" : ""));
  }

  @Override
  public synchronized void stop() {
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
    if (launched != null && options.quitOnStop()) {
      try {
        launched.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not end the LibreOffice Understudy started", e);
      }
      launched = null;
    }
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
