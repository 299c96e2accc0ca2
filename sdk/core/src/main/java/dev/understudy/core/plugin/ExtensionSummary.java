package dev.understudy.core.plugin;

import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ComponentKind;
import java.util.Objects;
import java.util.Set;

/**
 * One extension a plugin provides, for listings such as the {@code plugins} command.
 *
 * @param kind adapter, processor or sink
 * @param name the provider's {@code name()}
 * @param className the extension class
 * @param capabilities what an adapter declared it emits; empty for processors and sinks
 */
public record ExtensionSummary(ComponentKind kind, String name, String className, Set<Capability> capabilities) {

  /** Checks every field and copies the capabilities. */
  public ExtensionSummary {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
    capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
  }
}
