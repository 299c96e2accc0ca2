package dev.understudy.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pf4j.PluginRepository;

/**
 * The plugin archives in one directory: every {@code *.jar} and {@code *.zip} that is not hidden, in
 * file-name order so loading is repeatable. Unlike PF4J's default repository it never writes into the
 * directory (zips are unpacked elsewhere by {@link HostPluginManager}) and never deletes.
 */
final class PluginDirectoryRepository implements PluginRepository {

  private final Path directory;

  PluginDirectoryRepository(Path directory) {
    this.directory = directory;
  }

  @Override
  public List<Path> getPluginPaths() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).filter(PluginDirectoryRepository::isArchiveName).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugins directory " + directory, e);
    }
  }

  @Override
  public boolean deletePluginPath(Path pluginPath) {
    return false;
  }

  static boolean isArchiveName(Path file) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && (lower.endsWith(".jar") || lower.endsWith(".zip"));
  }

  static boolean isZip(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }
}
