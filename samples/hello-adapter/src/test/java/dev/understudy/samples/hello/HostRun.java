package dev.understudy.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.core.plugin.LoadedProvider;
import dev.understudy.core.plugin.PluginHost;
import dev.understudy.proto.v1.Action;
import dev.understudy.testing.RecordingCaptureContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Loads a plugins directory in the real Understudy plugin host and plays the hello adapter from it. */
final class HostRun {

  private HostRun() {}

  /** Checks the plugin loaded cleanly from its own jar, then starts the adapter and collects {@code count} actions. */
  static List<Action> playHello(Path pluginsDirectory, RecordingCaptureContext context, int count) throws Exception {
    try (PluginHost host = PluginHost.load(pluginsDirectory)) {
      assertThat(host.problems()).isEmpty();
      LoadedProvider<AdapterProvider> hello = host.adapter(HelloAdapterProvider.NAME);
      assertThat(hello.pluginId()).isEqualTo("hello-adapter");
      // The class came from the plugin jar, not from this test's class path.
      assertThat(hello.provider().getClass()).isNotSameAs(HelloAdapterProvider.class);
      assertThat(host.plugin("hello-adapter").extensions()).singleElement()
          .satisfies(e -> assertThat(e.capabilities()).isEqualTo(new HelloAdapterProvider().capabilities()));

      Adapter adapter = hello.provider().create(context.config());
      adapter.start(context);
      try {
        return context.awaitActions(count, Duration.ofSeconds(10));
      } finally {
        adapter.stop();
      }
    }
  }
}
