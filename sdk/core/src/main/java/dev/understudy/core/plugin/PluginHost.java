package dev.understudy.core.plugin;

import dev.understudy.api.ActionProcessorProvider;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.SinkProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.pf4j.PluginWrapper;

/**
 * Loads the Understudy plugins of one directory with PF4J and hands out their extensions.
 *
 * <pre>{@code
 * try (PluginHost host = PluginHost.load(Path.of("plugins"))) {
 *   host.problems().forEach(p -> System.err.println(p));   // "broken.jar: not a jar or zip archive (...)"
 *   LoadedProvider<AdapterProvider> hello = host.adapter("hello");
 *   ...
 * }
 * }</pre>
 *
 * <p>A plugin is a PF4J jar, or a PF4J zip (classes under {@code classes/}, libraries under
 * {@code lib/}), with its descriptor in {@code META-INF/MANIFEST.MF} ({@code Plugin-Id},
 * {@code Plugin-Version}, optionally {@code Plugin-Class}, {@code Plugin-Provider},
 * {@code Plugin-Dependencies}) or in {@code plugin.properties}, and its extensions listed in
 * {@code META-INF/extensions.idx} (written by PF4J's annotation processor for each {@code @Extension}).
 * The host creates one instance of each {@link AdapterProvider}, {@link ActionProcessorProvider} and
 * {@link SinkProvider} it finds there.
 *
 * <p>Class loading: each plugin gets its own loader that looks in the plugin first, so plugins may
 * bundle their own libraries, except for {@code dev.understudy.api}, {@code dev.understudy.proto},
 * {@code com.google.protobuf} and {@code org.pf4j}, which always come from the host so that the
 * plugin's providers and actions are the host's types (see {@code SharedApiClassLoader}).
 *
 * <p>Failures: a bad plugin never stops the host. An archive that is not a jar or zip, a missing or
 * invalid descriptor, a duplicate plugin id, a missing dependency, a {@code Plugin-Class} that throws
 * (in its constructor or static initializer), a missing extension index, an extension class that is
 * missing or throws, a provider without a name or with a name already taken: each becomes one
 * {@link PluginProblem} naming the file, and the other plugins and extensions load. Plugins listed in
 * the directory's {@code disabled.txt} (PF4J's convention) are listed but not started.
 *
 * <p>PF4J logs through SLF4J; the host adds no binding, so the embedding application decides where
 * those messages go. The host's own messages go to {@code java.util.logging}.
 *
 * <p>Threading: {@link #load} does all the work; afterwards every method may be called from any
 * thread. {@link #close} stops and unloads the plugins and closes their class loaders: providers
 * from this host, and everything they created, must not be used after it.
 */
