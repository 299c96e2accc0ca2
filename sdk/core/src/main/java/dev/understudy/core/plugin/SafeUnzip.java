package dev.understudy.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a plugin zip into a new directory, refusing the whole archive at the first entry that is
 * unsafe rather than skipping it.
 *
 * <p>Names: an entry whose name is empty, absolute ({@code /etc/x}), has a drive letter or any colon
 * ({@code C:x}, {@code C:\x}), a backslash (a separator on Windows, so {@code ..\x} would climb
 * there), a NUL, or a {@code ..} segment is refused before any path is built from it. The name is
 * then resolved against the target and normalized, and must still lie inside the target by
 * {@link Path#startsWith(Path)}, which compares whole name elements: unlike a string prefix check
 * ({@code "/tmp/plugin-x/f".startsWith("/tmp/plugin")}, the bypass of PF4J's CVE-2023-40826 fix
 * reported in pf4j#623), a sibling directory whose name merely begins with the target's never passes.
 *
 * <p>Links: only regular files and directories are ever created (an entry marked as a symbolic link
 * is written as a small file holding the link text, never as a link), files are created with
 * {@code CREATE_NEW} so nothing existing is overwritten or followed, and each file's parent is checked
 * by its real path, so a link that somehow appears in the target cannot lead outside it. Two entries
 * with the same name (or names that collide on a case-insensitive file system) refuse the archive.
 *
 * <p>Size: the central directory may list at most {@code maxEntries} entries, and the bytes actually
 * inflated (not the sizes the archive claims) may total at most {@code maxBytes}; the archive is
 * refused as soon as either is exceeded.
 *
 * <p>Names and entries come from the central directory ({@link ZipFile}), the same place the class
 * loaders read, so what is checked is what is used. On refusal the caller deletes the target.
 */
final class SafeUnzip {

  private final int maxEntries;
  private final long maxBytes;

  SafeUnzip(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * Unpacks {@code zip} into {@code target}, which must not exist yet.
   *
   * @throws RefusedArchiveException naming the first unsafe entry or the limit exceeded
   * @throws IOException if the archive cannot be read or the files cannot be written
   */
  void extract(Path zip, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.createDirectory(target);
    Path root = target.toRealPath();
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      if (archive.size() > maxEntries) {
        throw new RefusedArchiveException("unsafe archive: " + archive.size() + " entries, more than the limit of "
            + maxEntries);
      }
      long total = 0;
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path path = resolve(root, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          checkInside(root, path, entry.getName());
          continue;
        }
        Files.createDirectories(path.getParent());
        checkInside(root, path.getParent(), entry.getName());
        try (InputStream in = archive.getInputStream(entry);
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
          total = copy(in, out, total, entry.getName());
        } catch (FileAlreadyExistsException e) {
          throw new RefusedArchiveException("unsafe archive: entry '" + printable(entry.getName())
              + "' appears twice (or collides with another entry's name)");
        }
      }
    }
  }

  /** The entry's place under {@code root}, or a refusal when the name could lead anywhere else. */
  static Path resolve(Path root, String name) {
    String why = unsafeName(name);
    if (why != null) {
      throw new RefusedArchiveException("unsafe archive: entry '" + printable(name) + "' " + why);
    }
    Path path = root.resolve(root.getFileSystem().getPath(name)).normalize();
    if (!isInside(root, path)) {
      throw new RefusedArchiveException("unsafe archive: entry '" + printable(name) + "' leaves the plugin directory");
    }
    return path;
  }

  /**
   * Whether {@code path} (normalized) is strictly below {@code root} (normalized), comparing whole
   * name elements: {@code /tmp/dir/f} is inside {@code /tmp/dir}, {@code /tmp/directory/f} is not.
   */
  static boolean isInside(Path root, Path path) {
    return path.startsWith(root) && !path.equals(root);
  }

  private static String unsafeName(String name) {
    if (name.isEmpty()) {
      return "has an empty name";
    }
    if (name.indexOf('\0') >= 0) {
      return "has a NUL in its name";
    }
    if (name.indexOf('\\') >= 0) {
      return "has a backslash in its name";
    }
    if (name.indexOf(':') >= 0) {
      return "has a drive letter or colon in its name";
    }
    if (name.startsWith("/")) {
      return "has an absolute path";
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        return "climbs out with '..'";
      }
    }
    return null;
  }

  private static void checkInside(Path root, Path directory, String name) throws IOException {
    if (!directory.toRealPath().startsWith(root)) { // the target itself is fine for top-level files
      throw new RefusedArchiveException("unsafe archive: entry '" + printable(name) + "' leads through a link outside"
          + " the plugin directory");
    }
  }

  private long copy(InputStream in, OutputStream out, long total, String name) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > maxBytes) {
        throw new RefusedArchiveException("unsafe archive: unpacks to more than the limit of " + maxBytes
            + " bytes (at entry '" + printable(name) + "')");
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static String printable(String name) {
    String shown = name.replaceAll("\\p{Cntrl}", "?");
    return shown.length() <= 80 ? shown : shown.substring(0, 80) + "...";
  }
}
