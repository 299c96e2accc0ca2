package dev.understudy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.Plugin;

class PluginJarBuilderTest {

  @TempDir Path dir;

  /** A fixture with a nested and an anonymous class, to check they travel with it. */
  public static final class Greeter implements java.util.function.Supplier<String> {
    static final class Inner {}

    private final Runnable anonymous = new Runnable() {
      @Override
      public void run() {}
    };

    @Override
    public String get() {
      anonymous.run();
      return "hello " + new Inner().getClass().getSimpleName();
    }
  }

  /** A plugin class fixture. */
  public static final class GreeterPlugin extends Plugin {}

  @Test
  void writesTheDescriptorIntoTheManifest() throws IOException {
    Path jar = PluginJarBuilder.plugin("greeter", "1.2.3")
        .provider("Acme")
        .pluginClass(GreeterPlugin.class)
        .manifestAttribute("Plugin-Description", "says hello")
        .buildJar(dir);

    assertThat(jar.getFileName()).hasToString("greeter-1.2.3.jar");
    try (JarFile file = new JarFile(jar.toFile())) {
      Attributes main = file.getManifest().getMainAttributes();
      assertThat(main.getValue("Plugin-Id")).isEqualTo("greeter");
      assertThat(main.getValue("Plugin-Version")).isEqualTo("1.2.3");
      assertThat(main.getValue("Plugin-Provider")).isEqualTo("Acme");
      assertThat(main.getValue("Plugin-Class")).isEqualTo(GreeterPlugin.class.getName());
      assertThat(main.getValue("Plugin-Description")).isEqualTo("says hello");
      assertThat(file.getEntry(classFile(GreeterPlugin.class))).isNotNull();
    }
  }

