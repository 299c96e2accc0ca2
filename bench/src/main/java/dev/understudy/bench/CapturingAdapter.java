package dev.understudy.bench;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Capability;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An adapter that captures nothing itself: it hands its context to the benchmark, whose thread then
 * plays the host thread calling {@code emit}. Declares what the workloads need.
 */
final class CapturingAdapter implements AdapterProvider {

  /** The adapter's name, which the runtime writes as every action's adapter id. */
  static final String NAME = "bench";
  /** The version the benchmarks register it with. */
  static final String VERSION = "dev";

  private final AtomicReference<CaptureContext> context = new AtomicReference<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT,
        Capability.CAPABILITY_FILE_NAMES);
  }

  @Override
  public Adapter create(PluginConfig config) {
    return new Adapter() {
      @Override
      public void start(CaptureContext ctx) {
        context.set(ctx);
      }

      @Override
      public void stop() {
        // Nothing hooked.
      }
    };
  }

  /** The context the runtime gave the adapter; set once {@code Recording.Builder.start()} has returned. */
  CaptureContext context() {
    CaptureContext c = context.get();
    if (c == null) {
      throw new IllegalStateException("adapter not started");
    }
    return c;
  }
}
