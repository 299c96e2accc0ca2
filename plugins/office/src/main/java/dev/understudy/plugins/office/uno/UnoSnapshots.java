package dev.understudy.plugins.office.uno;

import dev.understudy.api.ActionEmitter;
import dev.understudy.plugins.office.a11y.SnapshotScheduler;
import dev.understudy.plugins.office.a11y.TreeWalk;
import java.util.Optional;

/**
 * Accessibility snapshots for the uno backend: a {@link SnapshotScheduler} whose snapshots walk
 * LibreOffice's active window through a {@link UnoTree} of their own, connected on first use (a second
 * URP connection that places no listener, so nothing of it can outlive the recorder in LibreOffice). The
 * walk runs on the scheduler's thread: never inside a LibreOffice callback, never on the capture thread.
 * A walk that fails (LibreOffice gone) sends no observation; the actions pass as they are.
 * Thread-safe; {@link #close} from the backend's thread.
 */
final class UnoSnapshots implements AutoCloseable {
  /** Longest wait for the snapshot connection: {@value #OPEN_SECONDS} s (or the start timeout, if shorter). */
  static final long OPEN_SECONDS = 5;
  private static final java.time.Duration OPEN_TIMEOUT = java.time.Duration.ofSeconds(OPEN_SECONDS);
  private final UnoTree tree;
  private final UnoOptions options;
  private final java.util.function.Supplier<String> connect;
  private final SnapshotScheduler scheduler;
  private boolean open;

  private UnoSnapshots(UnoTree tree, UnoOptions options, java.util.function.Supplier<String> connect, ActionEmitter out,
      ClassLoader loader) {
    this.tree = tree;
    this.options = options;
    this.connect = connect;
    this.scheduler = new SnapshotScheduler(UnoBackend.NAME, out, this::take, SnapshotScheduler.DEFAULT_SPACING_MILLIS,
        loader);
  }

  /**
   * Snapshots of the LibreOffice at {@code connect} (null until the backend has attached: a launched
   * LibreOffice's address is known only once it runs; no snapshot before then), sent to {@code out}.
   *
   * @throws ReflectiveOperationException when the bridge side cannot be defined with LibreOffice's classes
   */
  static UnoSnapshots start(BridgeLoader loader, UnoOptions options, java.util.function.Supplier<String> connect,
      ActionEmitter out) throws ReflectiveOperationException {
    return new UnoSnapshots(loader.create("TreeSession", UnoTree.class), options, connect, out, loader);
  }

  /** The emitter the translator uses: actions pass on, and ask for a snapshot. */
  ActionEmitter emitter() {
    return scheduler.emitter();
  }

  private Optional<TreeWalk.Result> take(dev.understudy.proto.v1.Source after) throws Exception {
    if (!open) {
      String at = connect.get();
      if (at == null) {
        return Optional.empty();
      }
      // Bounded below the scheduler's stop wait: a LibreOffice that stopped answering does not hold stop up.
      tree.open(at, options.startTimeout().compareTo(OPEN_TIMEOUT) < 0 ? options.startTimeout() : OPEN_TIMEOUT);
      open = true;
    }
    Optional<Object> window = tree.activeWindow();
    if (window.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(TreeWalk.of(tree, window.get()));
  }

  @Override
  public void close() {
    scheduler.close();
    tree.close();
  }
}
