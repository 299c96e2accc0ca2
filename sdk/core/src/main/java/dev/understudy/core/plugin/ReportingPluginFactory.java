package dev.understudy.core.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@code Plugin-Class}. PF4J's default factory logs a failure and returns
 * {@code null}, so the plugin fails later with a bare NullPointerException, and it lets an error from
 * a static initializer escape. This one throws a {@link PluginRuntimeException} naming the class and
 * the cause; PF4J then marks the plugin FAILED with that exception, and the host reports it.
 */
final class ReportingPluginFactory implements PluginFactory {

  @Override
  public Plugin create(PluginWrapper pluginWrapper) {
    String className = pluginWrapper.getDescriptor().getPluginClass();
    Class<?> pluginClass;
    try {
      pluginClass = pluginWrapper.getPluginClassLoader().loadClass(className);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PluginRuntimeException(e, "plugin class {} not found", className);
    }
    int modifiers = pluginClass.getModifiers();
    if (!Plugin.class.isAssignableFrom(pluginClass) || Modifier.isAbstract(modifiers) || pluginClass.isInterface()) {
      throw new PluginRuntimeException("plugin class {} is not a concrete subclass of {}", className, Plugin.class.getName());
    }
    try {
      return (Plugin) instantiate(pluginClass, pluginWrapper);
    } catch (InvocationTargetException e) {
      throw new PluginRuntimeException(e.getCause(), "plugin class {} failed", className);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new PluginRuntimeException(e, "plugin class {} could not be created", className);
    }
  }

  // PF4J supports a no-argument constructor and a (deprecated) PluginWrapper one; prefer the former.
  private static Object instantiate(Class<?> pluginClass, PluginWrapper wrapper) throws ReflectiveOperationException {
    Constructor<?> noArguments;
    try {
      noArguments = pluginClass.getConstructor();
    } catch (NoSuchMethodException e) {
      return pluginClass.getConstructor(PluginWrapper.class).newInstance(wrapper);
    }
    return noArguments.newInstance();
  }
}
