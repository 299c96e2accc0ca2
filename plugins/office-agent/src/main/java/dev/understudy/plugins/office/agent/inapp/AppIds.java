package dev.understudy.plugins.office.agent.inapp;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * The application id the agent stamps on events: the same string the X11 toolkit puts in the
 * WM_CLASS of the application's windows, so a policy that allows or denies an app by its WM_CLASS
 * treats the agent's actions and the window backend's alike. The toolkit's own value is read where
 * the agent may open the toolkit package (it holds {@link Instrumentation}); otherwise it is derived
 * the toolkit's way: the main class name with dots turned into dashes.
 */
final class AppIds {
  private AppIds() {}

  /** The toolkit's WM_CLASS for this application, or the derived name. Call after the toolkit started. */
  static String current(Instrumentation inst) {
    String fromToolkit = fromToolkit(inst);
    return fromToolkit != null ? fromToolkit : fromCommand(System.getProperty("sun.java.command", ""));
  }

  private static String fromToolkit(Instrumentation inst) {
    try {
      Class<?> toolkit = Class.forName("sun.awt.X11.XToolkit", false, ClassLoader.getSystemClassLoader());
      Module desktop = toolkit.getModule();
      Module mine = AppIds.class.getModule();
      if (inst != null && !desktop.isOpen("sun.awt.X11", mine)) {
        inst.redefineModule(desktop, Set.of(), Map.of(), Map.of("sun.awt.X11", Set.of(mine)), Set.of(), Map.of());
      }
      Field f = toolkit.getDeclaredField("awtAppClassName");
      f.setAccessible(true);
      Object value = f.get(null);
      return value instanceof String s && !s.isBlank() ? s : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The toolkit's rule applied to the command line: main class (or a jar's Main-Class), dots to dashes. */
  static String fromCommand(String command) {
    String first = command.strip().split("\\s+", 2)[0];
    if (first.endsWith(".jar")) {
      try (JarFile jar = new JarFile(Path.of(first).toFile())) {
        String main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Main-Class");
        if (main != null) {
          first = main.strip();
        }
      } catch (IOException e) {
        // Keep the jar's name.
      }
    }
    return first.isEmpty() ? "java" : first.replace('.', '-');
  }
}
