package dev.understudy.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.PluginConfig;
import dev.understudy.core.plugin.fixture.EchoAdapterProvider;
import dev.understudy.core.plugin.fixture.ExplodingPlugin;
import dev.understudy.core.plugin.fixture.FlagPlugin;
import dev.understudy.core.plugin.fixture.ListSinkProvider;
import dev.understudy.core.plugin.fixture.StaticExplodingPlugin;
import dev.understudy.core.plugin.fixture.ThrowingConstructorProvider;
import dev.understudy.core.plugin.fixture.ThrowingStaticInitProvider;
import dev.understudy.core.plugin.fixture.UpperProcessorProvider;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ComponentKind;
import dev.understudy.testing.PluginJarBuilder;
import dev.understudy.testing.RecordingCaptureContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

class PluginHostTest {

  @TempDir Path dir;

  // These tests are about loading; most archives are unsigned, so unsigned ones are allowed here.
  // goodPlugin() is signed with a trusted key. Refusals are PluginSignatureTest's and SafeUnzipTest's.
  private static final KeyPair KEY = PluginKeys.generate();

  private PluginHost host;

  @AfterEach
  void closeHost() {
    if (host != null) {
      host.close();
    }
    System.clearProperty(FlagPlugin.PROPERTY);
  }

  private PluginHost load() {
    host = PluginHost.load(dir, PluginHost.Options.builder().trustedKeys(TrustedKeys.of(KEY.getPublic()))
        .allowUnsigned(true).build());
    return host;
  }

  private Path goodPlugin() {
    return PluginJarBuilder.plugin("acme", "1.2.0")
        .provider("Acme Corp")
        .extension(EchoAdapterProvider.class, UpperProcessorProvider.class, ListSinkProvider.class)
        .signedWith(KEY)
        .buildJar(dir);
  }

  @Test
  void returnsEachProviderWithItsPluginIdAndVersion() {
    goodPlugin();

    load();

    assertThat(host.problems()).isEmpty();
    assertThat(host.adapters()).singleElement().satisfies(adapter -> {
      assertThat(adapter.pluginId()).isEqualTo("acme");
      assertThat(adapter.pluginVersion()).isEqualTo("1.2.0");
      assertThat(adapter.provider().name()).isEqualTo("echo");
    });
    assertThat(host.processors()).extracting(p -> p.provider().name()).containsExactly("upper");
    assertThat(host.sinks()).extracting(p -> p.provider().name()).containsExactly("list");
    assertThat(host.adapter("echo").pluginId()).isEqualTo("acme");
    assertThat(host.processor("upper").pluginVersion()).isEqualTo("1.2.0");
    assertThat(host.sink("list").provider()).isInstanceOf(dev.understudy.api.SinkProvider.class);
  }

  @Test
  void listsPluginsWithProviderStateAndAdapterCapabilities() {
    goodPlugin();

    load();

    assertThat(host.plugins()).singleElement().satisfies(plugin -> {
      assertThat(plugin.id()).isEqualTo("acme");
      assertThat(plugin.version()).isEqualTo("1.2.0");
      assertThat(plugin.provider()).isEqualTo("Acme Corp");
      assertThat(plugin.state()).isEqualTo("STARTED");
      assertThat(plugin.file()).isEqualTo("acme-1.2.0.jar");
      assertThat(plugin.signature()).isEqualTo(new SignatureStatus(SignatureStatus.Kind.SIGNED, PluginKeys.fingerprint(KEY.getPublic())));
      assertThat(plugin.extensions()).containsExactly(
          new ExtensionSummary(ComponentKind.COMPONENT_KIND_ADAPTER, "echo", EchoAdapterProvider.class.getName(),
              Set.of(Capability.CAPABILITY_INTERACTIONS)),
          new ExtensionSummary(ComponentKind.COMPONENT_KIND_PROCESSOR, "upper", UpperProcessorProvider.class.getName(),
              Set.of()),
          new ExtensionSummary(ComponentKind.COMPONENT_KIND_SINK, "list", ListSinkProvider.class.getName(),
              Set.of()));
    });
    assertThat(host.plugin("acme").extensions()).hasSize(3);
  }

