package dev.understudy.api;

/**
 * What the runtime hands an {@link Adapter} when it starts it. Safe to use from any thread for as long
 * as the adapter runs.
 */
public interface CaptureContext {

  /** Where the adapter sends its actions. */
  ActionEmitter emitter();

  /** The adapter's own configuration (keys under {@code adapter.<name>.}). */
  PluginConfig config();

  /** The clock to stamp events with; tests inject their own. */
  CaptureClock clock();

  /** The privacy policy in force; the runtime enforces it again on everything emitted. */
  Policy policy();
}
