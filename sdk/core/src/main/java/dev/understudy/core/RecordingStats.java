package dev.understudy.core;

import java.util.List;

/**
 * Counters of a recording at one moment.
 *
 * @param sessionId the session, as text
 * @param written actions written to the store (not counting session records and gaps)
 * @param lost actions lost before they were written (each loss is also in a Gap record)
 * @param filtered actions dropped on purpose (policy, a processor returning null)
 * @param storeErrors failed writes or commits to the store
 * @param acknowledgedSeq the highest seq the store has acknowledged
 * @param queued actions waiting in the emit queue
 * @param plugins each adapter, processor, sink and subscriber
 */
public record RecordingStats(
    String sessionId,
    long written,
    long lost,
    long filtered,
    long storeErrors,
    long acknowledgedSeq,
    int queued,
    List<PluginStats> plugins) {}