public final class PluginHost implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

  private final Path directory;
  private final HostPluginManager manager;
  private final List<LoadedProvider<AdapterProvider>> adapters;
  private final List<LoadedProvider<ActionProcessorProvider>> processors;
  private final List<LoadedProvider<SinkProvider>> sinks;
  private final List<PluginSummary> plugins;
  private final List<PluginProblem> problems;
  private volatile boolean closed;

  private PluginHost(Path directory, HostPluginManager manager, ExtensionScanner scanner, List<PluginSummary> plugins) {
    this.directory = directory;
    this.manager = manager;
    this.adapters = List.copyOf(scanner.adapters);
    this.processors = List.copyOf(scanner.processors);
    this.sinks = List.copyOf(scanner.sinks);
    this.plugins = List.copyOf(plugins);
    this.problems = manager.problems();
  }

  /**
   * Loads and starts every plugin in the directory and creates their extensions. Blocks while it
   * does. Problems with single plugins are in {@link #problems()}, not thrown.
   *
   * @throws IllegalArgumentException if {@code pluginsDirectory} is not an existing directory
   */
  public static PluginHost load(Path pluginsDirectory) {
    Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
    if (!Files.isDirectory(pluginsDirectory)) {
      throw new IllegalArgumentException("pluginsDirectory: not a directory: " + pluginsDirectory);
    }
    HostPluginManager manager = new HostPluginManager(pluginsDirectory);
    try {
      manager.loadPlugins();
      manager.startPlugins();
      ExtensionScanner scanner = new ExtensionScanner(manager);
      List<PluginSummary> summaries = new ArrayList<>();
      List<PluginWrapper> loaded = new ArrayList<>(manager.getPlugins());
      loaded.sort(Comparator.comparing(PluginWrapper::getPluginId));
      for (PluginWrapper plugin : loaded) {
        List<ExtensionSummary> extensions = List.of();
        if (plugin.getPluginState().isStarted()) {
          extensions = scanner.scan(plugin);
        } else if (plugin.getPluginState().isFailed()) {
          manager.report(manager.fileOf(plugin), "plugin '" + plugin.getPluginId() + "' failed to start: "
              + Reasons.of(plugin.getFailedException()));
        }
        summaries.add(summaryOf(manager, plugin, extensions));
      }
      return new PluginHost(pluginsDirectory, manager, scanner, summaries);
    } catch (RuntimeException | Error e) {
      unload(manager);
      throw e;
    }
  }

  /** The directory the plugins were loaded from. */
  public Path directory() {
    return directory;
  }

  /** Every adapter provider that loaded, by plugin id, then in index order. */
  public List<LoadedProvider<AdapterProvider>> adapters() {
    checkOpen();
    return adapters;
  }

  /** Every action processor provider that loaded, by plugin id, then in index order. */
  public List<LoadedProvider<ActionProcessorProvider>> processors() {
    checkOpen();
    return processors;
  }

  /** Every sink provider that loaded, by plugin id, then in index order. */
  public List<LoadedProvider<SinkProvider>> sinks() {
    checkOpen();
    return sinks;
  }

  /**
   * The adapter provider with this {@code name()}.
   *
   * @throws IllegalArgumentException naming the adapter and those available, when there is none
   */
  public LoadedProvider<AdapterProvider> adapter(String name) {
    return find("adapter", name, adapters(), AdapterProvider::name);
  }

  /**
   * The processor provider with this {@code name()}.
   *
   * @throws IllegalArgumentException naming the processor and those available, when there is none
   */
  public LoadedProvider<ActionProcessorProvider> processor(String name) {
    return find("processor", name, processors(), ActionProcessorProvider::name);
  }

  /**
   * The sink provider with this {@code name()}.
   *
   * @throws IllegalArgumentException naming the sink and those available, when there is none
   */
  public LoadedProvider<SinkProvider> sink(String name) {
    return find("sink", name, sinks(), SinkProvider::name);
  }

  /** Every plugin that was loaded (started, failed or disabled), by id: for the {@code plugins} command. */
  public List<PluginSummary> plugins() {
    return plugins;
  }

  /**
   * The plugin with this id.
   *
   * @throws IllegalArgumentException naming the id and the loaded plugins, when there is none
   */
  public PluginSummary plugin(String id) {
    Objects.requireNonNull(id, "id");
    for (PluginSummary plugin : plugins) {
      if (plugin.id().equals(id)) {
        return plugin;
      }
    }
    throw new IllegalArgumentException("unknown plugin id '" + id + "' in " + directory + "; "
        + available("loaded plugins", plugins.stream().map(PluginSummary::id).toList()));
  }

  /** What went wrong while loading, one entry per failure, in the order met. Empty when all is well. */
  public List<PluginProblem> problems() {
    return problems;
  }

  /** Stops and unloads every plugin and closes their class loaders. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    unload(manager);
  }

  private static void unload(HostPluginManager manager) {
    try {
      manager.stopPlugins();
      manager.unloadPlugins();
    } catch (RuntimeException e) {
      // PF4J reports a plugin's failing stop() itself; this is a failure to close a class loader.
      LOG.log(Level.WARNING, "Error while unloading plugins", e);
    } finally {
      manager.deleteUnpacked();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("plugin host for " + directory + " is closed");
    }
  }

  private <T> LoadedProvider<T> find(String kind, String name, List<LoadedProvider<T>> loaded, Function<T, String> nameOf) {
    Objects.requireNonNull(name, "name");
    for (LoadedProvider<T> candidate : loaded) {
      if (nameOf.apply(candidate.provider()).equals(name)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; "
        + available("available " + kind + "s", loaded.stream().map(p -> nameOf.apply(p.provider())).toList()));
  }

  private static String available(String what, List<String> names) {
    return names.isEmpty() ? "there are no " + what : what + ": " + names.stream().sorted().collect(Collectors.joining(", "));
  }

  private static PluginSummary summaryOf(HostPluginManager manager, PluginWrapper plugin, List<ExtensionSummary> extensions) {
    String provider = plugin.getDescriptor().getProvider();
    return new PluginSummary(
        plugin.getPluginId(),
        plugin.getDescriptor().getVersion(),
        provider == null ? "" : provider,
        plugin.getPluginState().toString(),
        manager.fileOf(plugin).getFileName().toString(),
        extensions);
  }
}
