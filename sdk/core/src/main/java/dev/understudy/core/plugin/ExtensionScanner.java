package dev.understudy.core.plugin;

import dev.understudy.api.ActionProcessorProvider;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.SinkProvider;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ComponentKind;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginWrapper;

/**
 * Finds the Understudy extensions of started plugins, from each plugin's own
 * {@code META-INF/extensions.idx}, and creates one instance of each.
 *
 * <p>PF4J's extension finder would also do this, but it logs and skips a class it cannot load, lets a
 * constructor's exception abort the whole lookup, and, when a plugin has no index, reads the host
 * application's instead. Reading the index from the plugin's own jar
 * ({@link PluginClassLoader#findResource}) and instantiating each class separately lets every failure
 * be reported against its plugin and cost only that extension.
 *
 * <p>Not thread-safe: {@link PluginHost} drives it from one thread.
 */
final class ExtensionScanner {

  private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

  private final HostPluginManager manager;
  final List<LoadedProvider<AdapterProvider>> adapters = new ArrayList<>();
  final List<LoadedProvider<ActionProcessorProvider>> processors = new ArrayList<>();
  final List<LoadedProvider<SinkProvider>> sinks = new ArrayList<>();
  // Names are how configuration and the CLI refer to extensions, so each must be unique per kind.
  private final Map<ComponentKind, Map<String, String>> owners = new HashMap<>();

  ExtensionScanner(HostPluginManager manager) {
    this.manager = manager;
  }

  /** Creates the plugin's extensions and returns a summary of each that loaded. */
  List<ExtensionSummary> scan(PluginWrapper plugin) {
    Path file = manager.fileOf(plugin);
    List<String> classNames = indexOf(plugin, file);
    List<ExtensionSummary> summaries = new ArrayList<>();
    for (String className : classNames) {
      Object instance = instantiate(plugin, file, className);
      if (instance == null) {
        continue;
      }
      if (instance instanceof AdapterProvider adapter) {
        register(plugin, file, ComponentKind.COMPONENT_KIND_ADAPTER, className, adapter, AdapterProvider::name,
            adapters, summaries);
      }
      if (instance instanceof ActionProcessorProvider processor) {
        register(plugin, file, ComponentKind.COMPONENT_KIND_PROCESSOR, className, processor,
            ActionProcessorProvider::name, processors, summaries);
      }
      if (instance instanceof SinkProvider sink) {
        register(plugin, file, ComponentKind.COMPONENT_KIND_SINK, className, sink, SinkProvider::name, sinks, summaries);
      }
    }
    return summaries;
  }

  private List<String> indexOf(PluginWrapper plugin, Path file) {
    URL index = ((PluginClassLoader) plugin.getPluginClassLoader()).findResource(ExtensionIndex.RESOURCE);
    if (index == null) {
      manager.report(file, "no " + ExtensionIndex.RESOURCE + ": the plugin declares no extensions"
          + " (is PF4J's annotation processor on the compiler's processor path?)");
      return List.of();
    }
    try {
      List<String> names = ExtensionIndex.read(index);
      if (names.isEmpty()) {
        manager.report(file, ExtensionIndex.RESOURCE + " lists no extensions");
      }
      return names;
    } catch (IOException e) {
      manager.report(file, "cannot read " + ExtensionIndex.RESOURCE + ": " + Reasons.of(e));
      return List.of();
    }
  }

  private Object instantiate(PluginWrapper plugin, Path file, String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, plugin.getPluginClassLoader());
    } catch (ClassNotFoundException e) {
      manager.report(file, "extension " + className + " is listed in " + ExtensionIndex.RESOURCE + " but not in the plugin");
      return null;
    } catch (LinkageError e) {
      manager.report(file, "extension " + className + " cannot be loaded: " + Reasons.of(e));
      return null;
    }
    if (!AdapterProvider.class.isAssignableFrom(type) && !ActionProcessorProvider.class.isAssignableFrom(type)
        && !SinkProvider.class.isAssignableFrom(type)) {
      // An extension for some other host's extension point: not ours to create.
      LOG.fine(() -> "Ignoring extension " + className + " of plugin " + plugin.getPluginId()
          + ": not an Understudy provider");
      return null;
    }
    try {
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      manager.report(file, "extension " + className + " failed in its constructor: " + Reasons.of(e.getCause()));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      manager.report(file, "extension " + className + " could not be created: " + Reasons.of(e));
    }
    return null;
  }

  private <T> void register(PluginWrapper plugin, Path file, ComponentKind kind, String className, T provider,
      Function<T, String> nameOf, List<LoadedProvider<T>> into, List<ExtensionSummary> summaries) {
    String label = kindLabel(kind);
    String name;
    Set<Capability> capabilities = Set.of();
    try {
      name = nameOf.apply(provider);
      if (provider instanceof AdapterProvider adapter) {
        capabilities = Set.copyOf(adapter.capabilities());
      }
    } catch (RuntimeException | LinkageError e) {
      manager.report(file, label + " " + className + " failed to describe itself: " + Reasons.of(e));
      return;
    }
    if (!DescriptorFinder.hasText(name)) {
      manager.report(file, label + " " + className + " has no name");
      return;
    }
    String owner = owners.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(name, plugin.getPluginId());
    if (owner != null) {
      manager.report(file, label + " '" + name + "' is already provided by plugin '" + owner + "'; this one is left out");
      return;
    }
    into.add(new LoadedProvider<>(plugin.getPluginId(), plugin.getDescriptor().getVersion(), provider));
    summaries.add(new ExtensionSummary(kind, name, className, capabilities));
  }

  static String kindLabel(ComponentKind kind) {
    return switch (kind) {
      case COMPONENT_KIND_ADAPTER -> "adapter";
      case COMPONENT_KIND_PROCESSOR -> "processor";
      case COMPONENT_KIND_SINK -> "sink";
      default -> "extension";
    };
  }
}
