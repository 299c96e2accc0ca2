package dev.understudy.samples.hello;

import static dev.understudy.testing.UnderstudyAssertions.assertThat;

import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Action;
import dev.understudy.testing.PluginJarBuilder;
import dev.understudy.testing.RecordingCaptureContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before packaging: the compiled classes, with the index the annotation processor wrote, packed into a
 * plugin jar and loaded by the real host. {@code PackagedPluginTest} does the same with the jar
 * {@code mvn package} builds.
 */
class HelloPluginLoadingTest {

  @TempDir Path dir;

  private static Path classesDirectory() throws Exception {
    return Path.of(HelloAdapterProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theAnnotationProcessorIndexedTheProvider() throws Exception {
    Path index = classesDirectory().resolve(PluginJarBuilder.EXTENSION_INDEX);

    Assertions.assertThat(index).exists();
    Assertions.assertThat(Files.readAllLines(index)).contains(HelloAdapterProvider.class.getName());
  }

  @Test
  void loadsInThePluginHostAndPlaysAScript() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    PluginJarBuilder.plugin("hello-adapter", "0.1.0-SNAPSHOT").addDirectory(classesDirectory()).buildJar(plugins);
    Path script = Files.write(dir.resolve("steps.txt"), List.of("navigate https://example.org/report", "shortcut Ctrl+S"));
    RecordingCaptureContext context = RecordingCaptureContext.builder()
        .config(PluginConfig.of("adapter.hello.", Map.of("script", script.toString())))
        .build();

    List<Action> actions = HostRun.playHello(plugins, context, 2);

    assertThat(actions.get(0)).isNavigationTo("https://example.org/report");
    assertThat(actions.get(1)).hasKind(Action.KindCase.KEY_SHORTCUT);
  }
}
