package dev.understudy.plugins.office;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.a11y.Snapshots;
import dev.understudy.plugins.office.agent.AgentBackend;
import dev.understudy.plugins.office.atspi.AtspiBackend;
import dev.understudy.plugins.office.windows.JabBackend;
import dev.understudy.plugins.office.x11.X11Backend;
import dev.understudy.proto.v1.Capability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The {@value #NAME} adapter. {@code adapter.office.backends} lists the backends to run, comma-separated
 * (default {@value #DEFAULT_BACKENDS}). {@code adapter.office.snapshots=true} adds accessibility-tree
 * observations to the desktop backends' actions where the policy allows {@code SNAPSHOTS} (off by default).
 */
public final class OfficeAdapterProvider implements AdapterProvider {
  /** The adapter id: {@code office}. */
  public static final String NAME = "office";
  /** The backends run when {@code adapter.office.backends} is not set. */
  public static final String DEFAULT_BACKENDS = "uno";

  /** Every key the adapter and its backends read, under {@code adapter.office.}. */
  static final Set<String> CONFIG_KEYS = keys();

  private final Backends backends;

  private static Set<String> keys() {
    Set<String> keys = new java.util.TreeSet<>(Set.of("backends", Snapshots.KEY));
    keys.addAll(AgentBackend.CONFIG_KEYS);
    keys.addAll(X11Backend.CONFIG_KEYS);
    keys.addAll(AtspiBackend.CONFIG_KEYS);
    keys.addAll(JabBackend.CONFIG_KEYS);
    return Set.copyOf(keys);
  }

  /** The provider with the standard backends (the {@link java.util.ServiceLoader} constructor). */
  public OfficeAdapterProvider() {
    this(Backends.standard());
  }

  OfficeAdapterProvider(Backends backends) {
    this.backends = backends;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT,
        Capability.CAPABILITY_TITLES, Capability.CAPABILITY_FILE_NAMES, Capability.CAPABILITY_SNAPSHOTS);
  }

  @Override
  public Set<String> configKeys() {
    Set<String> keys = new java.util.TreeSet<>(CONFIG_KEYS);
    keys.addAll(backends.configKeys());
    return keys;
  }

  @Override
  public Adapter create(PluginConfig config) {
    List<Backend> chosen = new ArrayList<>();
    for (String name : Arrays.asList(config.get("backends", DEFAULT_BACKENDS).split(","))) {
      if (!name.isBlank()) {
        chosen.add(backends.create(name.trim(), config));
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("adapter.office.backends: name at least one backend");
    }
    return new OfficeAdapter(chosen);
  }
}