  @Test
  void copiesNestedAndAnonymousClassesAndTheClassesLoadFromTheJar() throws Exception {
    Path jar = PluginJarBuilder.plugin("greeter", "1.0.0").extension(Greeter.class).buildJar(dir);

    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(names(file)).contains(
          classFile(Greeter.class),
          classFile(Greeter.Inner.class),
          Greeter.class.getName().replace('.', '/') + "$1.class",
          PluginJarBuilder.EXTENSION_INDEX);
      assertThat(read(file, PluginJarBuilder.EXTENSION_INDEX)).isEqualTo(Greeter.class.getName() + "\n");
    }
    // Parent is the platform loader: the classes can only come from the jar.
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> loaded = loader.loadClass(Greeter.class.getName());
      assertThat(loaded).isNotSameAs(Greeter.class);
      Object greeting = loaded.getMethod("get").invoke(loaded.getConstructor().newInstance());
      assertThat(greeting).isEqualTo("hello Inner");
    }
  }

  @Test
  void writesNoIndexWhenNoExtensionIsListed() throws IOException {
    Path jar = PluginJarBuilder.plugin("plain", "1.0.0").addClass(Greeter.class).buildJar(dir);

    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getEntry(PluginJarBuilder.EXTENSION_INDEX)).isNull();
    }
  }

  @Test
  void listsIndexEntriesForClassesItDoesNotCopy() throws IOException {
    Path jar = PluginJarBuilder.plugin("ghost", "1.0.0").indexEntry("com.example.Missing").buildJar(dir);

    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(read(file, PluginJarBuilder.EXTENSION_INDEX)).isEqualTo("com.example.Missing\n");
      assertThat(file.getEntry("com/example/Missing.class")).isNull();
    }
  }

  @Test
  void buildsAJarWithoutDescriptorOrWithAnAttributeRemoved() throws IOException {
    Path bare = PluginJarBuilder.withoutDescriptor().addClass(Greeter.class).buildJar(dir);
    Path noVersion = PluginJarBuilder.plugin("x", "1.0.0").manifestAttribute("Plugin-Version", null).buildJar(dir);

    assertThat(bare.getFileName()).hasToString("not-a-plugin.jar");
    try (JarFile file = new JarFile(bare.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Id")).isNull();
    }
    try (JarFile file = new JarFile(noVersion.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("x");
      assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Version")).isNull();
    }
  }

  @Test
  void buildsAZipInPf4jLayout() throws IOException {
    Path zip = PluginJarBuilder.plugin("zipped", "2.0.0")
        .extension(Greeter.class)
        .resource("/scripts/demo.txt", "focus textbox \"Body\"")
        .buildZip(dir);

    assertThat(zip.getFileName()).hasToString("zipped-2.0.0.zip");
    try (ZipFile file = new ZipFile(zip.toFile())) {
      assertThat(read(file, "classes/META-INF/MANIFEST.MF")).contains("Plugin-Id: zipped");
      assertThat(read(file, "classes/" + PluginJarBuilder.EXTENSION_INDEX)).contains(Greeter.class.getName());
      assertThat(read(file, "classes/scripts/demo.txt")).isEqualTo("focus textbox \"Body\"");
      assertThat(file.getEntry("classes/" + classFile(Greeter.class))).isNotNull();
    }
  }

  @Test
  void copiesADirectoryAndMergesItsIndex() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes/META-INF"));
    Files.writeString(classes.resolve("extensions.idx"), "# generated\ncom.example.A\n\ncom.example.B # why\n");
    Files.writeString(classes.resolve("MANIFEST.MF"), "Manifest-Version: 1.0\nPlugin-Id: wrong\n");
    Files.createDirectories(dir.resolve("classes/com/example"));
    Files.write(dir.resolve("classes/com/example/A.class"), new byte[] {1, 2});
    Path out = Files.createDirectories(dir.resolve("out"));

    Path jar = PluginJarBuilder.plugin("dir", "1.0.0")
        .extension(Greeter.class)
        .addDirectory(dir.resolve("classes"))
        .buildJar(out);

    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(read(file, PluginJarBuilder.EXTENSION_INDEX))
          .isEqualTo(Greeter.class.getName() + "\ncom.example.A\ncom.example.B\n");
      assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("dir");
      assertThat(file.getEntry("com/example/A.class")).isNotNull();
    }
  }

  @Test
  void sameInputsGiveTheSameBytes() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    PluginJarBuilder builder = PluginJarBuilder.plugin("same", "1.0.0").extension(Greeter.class);

    assertThat(Files.readAllBytes(builder.buildJar(a))).isEqualTo(Files.readAllBytes(builder.buildJar(b)));
  }

  @Test
  void failsNamingTheParameter() {
    assertThatThrownBy(() -> PluginJarBuilder.plugin(null, "1"))
        .isInstanceOf(NullPointerException.class).hasMessage("id");
    assertThatThrownBy(() -> PluginJarBuilder.plugin("x", "1").addClass(int.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("classes:");
    assertThatThrownBy(() -> PluginJarBuilder.plugin("x", "1").addClass(String.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("platform class");
    assertThatThrownBy(() -> PluginJarBuilder.plugin("x", "1").buildJar(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("directory:");
  }

  private static String classFile(Class<?> type) {
    return type.getName().replace('.', '/') + ".class";
  }

  private static List<String> names(ZipFile file) {
    return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
  }

  private static String read(ZipFile file, String name) throws IOException {
    ZipEntry entry = file.getEntry(name);
    assertThat(entry).as(name).isNotNull();
    return new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void signedWithWritesAVerifiableSignatureFileBesideTheArchive() throws Exception {
    KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

    Path jar = PluginJarBuilder.plugin("greeter", "1.0.0").signedWith(key).buildJar(dir);
    Path zip = PluginJarBuilder.plugin("greeter", "1.0.0").signedWith(key).buildZip(dir);
    PluginJarBuilder.plugin("plain", "1.0.0").buildJar(dir);

    assertThat(dir.resolve("plain-1.0.0.jar.sig")).doesNotExist();
    for (Path archive : List.of(jar, zip)) {
      Map<String, String> fields = Files.readAllLines(archive.resolveSibling(archive.getFileName() + ".sig")).stream()
          .filter(l -> l.contains(": "))
          .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 2)));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive));
      assertThat(fields).containsEntry("format", "understudy-plugin-signature/1").containsEntry("algorithm", "Ed25519")
          .containsEntry("archive-sha256", HexFormat.of().formatHex(digest));
      assertThat(fields.get("key")).startsWith("SHA256:");
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key.getPublic());
      verifier.update("understudy-plugin-signature/1\n".getBytes(StandardCharsets.US_ASCII));
      verifier.update(digest);
      assertThat(verifier.verify(Base64.getDecoder().decode(fields.get("signature")))).isTrue();
    }
  }
}
