package dev.understudy.plugins.office.uno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.plugins.office.BackendException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding LibreOffice's Java classes, and the class loader that puts the bridge next to them. */
class LibreOfficeClassesTest {
  @TempDir Path dir;

  private static void jar(Path path, String... entries) throws Exception {
    try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String e : entries) {
        zip.putNextEntry(new ZipEntry(e));
        zip.closeEntry();
      }
    }
  }

  @Test
  void findsTheMergedJarOnlyWhenItHoldsTheUnoRuntime() throws Exception {
    jar(dir.resolve("libreoffice.jar"), "com/sun/star/uno/UnoRuntime.class");
    assertThat(LibreOfficeClasses.jarsIn(dir)).containsExactly(dir.resolve("libreoffice.jar"));
    Path broken = Files.createDirectory(dir.resolve("broken"));
    jar(broken.resolve("libreoffice.jar"), "something/Else.class");
    assertThat(LibreOfficeClasses.jarsIn(broken)).isEmpty();
  }

  @Test
  void acceptsTheSplitJarsOfOlderReleases() throws Exception {
    for (String name : LibreOfficeClasses.SPLIT_JARS) {
      jar(dir.resolve(name), name.equals("jurt.jar") ? "com/sun/star/uno/UnoRuntime.class" : "x/Y.class");
    }
    assertThat(LibreOfficeClasses.jarsIn(dir)).hasSize(4);
    Files.delete(dir.resolve("unoil.jar"));
    assertThat(LibreOfficeClasses.jarsIn(dir)).isEmpty();
  }

  @Test
  void aConfiguredPlaceWithoutTheClassesFailsNamingItAndWhatToInstall() {
    assertThatThrownBy(() -> LibreOfficeClasses.find(Optional.of(dir.toString())))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("were not found in " + dir + " (adapter.office.uno.classes)")
        .hasMessageContaining("sudo apt-get install libreoffice-writer libreoffice-calc libreoffice-java-common");
  }

  @Test
  void theInstalledClassesAreFoundInTheUsualPlaces() throws Exception {
    assertThat(LibreOfficeClasses.find(Optional.empty())).isNotEmpty()
        .allSatisfy(jar -> assertThat(jar).isRegularFile());
  }

  @Test
  void theBridgeIsDefinedNextToTheInstalledClassesAndSharesTheApiWithThePlugin() throws Exception {
    BridgeLoader loader = LibreOfficeClasses.loader(LibreOfficeClasses.find(Optional.empty()));
    Class<?> session = loader.loadClass(BridgeLoader.BRIDGE_PACKAGE + "BridgeSession");
    assertThat(session.getClassLoader()).isSameAs(loader);
    assertThat(loader.loadClass("com.sun.star.uno.UnoRuntime").getClassLoader()).isSameAs(loader);
    // The shared types come from the plugin's own loader, so the bridge can be used through them.
    assertThat(loader.loadClass(UnoBridge.class.getName())).isSameAs(UnoBridge.class);
    assertThat(loader.create("BridgeSession", UnoBridge.class)).isInstanceOf(UnoBridge.class);
    assertThat(loader.loadClass(BridgeLoader.BRIDGE_PACKAGE + "Cells")).isNotSameAs(
        Class.forName(BridgeLoader.BRIDGE_PACKAGE + "Cells"));
    assertThat(List.of(loader.getURLs())).isNotEmpty();
  }
}
