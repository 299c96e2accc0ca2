package dev.understudy.core.plugin;

import java.util.List;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: plugin-first, except for the packages the host and its plugins must share.
 *
 * <p>Why: an extension is handed to the runtime as an {@link dev.understudy.api.AdapterProvider}, and
 * its adapter emits {@link dev.understudy.proto.v1.Action}s into the runtime's queue. That only works
 * if the plugin's {@code AdapterProvider} and {@code Action} are the very {@code Class} objects the host
 * uses: the JVM identifies a class by its name <em>and</em> its defining loader, so a second copy
 * loaded by the plugin's loader is a different type. The provider would then not be assignable to the
 * host's interface (PF4J silently skips it), or an {@code Action} would fail with a
 * {@code ClassCastException} "Action cannot be cast to Action" at the first emit.
 *
 * <p>How: PF4J's {@link PluginClassLoader} already sends {@code java.*} to the platform and
 * {@code org.pf4j.*} to the parent, and loads everything else plugin-first
 * ({@link org.pf4j.ClassLoadingStrategy#PDA}: plugin, then its dependencies, then the application),
 * so a plugin may bundle its own versions of libraries the host also has. This loader widens the
 * parent-first set through {@link #shouldDelegateToParent} to {@value #API_PREFIX}, {@value #PROTO_PREFIX}
 * and {@value #PROTOBUF_PREFIX}: those names are always resolved by the host's loader, even when a plugin
 * jar wrongly bundles its own copy (the API and protobuf should be {@code provided} in the plugin's
 * build). Everything else, including the plugin's own classes and libraries, stays plugin-first.
 * Resources are not affected; the shared packages are looked up as classes only.
 */
final class SharedApiClassLoader extends PluginClassLoader {

  /** The extension points and the capture context. */
  static final String API_PREFIX = "dev.understudy.api.";

  /** The generated action schema. */
  static final String PROTO_PREFIX = "dev.understudy.proto.";

  /** The protobuf runtime the schema classes are built on. */
  static final String PROTOBUF_PREFIX = "com.google.protobuf.";

  private static final List<String> SHARED_PREFIXES = List.of(API_PREFIX, PROTO_PREFIX, PROTOBUF_PREFIX);

  SharedApiClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader parent) {
    super(pluginManager, descriptor, parent);
  }

  /** PF4J's own packages, and the Understudy API, schema and protobuf, come from the host. */
  @Override
  protected boolean shouldDelegateToParent(String className) {
    return isShared(className) || super.shouldDelegateToParent(className);
  }

  static boolean isShared(String className) {
    for (String prefix : SHARED_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
