package dev.understudy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.pf4j.Plugin;

/**
 * Builds a real PF4J plugin archive from classes on the test classpath, so a test can load its plugin
 * the way the Understudy host does.
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.plugin("acme-adapter", "1.0.0")
 *     .provider("Acme")
 *     .extension(AcmeAdapterProvider.class)   // copied, and listed in META-INF/extensions.idx
 *     .addClass(AcmeAdapter.class)            // copied with its nested and anonymous classes
 *     .buildJar(tempDir);
 * }</pre>
 *
 * <p>The descriptor goes in {@code META-INF/MANIFEST.MF} ({@code Plugin-Id}, {@code Plugin-Version},
 * and {@code Plugin-Class} and {@code Plugin-Provider} when given). {@code META-INF/extensions.idx} is
 * written only when extensions were listed, so a test can build a plugin without one. Entries carry a
 * fixed timestamp, so the same inputs give the same bytes.
 *
 * <p>{@link #signedWith} also writes {@code <archive>.sig}, the Ed25519 signature file the Understudy
 * host checks before loading (format {@code understudy-plugin-signature/1}, documented in
 * {@code docs/plugin-signing.md}). This module does not depend on the core, so it writes the format
 * itself, which also checks that the documented format is enough to produce a signature the host accepts.
 *
 * <p>Not thread-safe; build from one thread.
 */
public final class PluginJarBuilder {

  /** Where PF4J's annotation processor writes the extension index, and where the host reads it. */
  public static final String EXTENSION_INDEX = "META-INF/extensions.idx";

  // 1980-02-01, the zip format's earliest comfortable date: reproducible archives.
  private static final long ENTRY_TIME = 315_532_800_000L + 31L * 24 * 3600 * 1000;

  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private final Set<String> extensions = new LinkedHashSet<>();
  private String fileName;
  private KeyPair signingKey;

  private PluginJarBuilder(String fileName) {
    this.fileName = fileName;
  }

