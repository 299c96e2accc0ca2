package dev.understudy.cli;

import dev.understudy.api.AdapterProvider;
import dev.understudy.core.plugin.LoadedProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Adapters that ship inside the command-line tool (the browser and office adapters, for example), found
 * through {@link ServiceLoader} entries {@code META-INF/services/dev.understudy.api.AdapterProvider} on the
 * tool's own class path. They are not loaded from the plugins directory, so they need no signature; a
 * plugin in the plugins directory with the same name takes precedence. They are used only when named
 * with {@code --adapter}, because they start applications of their own.
 */
final class BuiltInAdapters {
  /** The plugin id recorded for an adapter whose jar names no {@code Implementation-Title}. */
  static final String DEFAULT_PLUGIN_ID = "understudy-builtin";

  private BuiltInAdapters() {}

  /** Every built-in adapter, in class-path order. */
  static List<LoadedProvider<AdapterProvider>> all() {
    List<LoadedProvider<AdapterProvider>> found = new ArrayList<>();
    for (AdapterProvider provider : ServiceLoader.load(AdapterProvider.class, BuiltInAdapters.class.getClassLoader())) {
      Package p = provider.getClass().getPackage();
      String id = p == null || p.getImplementationTitle() == null ? DEFAULT_PLUGIN_ID : p.getImplementationTitle();
      String version = p == null || p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion();
      found.add(new LoadedProvider<>(id, version, provider));
    }
    return found;
  }

  /** The built-in adapter with this {@code name()}, if there is one. */
  static Optional<LoadedProvider<AdapterProvider>> find(String name) {
    return all().stream().filter(a -> a.provider().name().equals(name)).findFirst();
  }

  /** The names of the built-in adapters, for error messages and listings. */
  static List<String> names() {
    return all().stream().map(a -> a.provider().name()).toList();
  }
}
