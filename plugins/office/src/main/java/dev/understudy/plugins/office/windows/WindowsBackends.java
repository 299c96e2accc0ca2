package dev.understudy.plugins.office.windows;

import com.sun.jna.Platform;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.a11y.EventPump;
import dev.understudy.proto.v1.Action;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/** What the two Windows backends share: their configuration, the platform check, and their pump's translator. */
final class WindowsBackends {
  /** Key: the event queue's capacity. */
  static final String QUEUE_KEY = "windows.queue";
  /** Default queue capacity: {@value} events. */
  static final int DEFAULT_QUEUE = 4096;
  /** A typing pause that ends a field's run: {@value} ms. */
  static final long TEXT_IDLE_MILLIS = 1000;
  /** Every key the Windows backends read. */
  static final Set<String> CONFIG_KEYS = Set.of(QUEUE_KEY);

  private WindowsBackends() {}

  /** The queue capacity, failing naming the key. */
  static int capacity(PluginConfig config) {
    int capacity = config.getInt(QUEUE_KEY, DEFAULT_QUEUE);
    if (capacity < 16) {
      throw new IllegalArgumentException("adapter.office." + QUEUE_KEY + ": expected at least 16 events, got " + capacity);
    }
    return capacity;
  }

  /** Fails unless this is Windows. */
  static void requireWindows(String backend, String what) throws BackendException {
    if (!Platform.isWindows()) {
      throw new BackendException("the " + backend + " backend records " + what + " on Windows only; this is "
          + System.getProperty("os.name") + " (use the atspi, agent and x11 backends here)");
    }
  }

  /** A pump translator over an API translator's three operations. */
  static EventPump.Translator<NativeEvent> translator(Function<NativeEvent, List<Action>> accept,
      LongFunction<List<Action>> idle, Supplier<List<Action>> finish) {
    return new EventPump.Translator<>() {
      @Override
      public List<Action> accept(NativeEvent event) {
        return accept.apply(event);
      }

      @Override
      public List<Action> idle(long nowUnixNanos) {
        return idle.apply(nowUnixNanos);
      }

      @Override
      public List<Action> finish() {
        return finish.get();
      }
    };
  }
}
