package dev.understudy.plugins.office.uno;

import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.a11y.TreeSource;
import java.time.Duration;
import java.util.Optional;

/**
 * LibreOffice's accessibility tree read for snapshots, on a UNO connection of its own (it places no
 * listener in LibreOffice, so nothing of it can outlive the recorder there). Implemented in
 * {@code dev.understudy.plugins.office.uno.bridge} and defined by the {@link BridgeLoader}, like
 * {@link UnoBridge}; nodes are that side's accessibility contexts, opaque here.
 *
 * <p>Threading: the snapshot thread only; never called from a LibreOffice callback.
 */
public interface UnoTree extends TreeSource<Object> {
  /** Connects to the soffice at {@code connect}. */
  void open(String connect, Duration timeout) throws BackendException;

  /** The active window's accessibility context (a dialog when one is active), or empty. */
  Optional<Object> activeWindow() throws Exception;

  /** Closes the connection. Never throws. */
  void close();
}
