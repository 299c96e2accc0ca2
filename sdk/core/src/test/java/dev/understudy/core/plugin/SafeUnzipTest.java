package dev.understudy.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.plugin.fixture.EchoAdapterProvider;
import dev.understudy.core.plugin.fixture.ListSinkProvider;
import dev.understudy.testing.PluginJarBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted zips, each signed by a trusted key so that only the unpacking stands between them and the
 * disk: every trick refuses the whole archive, writes nothing outside, and leaves the others loading.
 */
class SafeUnzipTest {

  private static final KeyPair KEY = PluginKeys.generate();

  @TempDir Path root;

  private Path dir;
  private PluginHost host;

  @AfterEach
  void closeHost() {
    if (host != null) {
      host.close();
    }
  }

  private PluginHost load(PluginHost.Options.Builder options) throws IOException {
    dir = root.resolve("plugins");
    host = PluginHost.load(dir, options.trustedKeys(TrustedKeys.of(KEY.getPublic())).build());
    return host;
  }

  /** A plugins directory with a good signed plugin and a signed zip holding these entries (in order). */
  private void pluginsWith(Map<String, byte[]> entries) throws IOException {
    dir = Files.createDirectories(root.resolve("plugins"));
    PluginJarBuilder.plugin("good", "1.0.0").extension(EchoAdapterProvider.class).signedWith(KEY).buildJar(dir);
    writeZip(dir.resolve("evil.zip"), entries);
    PluginSignature.sign(dir.resolve("evil.zip"), KEY);
  }

  private static void writeZip(Path zip, Map<String, byte[]> entries) throws IOException {
    try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
  }

