package dev.understudy.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's {@link DefaultPluginManager}, adjusted so that one bad plugin costs only itself, every failure
 * is reported with its file name, and plugins share the API classes with the host.
 *
 * <ul>
 *   <li>Plugins are the jars and zips of one directory ({@link PluginDirectoryRepository}). Each is
 *       first copied into a private temporary directory this manager owns, hashing it on the way; its
 *       signature is checked against that digest ({@link SignatureCheck}) before anything else reads
 *       the copy, and only the copy is loaded, so the file cannot be swapped between the check and the
 *       load. Zips are unpacked from the copy ({@link SafeUnzip}), never next to the zip.
 *   <li>Class loaders are {@link SharedApiClassLoader}s whose parent is the host's loader.
 *   <li>Each archive is loaded on its own: an exception or linkage error is recorded as a
 *       {@link PluginProblem} and loading goes on with the next.
 *   <li>Plugins whose dependencies are missing are left out and reported, rather than failing all.
 *   <li>Always deployment mode, whatever {@code pf4j.mode} says: no development-mode class folders.
 * </ul>
 *
 * <p>Not thread-safe: {@link PluginHost} drives it from one thread.
 */
final class HostPluginManager extends DefaultPluginManager {

  private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

  private final List<PluginProblem> problems = new ArrayList<>();
  private final List<PluginProblem> refused = new ArrayList<>();
  // The path PF4J knows a plugin by (the copy, or the unpacked directory for a zip) -> the file in the directory.
  private final Map<Path, Path> files = new HashMap<>();
  private final Map<Path, SignatureStatus> signatures = new HashMap<>();
  private final SignatureCheck signatureCheck;
  private final SafeUnzip unzip;
  private Path workRoot;

