package dev.understudy.plugins.browser;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Capability;
import java.util.Set;

/**
 * The {@value #NAME} adapter: semantic actions from Chromium over the DevTools Protocol. It launches
 * Chromium with a fresh profile, or attaches to one started with remote debugging. Configuration keys
 * (under {@code adapter.browser.}): {@code headless} (default true), {@code start-url}, {@code attach}
 * ({@code http://127.0.0.1:9222} or a {@code ws://} URL), {@code chromium-path} (default
 * {@code /usr/bin/chromium}), {@code max-message-bytes} (default
 * {@value RecorderTranslator#DEFAULT_MAX_MESSAGE_BYTES}), {@code mask-values-hosts} (comma-separated host
 * globs where no field value is recorded).
 */
public final class BrowserAdapterProvider implements AdapterProvider {
  /** The adapter id: {@value}. */
  public static final String NAME = "browser";
  /**
   * Host patterns on which no field value is recorded: a setting under {@code adapter.browser.} that both ways in
   * (DevTools and the extension) read: {@value}.
   */
  public static final String MASK_VALUES_HOSTS = "mask-values-hosts";

  private volatile BrowserAdapter last;

  /** The provider (the {@link java.util.ServiceLoader} constructor). */
  public BrowserAdapterProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    // Clipboard text, file names, snapshots and screenshots are sent only when the policy allows them (and
    // observations only when configured); the runtime checks again.
    return Set.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT, Capability.CAPABILITY_TITLES,
        Capability.CAPABILITY_FILE_NAMES, Capability.CAPABILITY_CLIPBOARD_CONTENT, Capability.CAPABILITY_SNAPSHOTS,
        Capability.CAPABILITY_SCREENSHOTS);
  }

  @Override
  public Set<String> configKeys() {
    return BrowserConfig.KEYS;
  }

  @Override
  public Adapter create(PluginConfig config) {
    BrowserAdapter adapter = new BrowserAdapter(BrowserConfig.from(config));
    last = adapter;
    return adapter;
  }

  /** The adapter created last (tests reach the browser and the counters through it). */
  BrowserAdapter lastAdapter() {
    return last;
  }
}
