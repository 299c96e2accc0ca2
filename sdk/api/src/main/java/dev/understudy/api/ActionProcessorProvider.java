package dev.understudy.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A factory for {@link ActionProcessor}s, discovered by PF4J or registered on the runtime builder.
 * Called on the runtime's control thread before the session starts; an exception from {@link #create}
 * is counted and the processor is left out.
 */
public interface ActionProcessorProvider extends ExtensionPoint {

  /** Stable processor id: "drop-scrolls". */
  String name();

  /** Configuration keys it understands (without the {@code processor.<name>.} prefix). */
  default Set<String> configKeys() {
    return Set.of();
  }

  /** Creates a processor for one session. */
  ActionProcessor create(PluginConfig config) throws Exception;
}
