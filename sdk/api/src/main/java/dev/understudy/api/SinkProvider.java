package dev.understudy.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A factory for {@link Sink}s, discovered by PF4J or registered on the runtime builder. Called on the
 * runtime's control thread before the session starts; an exception from {@link #create} is counted and
 * the sink is left out.
 */
public interface SinkProvider extends ExtensionPoint {

  /** Stable sink id: "kafka". */
  String name();

  /** Configuration keys it understands (without the {@code sink.<name>.} prefix). */
  default Set<String> configKeys() {
    return Set.of();
  }

  /** Creates a sink for one session. */
  Sink create(PluginConfig config) throws Exception;
}