  /** A plugin with this id and version; the archive is named {@code <id>-<version>.jar} (or .zip). */
  public static PluginJarBuilder plugin(String id, String version) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    PluginJarBuilder builder = new PluginJarBuilder(id + "-" + version);
    builder.attributes.put("Plugin-Id", id);
    builder.attributes.put("Plugin-Version", version);
    return builder;
  }

  /**
   * An archive with no plugin descriptor at all, for testing how a host treats a jar that is not a
   * plugin. Named {@code not-a-plugin.jar} unless {@link #fileName} says otherwise.
   */
  public static PluginJarBuilder withoutDescriptor() {
    return new PluginJarBuilder("not-a-plugin");
  }

  /** The archive's file name without extension. */
  public PluginJarBuilder fileName(String baseName) {
    this.fileName = Objects.requireNonNull(baseName, "baseName");
    return this;
  }

  /** Copies the class and names it in {@code Plugin-Class}. Optional: PF4J uses a plain plugin without. */
  public PluginJarBuilder pluginClass(Class<? extends Plugin> pluginClass) {
    Objects.requireNonNull(pluginClass, "pluginClass");
    addClass(pluginClass);
    return manifestAttribute("Plugin-Class", pluginClass.getName());
  }

  /** The vendor, in {@code Plugin-Provider}. */
  public PluginJarBuilder provider(String provider) {
    return manifestAttribute("Plugin-Provider", Objects.requireNonNull(provider, "provider"));
  }

  /**
   * Sets a main manifest attribute ({@code Plugin-Description}, {@code Plugin-Dependencies}, ...);
   * a {@code null} value removes it, e.g. to build a descriptor without {@code Plugin-Version}.
   */
  public PluginJarBuilder manifestAttribute(String name, String value) {
    Objects.requireNonNull(name, "name");
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
    return this;
  }

  /**
   * Copies the class files of these classes, with their nested, inner and anonymous classes, from
   * wherever they were loaded (a classes directory or a jar).
   */
  public PluginJarBuilder addClass(Class<?>... classes) {
    Objects.requireNonNull(classes, "classes");
    for (Class<?> type : classes) {
      Objects.requireNonNull(type, "classes[]");
      copyClassFiles(type);
    }
    return this;
  }

  /** Copies these classes (as {@link #addClass}) and lists them in {@code META-INF/extensions.idx}. */
  public PluginJarBuilder extension(Class<?>... classes) {
    addClass(classes);
    for (Class<?> type : classes) {
      extensions.add(type.getName());
    }
    return this;
  }

  /** Lists a class name in the extension index without copying anything: for a missing class. */
  public PluginJarBuilder indexEntry(String className) {
    extensions.add(Objects.requireNonNull(className, "className"));
    return this;
  }

  /** Adds a resource at this path inside the archive ("scripts/demo.txt"). */
  public PluginJarBuilder resource(String path, byte[] content) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    entries.put(stripLeadingSlash(path), content.clone());
    return this;
  }

  /** Adds a UTF-8 text resource at this path inside the archive. */
  public PluginJarBuilder resource(String path, String content) {
    return resource(path, Objects.requireNonNull(content, "content").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Copies a compiled output directory ({@code target/classes}) whole. An extension index found there,
   * as PF4J's annotation processor wrote it, is merged into this builder's; a manifest found there is
   * ignored in favour of this builder's descriptor.
   */
  public PluginJarBuilder addDirectory(Path classesDirectory) {
    Objects.requireNonNull(classesDirectory, "classesDirectory");
    if (!Files.isDirectory(classesDirectory)) {
      throw new IllegalArgumentException("classesDirectory: not a directory: " + classesDirectory);
    }
    try (Stream<Path> files = Files.walk(classesDirectory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String name = classesDirectory.relativize(file).toString().replace('\\', '/');
        if (name.equals(JarFile.MANIFEST_NAME)) {
          continue;
        }
        if (name.equals(EXTENSION_INDEX)) {
          extensions.addAll(readIndex(Files.readString(file, StandardCharsets.UTF_8)));
          continue;
        }
        entries.put(name, Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + classesDirectory, e);
    }
    return this;
  }

  /**
   * Signs the archive with this Ed25519 key pair when it is built, writing {@code <archive>.sig}
   * beside it. Without this the archive is unsigned.
   */
  public PluginJarBuilder signedWith(KeyPair key) {
    this.signingKey = Objects.requireNonNull(key, "key");
    return this;
  }

  /** Writes {@code <fileName>.jar} into the directory (which must exist) and returns its path. */
  public Path buildJar(Path directory) {
    Path jar = target(directory, ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      // Written as an ordinary first entry so that it too carries the fixed timestamp.
      put(out, JarFile.MANIFEST_NAME, manifestBytes());
      writeEntries(out, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + jar, e);
    }
    signIfAsked(jar);
    return jar;
  }

  /**
   * Writes {@code <fileName>.zip} in PF4J's zip layout (classes and resources under {@code classes/},
   * the manifest at {@code classes/META-INF/MANIFEST.MF}) and returns its path.
   */
  public Path buildZip(Path directory) {
    Path zip = target(directory, ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "classes/" + JarFile.MANIFEST_NAME, manifestBytes());
      writeEntries(out, "classes/");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + zip, e);
    }
    signIfAsked(zip);
    return zip;
  }

  private void signIfAsked(Path archive) {
    if (signingKey == null) {
      return;
    }
    try {
      String format = "understudy-plugin-signature/1";
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive));
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(signingKey.getPrivate());
      signer.update((format + "\n").getBytes(StandardCharsets.US_ASCII));
      signer.update(digest);
      String keyId = "SHA256:" + Base64.getEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(signingKey.getPublic().getEncoded()));
      String text = "format: " + format + "\n"
          + "algorithm: Ed25519\n"
          + "key: " + keyId + "\n"
          + "archive: " + archive.getFileName() + "\n"
          + "archive-sha256: " + HexFormat.of().formatHex(digest) + "\n"
          + "signature: " + Base64.getEncoder().encodeToString(signer.sign()) + "\n";
      Files.writeString(archive.resolveSibling(archive.getFileName() + ".sig"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sign " + archive, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("signedWith: not an Ed25519 key pair (" + e.getMessage() + ")", e);
    }
  }

  private Path target(Path directory, String extension) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("directory: not a directory: " + directory);
    }
    return directory.resolve(fileName + extension);
  }

  private byte[] manifestBytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    manifest().write(bytes);
    return bytes.toByteArray();
  }

  private Manifest manifest() {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.forEach((name, value) -> main.put(new Attributes.Name(name), value));
    return manifest;
  }

  private void writeEntries(ZipOutputStream out, String prefix) throws IOException {
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      put(out, prefix + entry.getKey(), entry.getValue());
    }
    if (!extensions.isEmpty()) {
      put(out, prefix + EXTENSION_INDEX, (String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(ENTRY_TIME);
    out.putNextEntry(entry);
    out.write(content);
    out.closeEntry();
  }

  private void copyClassFiles(Class<?> type) {
    if (type.isArray() || type.isPrimitive()) {
      throw new IllegalArgumentException("classes: not a class with a class file: " + type);
    }
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      throw new IllegalArgumentException("classes: " + type.getName() + " is a platform class");
    }
    String path = type.getName().replace('.', '/') + ".class";
    entries.put(path, read(loader, path));
    // Nested, inner and anonymous classes live in files named Outer$...; reflection cannot list the
    // anonymous ones, so look at the neighbours in the class's code source.
    String nestedPrefix = type.getName().replace('.', '/') + "$";
    for (String nested : classFilesStartingWith(type, nestedPrefix)) {
      entries.put(nested, read(loader, nested));
    }
  }

  private static List<String> classFilesStartingWith(Class<?> type, String prefix) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try {
      Path location = Path.of(source.getLocation().toURI());
      if (Files.isDirectory(location)) {
        Path packageDir = location.resolve(prefix).getParent();
        String simplePrefix = prefix.substring(prefix.lastIndexOf('/') + 1);
        try (Stream<Path> files = Files.list(packageDir)) {
          files.map(f -> f.getFileName().toString())
              .filter(n -> n.startsWith(simplePrefix) && n.endsWith(".class"))
              .sorted()
              .forEach(n -> names.add(prefix.substring(0, prefix.length() - simplePrefix.length()) + n));
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          jar.stream()
              .map(ZipEntry::getName)
              .filter(n -> n.startsWith(prefix) && n.endsWith(".class"))
              .sorted()
              .forEach(names::add);
        }
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot list the nested classes of " + type.getName(), e);
    }
    return names;
  }

  private static byte[] read(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("classes: no class file " + path + " on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static Set<String> readIndex(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (String line : text.split("\\R")) {
      String name = line.replaceFirst("#.*", "").strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private static String stripLeadingSlash(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }
}
