package dev.understudy.plugins.office.uno;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.ProtectionDomain;

/**
 * Defines the bridge package together with LibreOffice's Java UNO classes: the bridge classes are read
 * from this plugin's own class loader (as bytes, whatever that loader is: the CLI's shaded jar, a PF4J
 * plugin, a test class path) and defined here, so that they link against the {@code com.sun.star}
 * classes of the LibreOffice installed on the machine. Everything else (the API, protobuf, the shared
 * types of this package) comes from the parent, so both sides see the same {@link UnoBridge}.
 *
 * <p>Child-first for {@value #BRIDGE_PACKAGE} and the UNO packages, parent-first for the rest.
 * Thread-safe (parallel capable).
 */
final class BridgeLoader extends URLClassLoader {
  /** The package defined here rather than by the parent. */
  static final String BRIDGE_PACKAGE = "dev.understudy.plugins.office.uno.bridge.";
  private static final String[] UNO_PACKAGES = {"com.sun.star.", "org.libreoffice."};

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader home;
  private final ProtectionDomain domain;

  /**
   * @param officeJars LibreOffice's jars ({@code libreoffice.jar}, or jurt, ridl, juh and unoil)
   * @param home the loader that holds this plugin's classes
   */
  BridgeLoader(URL[] officeJars, ClassLoader home) {
    super("understudy-uno-bridge", officeJars, home);
    this.home = home;
    this.domain = BridgeLoader.class.getProtectionDomain();
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        if (name.startsWith(BRIDGE_PACKAGE)) {
          c = defineFromHome(name);
        } else if (isUno(name)) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = super.loadClass(name, false);
          }
        } else {
          return super.loadClass(name, resolve);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private static boolean isUno(String name) {
    for (String p : UNO_PACKAGES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private Class<?> defineFromHome(String name) throws ClassNotFoundException {
    String resource = name.replace('.', '/') + ".class";
    try (InputStream in = home.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassNotFoundException(name + " (not found in the plugin's class loader)");
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length, domain);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  /** Creates an instance of a bridge class through its public no-argument constructor. */
  <T> T create(String simpleName, Class<T> as) throws ReflectiveOperationException {
    Class<?> c = loadClass(BRIDGE_PACKAGE + simpleName);
    return as.cast(c.getConstructor().newInstance());
  }
}
