package dev.understudy.plugins.office.uno;

import dev.understudy.plugins.office.BackendException;
import java.time.Duration;
import java.util.List;

/**
 * The bridge side of {@link UnoReplay}: dispatches recorded commands into a new LibreOffice document.
 * Public only for the bridge's class loader (see {@link UnoBridge}). Not thread-safe.
 */
public interface UnoReplayer extends AutoCloseable {
  /** Connects to the soffice accepting {@code connect} ({@code socket,host=...,port=...}). */
  void connect(String connect, Duration timeout) throws BackendException;

  /**
   * Opens a new document from {@code factory} ({@code private:factory/swriter}), dispatches the steps
   * into its frame in order, and returns the document's text afterwards (Writer: the whole text; Calc:
   * the used cells as tab-separated lines). Tells {@code listener} after each step whether it was taken;
   * a refused step does not end the replay.
   */
  String replay(String factory, List<ReplayStep> steps, UnoReplay.StepListener listener) throws BackendException;

  /** Opens a stored document ({@code file:///...}), hidden, and returns its text as {@link #replay} does. */
  String documentText(String url) throws BackendException;

  /** Closes the documents this replayer opened, then the connection. */
  @Override
  void close();
}
