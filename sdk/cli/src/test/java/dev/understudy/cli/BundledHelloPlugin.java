package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Installs the hello plugin the build bundles, with its signature, into a home, as a person would. */
final class BundledHelloPlugin {

  private BundledHelloPlugin() {}

  /** Copies the jar and its .sig into {@code <home>/plugins} and trusts the build's demo key; returns the jar. */
  static Path install(Path home) throws IOException {
    Path plugins = Files.createDirectories(home.resolve("plugins"));
    Path jar = plugins.resolve("hello-adapter.jar");
    copy(DemoCommand.BUNDLED_PLUGIN, jar);
    copy(DemoCommand.BUNDLED_SIGNATURE, plugins.resolve("hello-adapter.jar.sig"));
    copy(DemoCommand.BUNDLED_DEMO_KEY, Files.createDirectories(home.resolve("trusted-keys")).resolve("understudy-demo.pub"));
    return jar;
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
      assertThat(in).as("the build bundles " + resource).isNotNull();
      Files.copy(in, to);
    }
  }
}
