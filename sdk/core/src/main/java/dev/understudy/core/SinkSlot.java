package dev.understudy.core;

import dev.understudy.api.Sink;
import dev.understudy.proto.v1.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One sink (or live subscriber) with its own bounded queue and delivery thread, so that a slow or hung
 * sink only ever loses its own deliveries — counted — and never holds up the store or other sinks.
 *
 * <p>Threading: {@link #offer} is called by the pipeline thread and never blocks; {@link Sink#accept} runs
 * on this slot's delivery thread only.
 */
final class SinkSlot {

  private static final Logger logger = Logger.getLogger(SinkSlot.class.getName());
  private static final int MAX_BATCH = 512;

  final String name;
  final String pluginId;
  final String version;
  private final Sink sink;
  private final BlockingQueue<Action> queue;
  private final Thread thread;
  private volatile boolean closing;
  private volatile PluginState state = PluginState.RUNNING;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<String> lastError = new AtomicReference<>("");
  private volatile boolean loggedError;

  SinkSlot(String name, String pluginId, String version, Sink sink, int capacity) {
    this.name = name;
    this.pluginId = pluginId;
    this.version = version;
    this.sink = sink;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::deliver, "understudy-sink-" + name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues a stored action for delivery; drops and counts it when this sink is behind. */
  void offer(Action action) {
    if (!queue.offer(action)) {
      dropped.increment();
    }
  }

  private void deliver() {
    List<Action> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        Action first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing && queue.isEmpty()) {
            break;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        try {
          sink.accept(List.copyOf(batch));
          delivered.add(batch.size());
        } catch (Throwable e) {
          recordError(e);
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      sink.close();
    } catch (Throwable e) {
      recordError(e);
    }
    if (state == PluginState.RUNNING) {
      state = PluginState.STOPPED;
    }
  }

  private void recordError(Throwable e) {
    errors.increment();
    lastError.set(String.valueOf(e));
    if (!loggedError) {
      loggedError = true;
      logger.log(Level.WARNING, "sink '" + name + "' failed; further errors are only counted", e);
    }
  }

  /**
   * Delivers what is queued, closes the sink, and waits for that up to the timeout. A sink that does
   * not finish in time is left behind (its thread is a daemon) and marked timed out; what it still
   * held counts as dropped.
   */
  void close(long timeoutMillis) {
    closing = true;
    try {
      thread.join(timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      state = PluginState.TIMED_OUT;
      errors.increment();
      lastError.set("did not finish within " + timeoutMillis + " ms");
      dropped.add(queue.size());
      queue.clear();
    }
  }

  PluginStats stats() {
    return new PluginStats(name, "sink", state, delivered.sum(), dropped.sum(), errors.sum(), lastError.get());
  }
}
