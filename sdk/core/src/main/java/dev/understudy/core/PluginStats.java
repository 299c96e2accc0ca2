package dev.understudy.core;

/**
 * Counters of one component of a recording at one moment.
 *
 * @param name the component's name ("hello", "kafka")
 * @param kind "adapter", "processor" or "sink"
 * @param state where it stands
 * @param accepted adapters: actions queued; processors: actions seen; sinks: actions delivered
 * @param dropped actions lost on its account (queue full, its own reports, its failures)
 * @param errors exceptions and timeouts its code caused
 * @param lastError the last error's message, or empty
 */
public record PluginStats(
    String name, String kind, PluginState state, long accepted, long dropped, long errors, String lastError) {}
