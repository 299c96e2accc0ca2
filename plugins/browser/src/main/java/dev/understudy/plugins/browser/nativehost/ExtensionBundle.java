package dev.understudy.plugins.browser.nativehost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * The built browser extension, packaged in this plugin's jar (the build puts it there from
 * {@code plugins/browser/extension}), and the names that tie it to the native host.
 */
public final class ExtensionBundle {
  /** The native messaging host's name, which the extension connects to: {@value}. */
  public static final String HOST_NAME = "dev.understudy.host";
  /**
   * The extension's id in Chromium, fixed by the public {@code key} in its manifest: the first 16 bytes of
   * the SHA-256 of that key, in hex written with the letters a–p. {@code ExtensionBundleTest} recomputes it.
   */
  public static final String CHROMIUM_ID = "opmnnfjekfefhlbjgjfjapgeoohkhbij";
  /** The extension's id in Firefox, from {@code browser_specific_settings.gecko.id}: {@value}. */
  public static final String GECKO_ID = "recorder@understudy.dev";

  private static final String ROOT = "/dev/understudy/plugins/browser/extension/";

  private ExtensionBundle() {}

  /** The files of the extension, relative to its directory, as the build listed them. */
  public static List<String> files() {
    try (InputStream in = ExtensionBundle.class.getResourceAsStream(ROOT + "files.txt")) {
      if (in == null) {
        throw new IllegalStateException("the browser extension is not in this build (no " + ROOT + "files.txt); "
            + "build plugins/browser with Maven, which runs npm");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One file of the extension, e.g. {@code manifest.json}. */
  public static byte[] read(String file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (InputStream in = ExtensionBundle.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IOException("the browser extension has no file " + file);
      }
      return in.readAllBytes();
    }
  }

  /**
   * Writes the unpacked extension into {@code dir} (created if absent), replacing the files it had, so a
   * browser can load it ({@code --load-extension}, or "Load unpacked").
   */
  public static void unpack(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    for (String file : files()) {
      if (file.contains("..") || file.startsWith("/")) {
        throw new IOException("bad file name in the extension's list: " + file);
      }
      Path target = dir.resolve(file);
      Files.createDirectories(target.getParent());
      try (InputStream in = ExtensionBundle.class.getResourceAsStream(ROOT + file)) {
        if (in == null) {
          throw new IOException("the browser extension lists " + file + " but does not have it");
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
