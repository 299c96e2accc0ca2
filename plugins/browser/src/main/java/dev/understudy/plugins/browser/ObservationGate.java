package dev.understudy.plugins.browser;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which actions get an observation: those of the configured triggers, at most one per tab per
 * interval. Any thread.
 */
final class ObservationGate {
  private final Set<String> triggers;
  private final long intervalNanos;
  private final Map<String, Long> lastByTab = new ConcurrentHashMap<>();

  ObservationGate(Set<String> triggers, Duration interval) {
    this.triggers = Set.copyOf(triggers);
    this.intervalNanos = interval.toNanos();
  }

  /** The trigger name of an action ({@code click}, {@code submit}, {@code value}), or null for others. */
  static String trigger(Action a) {
    if (a.hasValueChange()) {
      return "value";
    }
    if (a.hasInvoke()) {
      InvokeMethod m = a.getInvoke().getMethod();
      if (m == InvokeMethod.INVOKE_METHOD_SUBMIT) {
        return "submit";
      }
      return m == InvokeMethod.INVOKE_METHOD_DROP ? null : "click";
    }
    return null;
  }

  /**
   * The trigger when this action of this tab gets an observation (and the tab's interval starts again),
   * else null.
   *
   * @param nowNanos {@link System#nanoTime()} now
   */
  String admit(Action action, String tabId, long nowNanos) {
    String trigger = trigger(action);
    if (tabId == null || trigger == null || !triggers.contains(trigger)) {
      return null;
    }
    boolean[] admitted = {false};
    lastByTab.compute(tabId, (id, last) -> {
      if (last != null && nowNanos - last < intervalNanos) {
        return last;
      }
      admitted[0] = true;
      return nowNanos;
    });
    return admitted[0] ? trigger : null;
  }
}
