package dev.understudy.plugins.office.agent;

import dev.understudy.plugins.office.agent.inapp.AgentMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes the agent jar a running application loads on dynamic attach: the agent's own classes (and
 * nothing else) copied from wherever this process has them — the agent module's jar, its build
 * directory, or a shaded command-line jar — under a manifest naming {@link AgentMain} as
 * {@code Premain-Class} and {@code Agent-Class}. So the recorder needs no separate agent file.
 */
final class AgentJar {
  /** The agent's package, as a path prefix in a jar. */
  static final String PREFIX = AgentMain.class.getPackageName().replace('.', '/') + "/";

  private AgentJar() {}

  /** Writes the agent jar into this directory and returns its path. */
  static Path write(Path dir) throws IOException {
    Path source;
    try {
      source = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException("cannot find where the agent's classes were loaded from", e);
    }
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Premain-Class", AgentMain.class.getName());
    main.putValue("Agent-Class", AgentMain.class.getName());
    Files.createDirectories(dir);
    Path jar = Files.createTempFile(dir, "understudy-office-agent-", ".jar");
    int written = 0;
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      if (Files.isDirectory(source)) {
        Path root = source.resolve(PREFIX);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
          String name = source.relativize(f).toString().replace('\\', '/');
          try (InputStream in = Files.newInputStream(f)) {
            copy(out, name, in);
          }
          written++;
        }
      } else {
        try (JarFile from = new JarFile(source.toFile())) {
          for (Enumeration<JarEntry> e = from.entries(); e.hasMoreElements();) {
            JarEntry entry = e.nextElement();
            if (!entry.isDirectory() && entry.getName().startsWith(PREFIX)) {
              try (InputStream in = from.getInputStream(entry)) {
                copy(out, entry.getName(), in);
              }
              written++;
            }
          }
        }
      }
    }
    if (written == 0) {
      Files.deleteIfExists(jar);
      throw new IOException("no agent classes under " + PREFIX + " in " + source);
    }
    return jar;
  }

  private static void copy(JarOutputStream out, String name, InputStream in) throws IOException {
    out.putNextEntry(new JarEntry(name));
    in.transferTo((OutputStream) out);
    out.closeEntry();
  }
}
