package dev.understudy.plugins.office.uno;

import dev.understudy.plugins.office.BackendException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The part of the uno backend that talks to LibreOffice. Its implementation lives in
 * {@code dev.understudy.plugins.office.uno.bridge} and is defined by a {@link BridgeLoader} together with
 * LibreOffice's own Java UNO classes, found on the machine at run time; this interface and the value
 * types it passes ({@link UnoEvent}, {@link FrameContext}, ...) are what both sides share. That split is
 * why those types are public; they are not an API for other code.
 *
 * <p>Threading: {@link #start} and {@link #stop} are called once each, from the backend's thread, and may
 * block. LibreOffice calls the bridge back on threads of the UNO runtime; the bridge never calls into
 * LibreOffice from inside such a callback: it hands the work to {@code capture}, a single thread, and
 * calls {@code events} only on it.
 */
public interface UnoBridge {
  /**
   * Connects to the soffice of {@code options.connect()} and places the hooks: the dispatch recorder
   * in every document frame, the document event, undo and cell listeners, accessibility listeners.
   *
   * @param capture the capture thread; it drops and counts work past its capacity, never blocks
   * @param events receives what was seen, on {@code capture} only
   * @param clock wall time in nanoseconds since the Unix epoch, read at each callback
   * @throws BackendException when LibreOffice cannot be reached, with what to do about it
   */
  void start(UnoOptions options, ScheduledExecutorService capture, Consumer<UnoEvent> events, LongSupplier clock)
      throws BackendException;

  /**
   * Removes every hook placed in LibreOffice (listeners, the recorder supplier, the macro recorder mode)
   * and closes the connection. Never throws; returns promptly when LibreOffice is gone or hung.
   */
  void stop();

  /** Waits until the hooks are in at least one document frame; false when none came within the timeout. */
  boolean awaitDocument(java.time.Duration timeout) throws InterruptedException;

  /** How many user-interface elements carry an accessibility listener now (tests, benchmarks). */
  int watchedElements();
}
