package dev.understudy.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.core.plugin.LoadedProvider;
import dev.understudy.core.plugin.PluginHost;
import dev.understudy.core.plugin.PluginKeys;
import dev.understudy.core.plugin.PluginSignature;
import dev.understudy.core.plugin.SignatureStatus;
import dev.understudy.core.plugin.TrustedKeys;
import dev.understudy.proto.v1.Action;
import dev.understudy.testing.RecordingCaptureContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Loads a plugins directory in the real Understudy plugin host and plays the hello adapter from it. */
final class HostRun {

  private HostRun() {}

  /**
   * Signs the directory's jars with a throwaway key, as a vendor's build signs its release (see
   * docs/plugin-signing.md), loads them trusting only that key, checks the plugin loaded cleanly from
   * its own jar, then starts the adapter and collects {@code count} actions.
   */
  static List<Action> playHello(Path pluginsDirectory, RecordingCaptureContext context, int count) throws Exception {
    KeyPair key = PluginKeys.generate();
    try (Stream<Path> files = Files.list(pluginsDirectory)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
        PluginSignature.sign(jar, key);
      }
    }
    PluginHost.Options options = PluginHost.Options.builder().trustedKeys(TrustedKeys.of(key.getPublic())).build();
    try (PluginHost host = PluginHost.load(pluginsDirectory, options)) {
      assertThat(host.problems()).isEmpty();
      assertThat(host.plugin("hello-adapter").signature().kind()).isEqualTo(SignatureStatus.Kind.SIGNED);
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