  @Test
  void loadsPluginClassesPluginFirstButSharesApiAndSchemaWithTheHost() throws Exception {
    goodPlugin();
    load();
    AdapterProvider provider = host.adapter("echo").provider();

    // The fixture is on the test class path too: plugin-first means the jar's copy wins.
    assertThat(provider.getClass()).isNotSameAs(EchoAdapterProvider.class);
    assertThat(provider.getClass().getClassLoader()).isInstanceOf(SharedApiClassLoader.class);
    ClassLoader pluginLoader = provider.getClass().getClassLoader();
    assertThat(pluginLoader.loadClass(Action.class.getName())).isSameAs(Action.class);
    assertThat(pluginLoader.loadClass(AdapterProvider.class.getName())).isSameAs(AdapterProvider.class);
    assertThat(pluginLoader.loadClass(com.google.protobuf.Message.class.getName()))
        .isSameAs(com.google.protobuf.Message.class);

    // An Action built inside the plugin is the host's Action: no ClassCastException between loaders.
    RecordingCaptureContext context = RecordingCaptureContext.builder().config(Map.of("name", "Body")).build();
    Adapter adapter = provider.create(context.config());
    adapter.start(context);
    adapter.stop();
    assertThat(context.actions()).singleElement()
        .satisfies(action -> assertThat(action.getTarget().getName()).isEqualTo("Body"));
  }

  @Test
  void sharesTheApiEvenWhenAPluginBundlesItsOwnCopy() throws Exception {
    PluginJarBuilder.plugin("bundler", "1.0.0")
        .extension(EchoAdapterProvider.class)
        .addClass(AdapterProvider.class, Action.class, com.google.protobuf.Message.class)
        .buildJar(dir);

    load();

    assertThat(host.problems()).isEmpty();
    AdapterProvider provider = host.adapter("echo").provider();
    ClassLoader pluginLoader = provider.getClass().getClassLoader();
    assertThat(pluginLoader.loadClass(AdapterProvider.class.getName())).isSameAs(AdapterProvider.class);
    assertThat(pluginLoader.loadClass(Action.class.getName())).isSameAs(Action.class);
    RecordingCaptureContext context = RecordingCaptureContext.create();
    provider.create(PluginConfig.empty()).start(context);
    assertThat(context.actions()).hasSize(1);
  }

  @Test
  void loadsPf4jZips() {
    PluginJarBuilder.plugin("zipped", "3.0.0").extension(EchoAdapterProvider.class).buildZip(dir);

    load();

    assertThat(host.problems()).isEmpty();
    assertThat(host.adapter("echo").pluginId()).isEqualTo("zipped");
    assertThat(host.plugin("zipped").file()).isEqualTo("zipped-3.0.0.zip");
    assertThat(host.plugin("zipped").signature().kind()).isEqualTo(SignatureStatus.Kind.UNSIGNED_ALLOWED);
    // Unpacked outside the plugins directory: the directory holds only what the person put there.
    assertThat(dir.toFile().list()).containsExactly("zipped-3.0.0.zip");
  }

