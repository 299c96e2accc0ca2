package dev.understudy.plugins.office.uno;

import dev.understudy.plugins.office.BackendException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * LibreOffice on an X display of its own: a private Xvfb (it picks a free display itself) and a soffice
 * on it with a fresh profile and a UNO socket on a free loopback port. For the demo and for replay, where
 * nobody works in the window. {@link #close()} ends soffice, then Xvfb; a JVM shutdown hook does the same
 * when the process ends first (Ctrl+C), so neither is ever left running.
 *
 * <pre>{@code
 * try (PrivateOffice office = PrivateOffice.start("writer", PrivateOffice.DEFAULT_TIMEOUT)) {
 *   UnoReplay.connect(office.connect(), Optional.empty());
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@code close} may be called more than once.
 */
public final class PrivateOffice implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PrivateOffice.class.getName());
  /** How long Xvfb and soffice get to come up: {@value #DEFAULT_TIMEOUT_SECONDS} s (a loaded machine is slow). */
  public static final long DEFAULT_TIMEOUT_SECONDS = 60;
  /** {@link #DEFAULT_TIMEOUT_SECONDS} as a duration. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
  /** The X server command. */
  static final String XVFB = "Xvfb";

  private final Process xvfb;
  private final String display;
  private final Thread hook;
  private volatile SofficeProcess soffice;
  private boolean closed;

  private PrivateOffice(Process xvfb, String display) {
    this.xvfb = xvfb;
    this.display = display;
    this.hook = new Thread(this::close, "understudy-private-office-cleanup");
  }

  /**
   * Starts Xvfb and soffice on it, and returns once soffice accepts UNO connections.
   *
   * @param module what soffice opens: {@code writer}, {@code calc}, or empty for the Start Center
   * @throws BackendException when Xvfb or soffice is missing or does not come up in time, saying what to install
   */
  public static PrivateOffice start(String module, Duration timeout) throws BackendException {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(timeout, "timeout");
    Process x;
    try {
      x = new ProcessBuilder(XVFB, "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new BackendException("could not start Xvfb (the virtual display LibreOffice runs on): " + e.getMessage()
          + "; install it with tools/install-packages (Debian: xvfb xauth)", e);
    }
    CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
      try {
        return new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      } catch (IOException e) {
        return null;
      }
    });
    String n;
    try {
      n = number.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      n = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      n = null;
    }
    if (n == null || n.isBlank()) {
      end(x);
      throw new BackendException("Xvfb did not start (no display number within " + timeout.toSeconds() + " s)");
    }
    PrivateOffice office = new PrivateOffice(x, ":" + n.trim());
    Runtime.getRuntime().addShutdownHook(office.hook);
    try {
      office.soffice = SofficeProcess.start(UnoOptions.DEFAULT_SOFFICE, office.display, module,
          UnoOptions.DEFAULT_VCL_PLUGIN, timeout);
    } catch (BackendException | RuntimeException e) {
      office.close();
      throw e;
    }
    return office;
  }

  /** The X display, {@code :123}. */
  public String display() {
    return display;
  }

  /** The UNO connection to the soffice: {@code socket,host=127.0.0.1,port=...}. */
  public String connect() {
    return soffice.connect();
  }

  /** Ends soffice (and its children), then Xvfb. Never throws. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs this anyway
      }
    }
    SofficeProcess s = soffice;
    if (s != null) {
      s.close();
    }
    end(xvfb);
  }

  private static void end(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    LOG.log(Level.FINE, "Xvfb ended");
  }
}
