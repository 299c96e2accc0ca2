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
 * PluginHost.Options options = PluginHost.Options.builder()
 *     .trustedKeysDirectory(home.resolve("trusted-keys"))
 *     .build();
 * try (PluginHost host = PluginHost.load(Path.of("plugins"), options)) {
 *   host.problems().forEach(p -> System.err.println(p));   // "broken.jar: not a jar or zip archive (...)"
 *   LoadedProvider<AdapterProvider> hello = host.adapter("hello");
 *   ...
 * }
 * }</pre>
 *
 * <p>Signatures: no class of a plugin is loaded before its archive passes the signature check. Each
 * archive needs a signature file beside it ({@code acme.jar.sig}, see {@link PluginSignature}) made
 * with a key in {@link Options#trustedKeys()}; an archive that is unsigned, signed by an untrusted key,
 * or whose signature does not verify is refused, with a one-line {@link PluginProblem} in
 * {@link #problems()} and {@link #refused()}, and the others load. {@link Options.Builder#allowUnsigned}
 * lets unsigned and untrusted archives in for development; a signature that does not verify is
 * refused even then. The host verifies, and then loads, a private copy of each archive, so the file
 * in the directory cannot be swapped in between. Zips are unpacked safely ({@code SafeUnzip}):
 * an entry that would land outside the plugin's directory refuses the archive, as does one with more
 * than {@link Options#maxZipEntries()} entries or more than {@link Options#maxUnpackedBytes()} bytes.
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
  private final List<PluginProblem> refused;
  private volatile boolean closed;

  private PluginHost(Path directory, HostPluginManager manager, ExtensionScanner scanner, List<PluginSummary> plugins) {
    this.directory = directory;
    this.manager = manager;
    this.adapters = List.copyOf(scanner.adapters);
    this.processors = List.copyOf(scanner.processors);
    this.sinks = List.copyOf(scanner.sinks);
    this.plugins = List.copyOf(plugins);
    this.problems = manager.problems();
    this.refused = manager.refused();
  }

  /**
   * Loads the directory's plugins with {@link Options#defaults()}: signatures required and no key
   * trusted, so only an empty directory loads cleanly. Use {@link #load(Path, Options)}.
   *
   * @throws IllegalArgumentException if {@code pluginsDirectory} is not an existing directory
   */
  public static PluginHost load(Path pluginsDirectory) {
    return load(pluginsDirectory, Options.defaults());
  }

  /**
   * Checks, loads and starts every plugin in the directory and creates their extensions. Blocks while
   * it does. Problems with single plugins, refusals included, are in {@link #problems()}, not thrown.
   *
   * @throws IllegalArgumentException if {@code pluginsDirectory} is not an existing directory
   */
  public static PluginHost load(Path pluginsDirectory, Options options) {
    Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
    Objects.requireNonNull(options, "options");
    if (!Files.isDirectory(pluginsDirectory)) {
      throw new IllegalArgumentException("pluginsDirectory: not a directory: " + pluginsDirectory);
    }
    if (options.allowUnsigned()) {
      LOG.warning(() -> "Unsigned plugins are allowed (development only): plugins in " + pluginsDirectory
          + " load without a trusted signature");
    }
    HostPluginManager manager = new HostPluginManager(pluginsDirectory, options);
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

  /**
   * The archives that were refused outright (signature missing, untrusted or not verifying; unsafe
   * to unpack), none of whose code was loaded. Each is also in {@link #problems()}.
   */
  public List<PluginProblem> refused() {
    return refused;
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
        manager.signatureOf(plugin),
        extensions);
  }

  /**
   * How the host checks archives before loading them. Immutable; build with {@link #builder()}.
   *
   * <p>Defaults: signatures required ({@code allowUnsigned} false), no trusted keys, at most
   * {@value #DEFAULT_MAX_ZIP_ENTRIES} entries and {@value #DEFAULT_MAX_UNPACKED_BYTES} bytes per
   * unpacked zip.
   */
  public static final class Options {

    /** Default limit on the entries of a plugin zip. */
    public static final int DEFAULT_MAX_ZIP_ENTRIES = 10_000;
    /** Default limit on the bytes a plugin zip unpacks to: 256 MiB. */
    public static final long DEFAULT_MAX_UNPACKED_BYTES = 256L * 1024 * 1024;

    private static final Options DEFAULTS = builder().build();

    private final TrustedKeys trustedKeys;
    private final boolean allowUnsigned;
    private final int maxZipEntries;
    private final long maxUnpackedBytes;

    private Options(Builder builder) {
      this.trustedKeys = builder.trustedKeys;
      this.allowUnsigned = builder.allowUnsigned;
      this.maxZipEntries = builder.maxZipEntries;
      this.maxUnpackedBytes = builder.maxUnpackedBytes;
    }

    /** Signatures required, no key trusted, default limits. */
    public static Options defaults() {
      return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
      return new Builder();
    }

    /** The keys whose signatures are accepted. */
    public TrustedKeys trustedKeys() {
      return trustedKeys;
    }

    /** Whether unsigned and untrusted archives load anyway (development only). */
    public boolean allowUnsigned() {
      return allowUnsigned;
    }

    /** The most entries a plugin zip may have. */
    public int maxZipEntries() {
      return maxZipEntries;
    }

    /** The most bytes a plugin zip may unpack to. */
    public long maxUnpackedBytes() {
      return maxUnpackedBytes;
    }

    /** Builds {@link Options}. Not thread-safe. */
    public static final class Builder {

      private TrustedKeys trustedKeys = TrustedKeys.none();
      private boolean allowUnsigned;
      private int maxZipEntries = DEFAULT_MAX_ZIP_ENTRIES;
      private long maxUnpackedBytes = DEFAULT_MAX_UNPACKED_BYTES;

      private Builder() {}

      /** Accepts signatures by these keys (replacing any set before). Default: none. */
      public Builder trustedKeys(TrustedKeys keys) {
        this.trustedKeys = Objects.requireNonNull(keys, "trustedKeys");
        return this;
      }

      /**
       * Accepts signatures by the {@code *.pub} keys in this directory, read now; a directory that
       * does not exist trusts nothing.
       *
       * @throws IllegalArgumentException naming a file that is not an Ed25519 public key
       */
      public Builder trustedKeysDirectory(Path directory) {
        return trustedKeys(TrustedKeys.fromDirectory(Objects.requireNonNull(directory, "trustedKeysDirectory")));
      }

      /**
       * For development only: load archives that have no signature, or are signed by a key that is
       * not trusted. A signature that does not verify is still refused. The host logs a warning when
       * it loads with this set. Default: false.
       */
      public Builder allowUnsigned(boolean allow) {
        this.allowUnsigned = allow;
        return this;
      }

      /** The most entries a plugin zip may have. Default {@value Options#DEFAULT_MAX_ZIP_ENTRIES}. */
      public Builder maxZipEntries(int max) {
        if (max < 1) {
          throw new IllegalArgumentException("maxZipEntries: must be at least 1, was " + max);
        }
        this.maxZipEntries = max;
        return this;
      }

      /** The most bytes a plugin zip may unpack to. Default {@value Options#DEFAULT_MAX_UNPACKED_BYTES}. */
      public Builder maxUnpackedBytes(long max) {
        if (max < 1) {
          throw new IllegalArgumentException("maxUnpackedBytes: must be at least 1, was " + max);
        }
        this.maxUnpackedBytes = max;
        return this;
      }

      /** The options. */
      public Options build() {
        return new Options(this);
      }
    }
  }
}
