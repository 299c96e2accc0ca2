/**
 * The plugin host: loads PF4J plugin jars and zips from a directory, shares the Understudy API with
 * them through its class loaders, and hands out their adapter, processor and sink providers, reporting
 * every plugin that could not load instead of failing. Start at {@link dev.understudy.core.plugin.PluginHost}.
 */
package dev.understudy.core.plugin;
