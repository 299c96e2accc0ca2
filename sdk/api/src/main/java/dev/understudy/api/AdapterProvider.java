package dev.understudy.api;

import dev.understudy.proto.v1.Capability;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A factory for {@link Adapter}s, discovered by PF4J ({@code @Extension}) or registered on the runtime
 * builder.
 *
 * <p>Threading: all methods are called on the runtime's control thread, before the session starts.
 * {@link #create} must return promptly; connecting to the application belongs in
 * {@link Adapter#start}. An exception from {@code create} is counted and the adapter is left out.
 */
public interface AdapterProvider extends ExtensionPoint {

  /** Stable adapter id, used in records, configuration keys and the CLI: "browser", "hello". */
  String name();

  /**
   * The kinds of data this adapter emits. The runtime enforces the declaration: an action that needs
   * a capability not declared here is refused, counted and recorded as a Gap.
   */
  Set<Capability> capabilities();

  /**
   * Configuration keys this adapter understands (without the {@code adapter.<name>.} prefix). The
   * runtime rejects any other key for this adapter with an error naming it.
   */
  default Set<String> configKeys() {
    return Set.of();
  }

  /** Creates an adapter for one session. */
  Adapter create(PluginConfig config) throws Exception;
}
