package dev.understudy.core.plugin;

import java.nio.file.Path;
import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * Reads a plugin's descriptor from {@code META-INF/MANIFEST.MF}, else from {@code plugin.properties},
 * with PF4J's own readers. PF4J's compound finder reports a plugin with neither as "No
 * PluginDescriptorFinder for plugin"; this one says what was missing.
 */
final class DescriptorFinder implements PluginDescriptorFinder {

  private final PluginDescriptorFinder manifest = new ManifestPluginDescriptorFinder();
  private final PluginDescriptorFinder properties = new PropertiesPluginDescriptorFinder();

  @Override
  public boolean isApplicable(Path pluginPath) {
    return true;
  }

  @Override
  public PluginDescriptor find(Path pluginPath) {
    PluginDescriptor fromManifest = tryFind(manifest, pluginPath);
    if (fromManifest != null && hasText(fromManifest.getPluginId())) {
      return fromManifest;
    }
    PluginDescriptor fromProperties = tryFind(properties, pluginPath);
    if (fromProperties != null && hasText(fromProperties.getPluginId())) {
      return fromProperties;
    }
    throw new InvalidPluginDescriptorException(
        "no plugin descriptor: neither META-INF/MANIFEST.MF nor plugin.properties has a Plugin-Id");
  }

  private static PluginDescriptor tryFind(PluginDescriptorFinder finder, Path pluginPath) {
    try {
      return finder.isApplicable(pluginPath) ? finder.find(pluginPath) : null;
    } catch (RuntimeException e) {
      // A missing manifest or properties file is an ordinary "not here"; the caller reports the absence.
      return null;
    }
  }

  static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
