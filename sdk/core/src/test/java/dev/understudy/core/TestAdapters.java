package dev.understudy.core;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Adapters for pipeline tests: each hands out its context so the test can emit from its own thread. */
final class TestAdapters {
  private TestAdapters() {}

  interface Step {
    void run(CaptureContext context) throws Exception;
  }

  /** An adapter that keeps its context for the test and runs the given start and stop steps. */
  static final class Scripted implements AdapterProvider {
    final String name;
    final Set<Capability> capabilities;
    final Step onStart;
    final Step onStop;
    final AtomicReference<CaptureContext> context = new AtomicReference<>();
    final CountDownLatch started = new CountDownLatch(1);

    Scripted(String name, Set<Capability> capabilities, Step onStart, Step onStop) {
      this.name = name;
      this.capabilities = capabilities;
      this.onStart = onStart;
      this.onStop = onStop;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<Capability> capabilities() {
      return capabilities;
    }

    @Override
    public Set<String> configKeys() {
      return Set.of("greeting");
    }

    @Override
    public Adapter create(PluginConfig config) {
      return new Adapter() {
        @Override
        public void start(CaptureContext ctx) throws Exception {
          context.set(ctx);
          started.countDown();
          onStart.run(ctx);
        }

        @Override
        public void stop() throws Exception {
          onStop.run(context.get());
        }
      };
    }

    CaptureContext ctx() {
      return context.get();
    }
  }

  static Scripted quiet(String name) {
    return new Scripted(name, EnumSet.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT), c -> {}, c -> {});
  }

  static Action click(String name) {
    return Action.newBuilder()
        .setTarget(Target.newBuilder().setRole("button").setName(name))
        .setInvoke(Invoke.getDefaultInstance())
        .build();
  }

  static Action typed(String value) {
    return Action.newBuilder()
        .setTarget(Target.newBuilder().setRole("textbox").setName("Body"))
        .setValueChange(ValueChange.newBuilder().setValue(value))
        .build();
  }
}
