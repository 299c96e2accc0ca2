package dev.understudy.samples.hello;

import static dev.understudy.testing.UnderstudyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.testing.PluginJarBuilder;
import dev.understudy.testing.RecordingCaptureContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the jar {@code mvn package} built: it runs in the package phase, after the jar plugin, with
 * the jar's path in the {@code plugin.jar} system property (see the pom).
 */
class PackagedPluginTest {

  @TempDir Path dir;

  private static Path packagedJar() {
    String path = System.getProperty("plugin.jar");
    assertThat(path).as("system property plugin.jar (set by the pom's packaged-plugin execution)").isNotBlank();
    return Path.of(path);
  }

  @Test
  void theJarCarriesTheDescriptorTheIndexAndTheDemoButNotTheApi() throws Exception {
    try (JarFile jar = new JarFile(packagedJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue("Plugin-Id")).isEqualTo("hello-adapter");
      assertThat(main.getValue("Plugin-Version")).isNotBlank();
      ZipEntry index = jar.getEntry(PluginJarBuilder.EXTENSION_INDEX);
      assertThat(index).isNotNull();
      assertThat(new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8))
          .contains(HelloAdapterProvider.class.getName());
      assertThat(jar.getEntry("dev/understudy/samples/hello/" + HelloAdapter.DEMO_SCRIPT)).isNotNull();
      assertThat(jar.stream().map(ZipEntry::getName))
          .noneMatch(name -> name.startsWith("dev/understudy/api/") || name.startsWith("com/google/protobuf/")
              || name.startsWith("org/pf4j/"));
    }
  }

  @Test
  void theHostLoadsThePackagedJarAndItPlaysTheDemo() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(packagedJar(), plugins.resolve(packagedJar().getFileName()));

    List<Action> actions = HostRun.playHello(plugins, RecordingCaptureContext.create(), 15);

    assertThat(actions).hasSize(15);
    assertThat(actions.get(0)).hasKind(Action.KindCase.WINDOW_SWITCH).hasAppId("notes");
    assertThat(actions.get(14)).hasKind(Action.KindCase.KEY_SHORTCUT);
  }
}
