package dev.understudy.plugins.office;

import dev.understudy.api.ActionEmitter;
import dev.understudy.api.CaptureClock;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.api.Policy;
import java.util.Objects;

/** Capture contexts the office adapter hands its backends. */
public final class Contexts {
  private Contexts() {}

  /**
   * {@code context} with {@code emitter} in place of its own emitter (a backend's actions pass through
   * something of the adapter's first); everything else is {@code context}'s. Thread-safe as its parts.
   */
  public static CaptureContext withEmitter(CaptureContext context, ActionEmitter emitter) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(emitter, "emitter");
    return new CaptureContext() {
      @Override
      public ActionEmitter emitter() {
        return emitter;
      }

      @Override
      public PluginConfig config() {
        return context.config();
      }

      @Override
      public CaptureClock clock() {
        return context.clock();
      }

      @Override
      public Policy policy() {
        return context.policy();
      }
    };
  }
}
