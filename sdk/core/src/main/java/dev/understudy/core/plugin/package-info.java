/**
 * The plugin host: checks each plugin archive's Ed25519 signature against trusted keys, unpacks zips
 * safely, loads PF4J plugin jars and zips from a directory, shares the Understudy API with them through
 * its class loaders, and hands out their adapter, processor and sink providers, reporting every
 * plugin that could not load (or was refused) instead of failing. Start at
 * {@link dev.understudy.core.plugin.PluginHost}; signing is {@link dev.understudy.core.plugin.PluginKeys}
 * and {@link dev.understudy.core.plugin.PluginSignature}.
 */
package dev.understudy.core.plugin;
