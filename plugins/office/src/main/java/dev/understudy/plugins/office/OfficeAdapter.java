package dev.understudy.plugins.office;

import dev.understudy.api.Adapter;
import dev.understudy.api.CaptureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs several backends as one adapter. A backend that cannot start is reported and left out; the
 * adapter fails only when none starts. Every started backend is stopped, in reverse order. A window that
 * several backends see open is one window switch ({@link WindowSwitchMerger}).
 * Threading: as {@link Adapter}.
 */
final class OfficeAdapter implements Adapter {
  private static final Logger LOG = Logger.getLogger(OfficeAdapter.class.getName());

  private final List<Backend> backends;
  private final List<Backend> started = new ArrayList<>();
  private final WindowSwitchMerger windowSwitches = new WindowSwitchMerger();

  OfficeAdapter(List<Backend> backends) {
    this.backends = List.copyOf(backends);
  }

  @Override
  public void start(CaptureContext context) throws BackendException {
    List<String> failures = new ArrayList<>();
    for (Backend b : backends) {
      try {
        b.start(windowSwitches.contextFor(b.name(), context));
        started.add(b);
      } catch (BackendException | RuntimeException e) {
        failures.add(b.name() + ": " + e.getMessage());
        LOG.log(Level.WARNING, "office backend " + b.name() + " did not start: " + e.getMessage());
        b.stop();
      }
    }
    if (started.isEmpty()) {
      throw new BackendException("no office backend started — " + String.join("; ", failures));
    }
  }

  @Override
  public void stop() {
    for (int i = started.size() - 1; i >= 0; i--) {
      Backend b = started.get(i);
      try {
        b.stop();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "office backend " + b.name() + " failed to stop cleanly", e);
      }
    }
    started.clear();
  }

  /** The backends running now (tests). */
  List<String> running() {
    return started.stream().map(Backend::name).toList();
  }
}