  HostPluginManager(Path directory, PluginHost.Options options) {
    super(directory);
    resolveRecoveryStrategy = ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE;
    signatureCheck = new SignatureCheck(options.trustedKeys(), options.allowUnsigned());
    unzip = new SafeUnzip(options.maxZipEntries(), options.maxUnpackedBytes());
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  // Called from PF4J's constructor: must not use this class's fields.
  @Override
  protected PluginRepository createPluginRepository() {
    return new PluginDirectoryRepository(getPluginsRoot());
  }

  @Override
  protected PluginLoader createPluginLoader() {
    ClassLoader host = HostPluginManager.class.getClassLoader();
    return new CompoundPluginLoader()
        .add(new JarPluginLoader(this) {
          @Override
          protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new SharedApiClassLoader(pluginManager, descriptor, host);
          }
        })
        .add(new DefaultPluginLoader(this) {
          @Override
          protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new SharedApiClassLoader(pluginManager, descriptor, host);
          }
        });
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    return new DescriptorFinder();
  }

  @Override
  protected PluginFactory createPluginFactory() {
    return new ReportingPluginFactory();
  }

  /** Loads every archive it can and resolves dependencies, recording a problem for each failure. */
  @Override
  public void loadPlugins() {
    for (Path file : pluginRepository.getPluginPaths()) {
      try {
        loadPluginFromPath(file);
      } catch (RefusedArchiveException e) {
        refused.add(report(file, "refused: " + e.getMessage()));
      } catch (RuntimeException | LinkageError e) {
        report(file, Reasons.of(e));
      }
    }
    Map<String, PluginWrapper> loaded = new LinkedHashMap<>();
    getPlugins().forEach(plugin -> loaded.put(plugin.getPluginId(), plugin));
    try {
      resolvePlugins();
    } catch (PluginRuntimeException e) {
      // Only a dependency cycle gets here: nothing in the cycle can start.
      getUnresolvedPlugins().forEach(plugin ->
          report(fileOf(plugin), "not started: cannot resolve plugin dependencies: " + Reasons.of(e)));
    }
    loaded.forEach((id, plugin) -> {
      if (getPlugin(id) == null) {
        report(fileOf(plugin), "plugin '" + id + "' left out: a plugin it depends on is missing or has the wrong version"
            + " (Plugin-Dependencies: " + plugin.getDescriptor().getDependencies() + ")");
      }
    });
  }

  /**
   * Stops started plugins in reverse start order. PF4J 3.15.0's own version removes each plugin from
   * the list it is iterating and fails with a ConcurrentModificationException after the first.
   */
  @Override
  public void stopPlugins() {
    List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
    Collections.reverse(started);
    for (PluginWrapper plugin : started) {
      stopPlugin(plugin.getPluginId());
    }
  }

  @Override
  protected PluginWrapper loadPluginFromPath(Path file) {
    Path copy = workDirectory("archives").resolve(file.getFileName());
    byte[] digest = copy(file, copy);
    SignatureStatus signature = signatureCheck.check(PluginSignature.fileOf(file), digest);
    checkArchive(copy);
    Path pluginPath = PluginDirectoryRepository.isZip(file) ? unpack(copy) : copy;
    files.put(pluginPath, file);
    signatures.put(pluginPath, signature);
    return super.loadPluginFromPath(pluginPath);
  }

  /** Clearer messages than PF4J's, and a duplicate id names the file that already has it. */
  @Override
  protected void validatePluginDescriptor(PluginDescriptor descriptor) {
    String id = descriptor.getPluginId();
    if (!DescriptorFinder.hasText(id)) {
      throw new InvalidPluginDescriptorException("invalid plugin descriptor: no Plugin-Id");
    }
    if (!DescriptorFinder.hasText(descriptor.getVersion())) {
      throw new InvalidPluginDescriptorException("invalid plugin descriptor: plugin '" + id + "' has no Plugin-Version");
    }
    PluginWrapper existing = getPlugin(id);
    if (existing != null) {
      throw new PluginRuntimeException("plugin id '{}' is already loaded from {}", id, fileOf(existing).getFileName());
    }
  }

  /** The file in the plugins directory this plugin came from. */
  Path fileOf(PluginWrapper plugin) {
    return files.getOrDefault(plugin.getPluginPath(), plugin.getPluginPath());
  }

  /** How this plugin's archive passed the signature check. */
  SignatureStatus signatureOf(PluginWrapper plugin) {
    return signatures.get(plugin.getPluginPath());
  }

  PluginProblem report(Path file, String reason) {
    PluginProblem problem = new PluginProblem(file.getFileName().toString(), reason);
    // INFO, not WARNING: problems() is how callers learn of these, and the CLI prints them itself.
    LOG.info(() -> "plugin problem: " + problem);
    problems.add(problem);
    return problem;
  }

  List<PluginProblem> problems() {
    return List.copyOf(problems);
  }

  List<PluginProblem> refused() {
    return List.copyOf(refused);
  }

  /** Deletes the copied archives and unpacked zips; call after the plugins are unloaded. */
  void deleteUnpacked() {
    if (workRoot != null) {
      deleteTree(workRoot);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot delete unpacked plugins in " + root, e);
    }
  }

  /** A subdirectory of this manager's private temporary directory (owner-only where POSIX). */
  private Path workDirectory(String name) {
    try {
      if (workRoot == null) {
        workRoot = Files.createTempDirectory("understudy-plugins-");
      }
      return Files.createDirectories(workRoot.resolve(name));
    } catch (IOException e) {
      throw new PluginRuntimeException(e, "cannot create a temporary directory for plugins");
    }
  }

  /** Copies the archive and returns the SHA-256 of the bytes copied. */
  private static byte[] copy(Path from, Path to) {
    MessageDigest digest = PluginKeys.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(from), digest);
        OutputStream out = Files.newOutputStream(to)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new PluginRuntimeException(e, "cannot read the archive");
    }
    return digest.digest();
  }

  private static void checkArchive(Path file) {
    try (ZipFile ignored = new ZipFile(file.toFile())) {
      // Opening reads the central directory: enough to tell a jar or zip from anything else.
    } catch (IOException e) {
      throw new PluginRuntimeException("not a jar or zip archive ({})", e.getMessage());
    }
  }

  private Path unpack(Path zip) {
    String name = zip.getFileName().toString();
    Path target = workDirectory("unpacked").resolve(name.substring(0, name.length() - ".zip".length()));
    try {
      unzip.extract(zip, target);
      return target;
    } catch (IOException e) {
      deleteTree(target);
      throw new PluginRuntimeException(e, "cannot unpack {}", zip.getFileName());
    } catch (RuntimeException e) {
      deleteTree(target);
      throw e;
    }
  }
}
