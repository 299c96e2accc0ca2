package dev.understudy.plugins.office;

import dev.understudy.api.ActionEmitter;
import dev.understudy.api.CaptureContext;
import dev.understudy.proto.v1.Action;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One window switch per window when several backends see it: the {@code agent} backend reports a Swing
 * dialog opening and the {@code x11} backend sees the same window take the focus a moment later. A
 * window switch to a window title that another backend reported within {@value #DEFAULT_WINDOW_MILLIS} ms
 * is dropped; the first report stands. Window ids are not compared: only the x11 backend knows them.
 * Switches from one backend are never merged with each other (a person can go back and forth).
 *
 * <p>Thread-safe: backends emit from threads of their own.
 */
final class WindowSwitchMerger {
  /** How close two backends' reports of the same window must be to be one switch: {@value} ms. */
  static final long DEFAULT_WINDOW_MILLIS = 2_000;

  private record Seen(String backend, long nanos) {}

  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Seen> last = new HashMap<>();

  WindowSwitchMerger() {
    this(DEFAULT_WINDOW_MILLIS * 1_000_000, System::nanoTime);
  }

  WindowSwitchMerger(long windowNanos, LongSupplier nanoTime) {
    this.windowNanos = windowNanos;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** Whether {@code backend}'s action goes on: false for a switch another backend reported just now. */
  synchronized boolean admit(String backend, Action action) {
    if (!action.hasWindowSwitch() || action.getWindowSwitch().getTo().getTitle().isEmpty()) {
      return true;
    }
    long now = nanoTime.getAsLong();
    last.values().removeIf(s -> now - s.nanos() > windowNanos);
    String title = action.getWindowSwitch().getTo().getTitle();
    Seen seen = last.get(title);
    if (seen != null && !seen.backend().equals(backend)) {
      return false;
    }
    last.put(title, new Seen(backend, now));
    return true;
  }

  /** The context {@code backend} captures through: the same, with its window switches merged. */
  CaptureContext contextFor(String backend, CaptureContext context) {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(context, "context");
    ActionEmitter emitter = context.emitter();
    ActionEmitter merged = new ActionEmitter() {
      @Override
      public boolean emit(Action action) {
        return admit(backend, action) && emitter.emit(action);
      }

      @Override
      public void reportLoss(long count, String detail) {
        emitter.reportLoss(count, detail);
      }
    };
    return Contexts.withEmitter(context, merged);
  }
}
