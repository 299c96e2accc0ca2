package dev.understudy.plugins.office.x11;

import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.Backend;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.proto.v1.Action;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@value #NAME} backend: which window is active, and switches between windows, on an X11
 * desktop — the window's WM_CLASS (its app id, which the policy's app lists match) and its title.
 *
 * <p>With a window manager that publishes {@code _NET_ACTIVE_WINDOW} the backend waits for that
 * property to change on the root window (PropertyNotify): no work while nothing happens. Without one
 * (a bare Xvfb, a kiosk) there is no such property and no event that says "the active window changed"
 * short of watching focus events on every window of every client; the backend then asks the server
 * for the input focus every {@code adapter.office.}{@value #POLL_KEY} ms (default
 * {@value #DEFAULT_POLL_MILLIS}): one round trip, a few microseconds of server time, and a switch seen
 * within that interval, which is well under the time a person takes to act in the new window.
 *
 * <p>{@code adapter.office.}{@value #DISPLAY_KEY} names the display (default {@code $DISPLAY}). A window
 * that vanishes while read is skipped; a server that goes away is reported as a gap and ends the
 * backend's capture without ending the recorder.
 */
public final class X11Backend implements Backend {
  private static final Logger LOG = Logger.getLogger(X11Backend.class.getName());
  /** The backend's name in {@code adapter.office.backends}. */
  public static final String NAME = "x11";
  /** Key: the X display. */
  public static final String DISPLAY_KEY = "x11.display";
  /** Key: the polling interval without a window manager, in milliseconds. */
  public static final String POLL_KEY = "x11.poll-ms";
  /** Default polling interval: {@value} ms. */
  public static final int DEFAULT_POLL_MILLIS = 200;
  /** Every key this backend reads. */
  public static final Set<String> CONFIG_KEYS = Set.of(DISPLAY_KEY, POLL_KEY);
  /** Longest wait for the connection at start: {@value} s. */
  static final long OPEN_SECONDS = 10;

  private final String display;
  private final int pollMillis;
  private final WindowSwitches switches = new WindowSwitches();
  private volatile boolean stopping;
  private volatile String mode = "";
  private Thread thread;

  /** A backend configured from the office adapter's configuration; bad values fail naming the key. */
  public X11Backend(PluginConfig config) {
    this.display = config.get(DISPLAY_KEY).orElse(System.getenv("DISPLAY"));
    this.pollMillis = config.getInt(POLL_KEY, DEFAULT_POLL_MILLIS);
    if (pollMillis < 10 || pollMillis > 10_000) {
      throw new IllegalArgumentException("adapter.office." + POLL_KEY + ": expected 10 to 10000 ms, got " + pollMillis);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(CaptureContext context) throws BackendException {
    if (display == null || display.isBlank()) {
      throw new BackendException("no X display: DISPLAY is not set; set it or adapter.office." + DISPLAY_KEY);
    }
    CompletableFuture<String> opened = new CompletableFuture<>();
    thread = new Thread(() -> run(context, opened), "understudy-x11");
    thread.setDaemon(true);
    thread.start();
    try {
      mode = opened.get(OPEN_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof BackendException be ? be
          : new BackendException("X11 backend failed to start: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new BackendException("the X server at '" + display + "' did not answer within " + OPEN_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while connecting to the X server");
    }
  }

  /** How switches are seen now: {@code events}, {@code polling}, or empty before start. */
  public String mode() {
    return mode;
  }

  private void run(CaptureContext context, CompletableFuture<String> opened) {
    X11Display x;
    try {
      x = X11Display.open(display);
    } catch (BackendException | RuntimeException | LinkageError e) {
      opened.completeExceptionally(e);
      return;
    }
    try {
      boolean events = x.hasWindowManager();
      if (events) {
        x.watchRootProperties();
      }
      mode = events ? "events" : "polling";
      opened.complete(mode);
      observe(context, x, events);
      while (!stopping && !x.dead()) {
        if (events) {
          int change = x.awaitActiveChange(DEFAULT_POLL_MILLIS);
          if (change < 0) {
            events = false;
            mode = "polling";
            LOG.info("the window manager stopped publishing the active window; polling the input focus");
          }
          if (change != 0) {
            observe(context, x, events);
          }
        } else {
          Thread.sleep(pollMillis);
          observe(context, x, false);
          if (x.hasWindowManager()) {
            events = true;
            mode = "events";
            x.watchRootProperties();
          }
        }
      }
      if (x.dead() && !stopping) {
        context.emitter().reportLoss(1, "lost the connection to the X server at '" + display
            + "'; window switches are no longer recorded");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "X11 backend stopped", e);
      context.emitter().reportLoss(1, "X11 backend stopped: " + e);
    } finally {
      x.close();
    }
  }

  private void observe(CaptureContext context, X11Display x, boolean events) {
    // A change announced while we looked is looked at again (a few times at most: a busy window manager
    // is caught up with at the next event anyway).
    for (int round = 0; round < 3 && observeOnce(context, x, events) && events; round++) {
      // again
    }
  }

  /** Returns whether the window manager announced another change meanwhile. */
  private boolean observeOnce(CaptureContext context, X11Display x, boolean events) {
    Optional<Long> window = events ? x.netActiveWindow() : x.focusedTopLevel();
    Optional<WindowInfo> info = window.flatMap(x::describe);
    // Events the server sent before its answers above are in the queue now: a DestroyNotify for the
    // window we had means an equal id is a new window.
    boolean changedMeanwhile = x.drain() == 1;
    if (x.dead()) {
      return false;
    }
    if (x.watchedDestroyed()) {
      switches.gone();
    }
    if (info.isPresent()) {
      Optional<Action> change = switches.observe(info.get(), context.clock().nowUnixNanos(), events ? "events" : "polling");
      if (change.isPresent()) {
        x.watch(info.get().id());
        context.emitter().emit(change.get());
      }
    }
    return changedMeanwhile;
  }

  @Override
  public void stop() {
    stopping = true;
    Thread t = thread;
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }
}