  private void assertRefused(String reason) throws IOException {
    assertThat(host.refused()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("evil.zip");
      assertThat(p.reason()).isEqualTo("refused: unsafe archive: " + reason);
    });
    assertThat(host.adapters()).extracting(LoadedProvider::pluginId).containsExactly("good");
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.map(root::relativize).map(Path::toString))
          .as("nothing written outside the plugin's own directory")
          .containsExactlyInAnyOrder("", "plugins", "plugins/good-1.0.0.jar", "plugins/good-1.0.0.jar.sig",
              "plugins/evil.zip", "plugins/evil.zip.sig");
    }
  }

  private static Map<String, byte[]> pluginEntriesAnd(String name) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("classes/META-INF/MANIFEST.MF",
        "Manifest-Version: 1.0\nPlugin-Id: evil\nPlugin-Version: 1.0.0\n".getBytes(StandardCharsets.UTF_8));
    entries.put(name, "pwned".getBytes(StandardCharsets.UTF_8));
    return entries;
  }

  @Test
  void refusesAnEntryThatClimbsOutWithDotDot() throws IOException {
    pluginsWith(pluginEntriesAnd("../../evil.txt"));
    load(PluginHost.Options.builder());
    assertRefused("entry '../../evil.txt' climbs out with '..'");
  }

  @Test
  void refusesDotDotHiddenInTheMiddleOfAPath() throws IOException {
    pluginsWith(pluginEntriesAnd("classes/a/../../../evil.txt"));
    load(PluginHost.Options.builder());
    assertRefused("entry 'classes/a/../../../evil.txt' climbs out with '..'");
  }

  @Test
  void refusesAnAbsolutePath() throws IOException {
    pluginsWith(pluginEntriesAnd(root.resolve("evil.txt").toString()));
    load(PluginHost.Options.builder());
    assertRefused("entry '" + root.resolve("evil.txt") + "' has an absolute path");
  }

  @Test
  void refusesADriveLetter() throws IOException {
    pluginsWith(pluginEntriesAnd("C:/Windows/evil.dll"));
    load(PluginHost.Options.builder());
    assertRefused("entry 'C:/Windows/evil.dll' has a drive letter or colon in its name");
  }

  @Test
  void refusesBackslashesWhichClimbOnWindows() throws IOException {
    pluginsWith(pluginEntriesAnd("..\\..\\evil.txt"));
    load(PluginHost.Options.builder());
    assertRefused("entry '..\\..\\evil.txt' has a backslash in its name");
  }

  @Test
  void refusesASiblingDirectoryWhoseNameOnlyStartsLikeTheTarget() throws IOException {
    // pf4j#623: "/tmp/x/evil-more/f".startsWith("/tmp/x/evil") is true for strings, false for paths.
    pluginsWith(pluginEntriesAnd("../evil-more/evil.txt"));
    load(PluginHost.Options.builder());
    assertRefused("entry '../evil-more/evil.txt' climbs out with '..'");

    Path target = root.resolve("unpacked/evil");
    assertThat(SafeUnzip.isInside(target, root.resolve("unpacked/evil-more/evil.txt").normalize())).isFalse();
    assertThat(target.resolve("../evil-more/f").normalize().toString()).startsWith(target.toString());
    assertThat(SafeUnzip.isInside(target, target.resolve("classes/a.class"))).isTrue();
    assertThat(SafeUnzip.isInside(target, target)).isFalse();
  }

  @Test
  void refusesADuplicateEntryRatherThanOverwriting() throws IOException {
    // ZipOutputStream will not write a duplicate name, so write two names of equal length and patch one.
    pluginsWith(pluginEntriesAnd("classes/aaaa.txt"));
    Path zip = dir.resolve("evil.zip");
    Map<String, byte[]> entries = pluginEntriesAnd("classes/aaaa.txt");
    entries.put("classes/bbbb.txt", "second".getBytes(StandardCharsets.UTF_8));
    writeZip(zip, entries);
    byte[] bytes = Files.readAllBytes(zip);
    String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("classes/bbbb.txt", "classes/aaaa.txt");
    Files.write(zip, latin.getBytes(StandardCharsets.ISO_8859_1));
    PluginSignature.sign(zip, KEY);

    load(PluginHost.Options.builder());

    assertRefused("entry 'classes/aaaa.txt' appears twice (or collides with another entry's name)");
  }

  @Test
  void refusesAZipWithTooManyEntries() throws IOException {
    Map<String, byte[]> entries = pluginEntriesAnd("classes/0.txt");
    for (int i = 1; i < 10; i++) {
      entries.put("classes/" + i + ".txt", new byte[] {1});
    }
    pluginsWith(entries);
    load(PluginHost.Options.builder().maxZipEntries(5));
    assertRefused("11 entries, more than the limit of 5");
  }

  @Test
  void refusesAZipThatUnpacksToTooManyBytesCountingWhatIsInflated() throws IOException {
    // A small bomb: a megabyte of zeros compresses to about a kilobyte.
    Map<String, byte[]> entries = pluginEntriesAnd("classes/zeros.bin");
    entries.put("classes/zeros.bin", new byte[1 << 20]);
    pluginsWith(entries);
    assertThat(Files.size(dir.resolve("evil.zip"))).isLessThan(10_000);
    load(PluginHost.Options.builder().maxUnpackedBytes(100_000));
    assertRefused("unpacks to more than the limit of 100000 bytes (at entry 'classes/zeros.bin')");
  }

  @Test
  void unpacksAnOrdinaryZipWithinTheLimits() throws IOException {
    dir = Files.createDirectories(root.resolve("plugins"));
    PluginJarBuilder.plugin("zipped", "1.0.0").extension(ListSinkProvider.class).signedWith(KEY).buildZip(dir);
    load(PluginHost.Options.builder().maxZipEntries(4).maxUnpackedBytes(1 << 20));
    assertThat(host.problems()).isEmpty();
    assertThat(host.sink("list").pluginId()).isEqualTo("zipped");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> PluginHost.Options.builder().maxZipEntries(0)).hasMessageStartingWith("maxZipEntries:");
    assertThatThrownBy(() -> PluginHost.Options.builder().maxUnpackedBytes(-1)).hasMessageStartingWith("maxUnpackedBytes:");
  }
}