  @Test
  void reportsAFileThatIsNotAnArchiveAndLoadsTheRest() throws IOException {
    goodPlugin();
    Files.writeString(dir.resolve("broken.jar"), "this is not a zip");

    load();

    assertThat(host.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.file()).isEqualTo("broken.jar");
      assertThat(problem.reason()).startsWith("not a jar or zip archive");
    });
    assertThat(host.adapters()).hasSize(1);
  }

  @Test
  void reportsAJarWithoutDescriptor() {
    goodPlugin();
    PluginJarBuilder.withoutDescriptor().extension(ListSinkProvider.class).buildJar(dir);

    load();

    assertOnlyProblem("not-a-plugin.jar", "no plugin descriptor");
    assertThat(host.sinks()).hasSize(1);
  }

  @Test
  void reportsADescriptorWithoutVersion() {
    goodPlugin();
    PluginJarBuilder.plugin("versionless", "1").manifestAttribute("Plugin-Version", null).fileName("versionless")
        .buildJar(dir);

    load();

    assertOnlyProblem("versionless.jar", "plugin 'versionless' has no Plugin-Version");
  }

  @Test
  void reportsADuplicatePluginIdNamingTheFirstFile() {
    goodPlugin();
    PluginJarBuilder.plugin("acme", "2.0.0").fileName("zz-acme-again").extension(ListSinkProvider.class).buildJar(dir);

    load();

    assertOnlyProblem("zz-acme-again.jar", "plugin id 'acme' is already loaded from acme-1.2.0.jar");
    assertThat(host.plugin("acme").version()).isEqualTo("1.2.0");
  }

  @Test
  void reportsAPluginClassThatThrowsInItsConstructor() {
    goodPlugin();
    PluginJarBuilder.plugin("boom", "1.0.0").pluginClass(ExplodingPlugin.class).extension(ListSinkProvider.class)
        .fileName("boom").buildJar(dir);

    load();

    assertOnlyProblem("boom.jar", "plugin 'boom' failed to start: plugin class " + ExplodingPlugin.class.getName()
        + " failed: plugin boom");
    assertThat(host.plugin("boom").state()).isEqualTo("FAILED");
    assertThat(host.plugin("boom").extensions()).isEmpty();
    assertThat(host.adapters()).hasSize(1);
  }

  @Test
  void reportsAPluginClassThatThrowsInItsStaticInitializer() {
    goodPlugin();
    PluginJarBuilder.plugin("static-boom", "1.0.0").pluginClass(StaticExplodingPlugin.class).fileName("static-boom")
        .buildJar(dir);

    load();

    assertOnlyProblem("static-boom.jar", "static initializer failed: For input string: \"not a number\"");
    assertThat(host.plugin("static-boom").state()).isEqualTo("FAILED");
  }

  @Test
  void reportsExtensionsThatThrowAndKeepsTheOthersOfTheSamePlugin() {
    PluginJarBuilder.plugin("mixed", "1.0.0")
        .extension(ThrowingConstructorProvider.class, ThrowingStaticInitProvider.class, EchoAdapterProvider.class)
        .fileName("mixed")
        .buildJar(dir);

    load();

    assertThat(host.problems()).extracting(PluginProblem::toString).containsExactly(
        "mixed.jar: extension " + ThrowingConstructorProvider.class.getName()
            + " failed in its constructor: no licence key",
        "mixed.jar: extension " + ThrowingStaticInitProvider.class.getName()
            + " could not be created: static initializer failed: native library missing");
    assertThat(host.adapters()).extracting(a -> a.provider().name()).containsExactly("echo");
    assertThat(host.plugin("mixed").state()).isEqualTo("STARTED");
  }

  @Test
  void reportsAPluginWithoutExtensionIndex() {
    goodPlugin();
    PluginJarBuilder.plugin("unindexed", "1.0.0").addClass(ListSinkProvider.class).fileName("unindexed").buildJar(dir);

    load();

    assertOnlyProblem("unindexed.jar", "no META-INF/extensions.idx: the plugin declares no extensions");
    assertThat(host.plugin("unindexed").state()).isEqualTo("STARTED");
    assertThat(host.plugin("unindexed").extensions()).isEmpty();
    assertThat(host.sinks()).extracting(LoadedProvider::pluginId).containsExactly("acme");
  }

  @Test
  void reportsAnIndexedClassThatIsNotInThePlugin() {
    PluginJarBuilder.plugin("ghost", "1.0.0").indexEntry("com.example.Missing").extension(ListSinkProvider.class)
        .fileName("ghost").buildJar(dir);

    load();

    assertOnlyProblem("ghost.jar", "extension com.example.Missing is listed in META-INF/extensions.idx but not in the plugin");
    assertThat(host.sinks()).hasSize(1);
  }

  @Test
  void reportsAProviderNameTakenByAnotherPlugin() {
    goodPlugin();
    PluginJarBuilder.plugin("copycat", "1.0.0").extension(EchoAdapterProvider.class).fileName("copycat").buildJar(dir);

    load();

    assertOnlyProblem("copycat.jar", "adapter 'echo' is already provided by plugin 'acme'; this one is left out");
    assertThat(host.adapter("echo").pluginId()).isEqualTo("acme");
  }

  @Test
  void reportsAPluginWhoseDependencyIsMissing() {
    goodPlugin();
    PluginJarBuilder.plugin("needy", "1.0.0").manifestAttribute("Plugin-Dependencies", "absent@>=1.0.0")
        .extension(ListSinkProvider.class).fileName("needy").buildJar(dir);

    load();

    assertOnlyProblem("needy.jar", "plugin 'needy' left out: a plugin it depends on is missing");
    assertThat(host.plugins()).extracting(PluginSummary::id).containsExactly("acme");
  }

  @Test
  void listsADisabledPluginWithoutStartingIt() throws IOException {
    goodPlugin();
    Files.writeString(dir.resolve("disabled.txt"), "acme\n");

    load();

    assertThat(host.problems()).isEmpty();
    assertThat(host.plugin("acme").state()).isEqualTo("DISABLED");
    assertThat(host.adapters()).isEmpty();
  }

  @Test
  void unknownNamesFailNamingWhatWasAskedAndWhatExists() {
    goodPlugin();
    load();

    assertThatThrownBy(() -> host.plugin("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown plugin id 'nope' in " + dir + "; loaded plugins: acme");
    assertThatThrownBy(() -> host.adapter("browser"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown adapter 'browser'; available adapters: echo");
    assertThatThrownBy(() -> host.sink("kafka")).hasMessage("unknown sink 'kafka'; available sinks: list");
  }

  @Test
  void anEmptyDirectoryLoadsNothingAndSaysSoWhenAsked() {
    load();

    assertThat(host.plugins()).isEmpty();
    assertThat(host.problems()).isEmpty();
    assertThatThrownBy(() -> host.processor("upper")).hasMessage("unknown processor 'upper'; there are no available processors");
  }

  @Test
  void refusesAPluginsDirectoryThatDoesNotExist() {
    assertThatThrownBy(() -> PluginHost.load(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("pluginsDirectory: not a directory: ");
  }

  @Test
  void closeStopsPluginsClosesTheirLoadersAndRemovesUnpackedZips() {
    PluginJarBuilder.plugin("flag", "1.0.0").pluginClass(FlagPlugin.class).extension(EchoAdapterProvider.class)
        .buildZip(dir);
    load();
    assertThat(System.getProperty(FlagPlugin.PROPERTY)).isEqualTo("started");
    PluginClassLoader loader = (PluginClassLoader) host.adapter("echo").provider().getClass().getClassLoader();
    Path unpacked = Path.of(Arrays.stream(loader.getURLs()).findFirst().orElseThrow().getPath()).getParent();
    assertThat(unpacked).exists();

    host.close();
    host.close();

    assertThat(System.getProperty(FlagPlugin.PROPERTY)).isEqualTo("stopped");
    assertThat(loader.isClosed()).isTrue();
    assertThat(unpacked).doesNotExist();
    assertThatThrownBy(() -> host.adapters()).isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    assertThat(host.plugins()).hasSize(1);
  }

  private void assertOnlyProblem(String file, String reasonPart) {
    assertThat(host.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.file()).isEqualTo(file);
      assertThat(problem.reason()).contains(reasonPart).doesNotContain("\n");
    });
  }
}
