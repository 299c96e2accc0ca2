package dev.understudy.plugins.office.uno;

import dev.understudy.plugins.office.BackendException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * Finds LibreOffice's Java UNO classes on this machine and makes the {@link BridgeLoader} over them.
 *
 * <p>Why at run time: the classes must match the soffice they talk to (Maven Central's 24.8 jars break
 * the bridge on accessibility calls against 7.4), they come with LibreOffice ({@code libreoffice-java-common}
 * on Debian), and the CLI's shaded jar should not carry a copy that can disagree with the installed one.
 * Searched, in order: {@code adapter.office.uno.classes}; {@code $UNO_PATH/classes}; the installation
 * places of Debian, Fedora, the LibreOffice packages in {@code /opt}, macOS and Windows.
 */
final class LibreOfficeClasses {
  /** The single jar of LibreOffice 7 and later. */
  static final String MERGED_JAR = "libreoffice.jar";
  /** The jars of older releases (and Debian's compatibility names). */
  static final List<String> SPLIT_JARS = List.of("jurt.jar", "ridl.jar", "juh.jar", "unoil.jar");
  /** What the installation hint says when nothing is found. */
  static final String INSTALL_HINT = "install LibreOffice with its Java support (Debian/Ubuntu: "
      + "sudo apt-get install libreoffice-writer libreoffice-calc libreoffice-java-common; Fedora: "
      + "sudo dnf install libreoffice-writer libreoffice-calc libreoffice-core) or set "
      + "adapter.office.uno.classes to the directory that holds libreoffice.jar";

  private static final String PROBE = "com/sun/star/uno/UnoRuntime.class";

  private LibreOfficeClasses() {}

  /** The directories searched when {@code adapter.office.uno.classes} is not set. */
  static List<Path> defaultPlaces() {
    Set<Path> places = new LinkedHashSet<>();
    String unoPath = System.getenv("UNO_PATH");
    if (unoPath != null && !unoPath.isBlank()) {
      places.add(Path.of(unoPath, "classes"));
    }
    places.add(Path.of("/usr/lib/libreoffice/program/classes"));
    places.add(Path.of("/usr/lib64/libreoffice/program/classes"));
    places.add(Path.of("/usr/share/java"));
    for (Path opt : optInstallations()) {
      places.add(opt.resolve("program/classes"));
    }
    places.add(Path.of("/Applications/LibreOffice.app/Contents/Resources/java"));
    places.add(Path.of("C:\\Program Files\\LibreOffice\\program\\classes"));
    return List.copyOf(places);
  }

  private static List<Path> optInstallations() {
    List<Path> found = new ArrayList<>();
    try (var dirs = Files.newDirectoryStream(Path.of("/opt"), "libreoffice*")) {
      dirs.forEach(found::add);
    } catch (IOException | RuntimeException e) {
      // no /opt, or unreadable: nothing to add
    }
    return found;
  }

  /**
   * The jars in the configured directory, or in the first default place that has them.
   *
   * @throws BackendException naming the places searched and how to install the classes
   */
  static List<Path> find(Optional<String> configured) throws BackendException {
    List<Path> places = configured.map(c -> List.of(Path.of(c))).orElseGet(LibreOfficeClasses::defaultPlaces);
    for (Path place : places) {
      List<Path> jars = jarsIn(place);
      if (!jars.isEmpty()) {
        return jars;
      }
    }
    throw new BackendException("LibreOffice's Java UNO classes (" + MERGED_JAR + ") were not found in "
        + (configured.isPresent() ? places.get(0) + " (adapter.office.uno.classes)" : places) + ": " + INSTALL_HINT);
  }

  /** The usable jars in one directory, or an empty list. */
  static List<Path> jarsIn(Path dir) {
    Path merged = dir.resolve(MERGED_JAR);
    if (hasUnoRuntime(merged)) {
      return List.of(merged);
    }
    List<Path> split = new ArrayList<>();
    for (String name : SPLIT_JARS) {
      Path jar = dir.resolve(name);
      if (!Files.isRegularFile(jar)) {
        return List.of();
      }
      split.add(jar);
    }
    // The split jars may be stubs whose manifest points at libreoffice.jar; the probe follows that.
    return split.stream().anyMatch(LibreOfficeClasses::hasUnoRuntime) ? split : List.of();
  }

  private static boolean hasUnoRuntime(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getEntry(PROBE) != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** A bridge loader over these jars, with this plugin's loader as parent. */
  static BridgeLoader loader(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException("not a URL: " + jars.get(i), e);
      }
    }
    return new BridgeLoader(urls, LibreOfficeClasses.class.getClassLoader());
  }
}
