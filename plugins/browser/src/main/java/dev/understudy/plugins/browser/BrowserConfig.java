package dev.understudy.plugins.browser;

import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.browser.cdp.ChromiumProcess;
import dev.understudy.plugins.browser.cdp.DevToolsEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The browser adapter's configuration, read and checked once: every mistake fails naming its key
 * ({@code adapter.browser.<key>}).
 *
 * @param headless run the launched Chromium without a window ({@value #HEADLESS}, default true)
 * @param startUrl the page the launched Chromium opens first ({@value #START_URL}), if any
 * @param attach a running browser to attach to instead of launching one ({@value #ATTACH}), if any
 * @param chromium the browser to launch ({@value #CHROMIUM_PATH}, default {@code /usr/bin/chromium})
 * @param maxMessageBytes the size limit for recorder messages ({@value #MAX_MESSAGE_BYTES})
 * @param maskValuesHosts host globs on which no field value is recorded ({@value #MASK_VALUES_HOSTS})
 * @param observations record a page snapshot and a screenshot with actions ({@value #OBSERVATIONS}, default
 *     false), as far as the policy allows ({@code snapshots}, {@code screenshots})
 * @param observationTriggers the actions that get an observation ({@value #OBSERVATION_TRIGGERS}: any of
 *     {@code click}, {@code submit}, {@code value}; default all three)
 * @param observationIntervalMs at most one observation per tab in this many milliseconds
 *     ({@value #OBSERVATION_INTERVAL_MS}, default {@value #DEFAULT_OBSERVATION_INTERVAL_MS})
 */
record BrowserConfig(boolean headless, Optional<URI> startUrl, Optional<String> attach, Path chromium,
    int maxMessageBytes, List<String> maskValuesHosts, boolean observations, Set<String> observationTriggers,
    int observationIntervalMs) {
  static final String PREFIX = "adapter.browser.";
  static final String HEADLESS = "headless";
  static final String START_URL = "start-url";
  static final String ATTACH = "attach";
  static final String CHROMIUM_PATH = "chromium-path";
  static final String MAX_MESSAGE_BYTES = "max-message-bytes";
  static final String MASK_VALUES_HOSTS = BrowserAdapterProvider.MASK_VALUES_HOSTS;
  static final String OBSERVATIONS = "observations";
  static final String OBSERVATION_TRIGGERS = "observation-triggers";
  static final String OBSERVATION_INTERVAL_MS = "observation-interval-ms";
  static final int DEFAULT_OBSERVATION_INTERVAL_MS = 500;
  /** The actions that can get an observation. */
  static final Set<String> TRIGGERS = Set.of("click", "submit", "value");
  /** Every key the adapter reads. */
  static final Set<String> KEYS = Set.of(HEADLESS, START_URL, ATTACH, CHROMIUM_PATH, MAX_MESSAGE_BYTES, MASK_VALUES_HOSTS,
      OBSERVATIONS, OBSERVATION_TRIGGERS, OBSERVATION_INTERVAL_MS);
  private static final int MAX_MESSAGE_BYTES_LIMIT = 16 * 1024 * 1024;

  BrowserConfig {
    maskValuesHosts = List.copyOf(maskValuesHosts);
    observationTriggers = Set.copyOf(observationTriggers);
  }

  static BrowserConfig from(PluginConfig config) {
    boolean headless = config.getBoolean(HEADLESS, true);
    Optional<String> attach = config.get(ATTACH).map(String::trim).filter(s -> !s.isEmpty());
    if (attach.isPresent()) {
      try {
        DevToolsEndpoint.parse(attach.get());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(PREFIX + ATTACH + ": " + e.getMessage());
      }
      for (String launchOnly : List.of(CHROMIUM_PATH, HEADLESS, START_URL)) {
        if (config.get(launchOnly).isPresent()) {
          throw new IllegalArgumentException(PREFIX + launchOnly + ": not used with " + PREFIX + ATTACH
              + " (the browser is already running); leave one of them out");
        }
      }
    }
    Optional<URI> startUrl = config.get(START_URL).map(String::trim).filter(s -> !s.isEmpty()).map(BrowserConfig::startUrl);
    Path chromium = config.get(CHROMIUM_PATH).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
        .orElse(ChromiumProcess.DEFAULT_EXECUTABLE);
    if (attach.isEmpty() && !Files.isExecutable(chromium)) {
      throw new IllegalArgumentException(config.get(CHROMIUM_PATH).isPresent()
          ? PREFIX + CHROMIUM_PATH + ": no executable at " + chromium
          : "Chromium not found at " + chromium + ": install it with 'apt-get install chromium' (Debian), or set "
              + PREFIX + CHROMIUM_PATH + ", or attach to a running browser with " + PREFIX + ATTACH);
    }
    int maxBytes = config.getInt(MAX_MESSAGE_BYTES, RecorderTranslator.DEFAULT_MAX_MESSAGE_BYTES);
    if (maxBytes < 1024 || maxBytes > MAX_MESSAGE_BYTES_LIMIT) {
      throw new IllegalArgumentException(PREFIX + MAX_MESSAGE_BYTES + ": expected 1024 to " + MAX_MESSAGE_BYTES_LIMIT + ", got " + maxBytes);
    }
    List<String> hosts = HostGlobs.parse(PREFIX + MASK_VALUES_HOSTS, config.get(MASK_VALUES_HOSTS, ""));
    boolean observations = config.getBoolean(OBSERVATIONS, false);
    Set<String> triggers = new TreeSet<>();
    for (String t : config.get(OBSERVATION_TRIGGERS, String.join(",", TRIGGERS)).split(",")) {
      String trigger = t.trim().toLowerCase(Locale.ROOT);
      if (trigger.isEmpty()) {
        continue;
      }
      if (!TRIGGERS.contains(trigger)) {
        throw new IllegalArgumentException(PREFIX + OBSERVATION_TRIGGERS + ": '" + trigger + "' is not one of click, submit, value");
      }
      triggers.add(trigger);
    }
    int interval = config.getInt(OBSERVATION_INTERVAL_MS, DEFAULT_OBSERVATION_INTERVAL_MS);
    if (interval < 0 || interval > 3_600_000) {
      throw new IllegalArgumentException(PREFIX + OBSERVATION_INTERVAL_MS + ": expected 0 to 3600000, got " + interval);
    }
    return new BrowserConfig(headless, startUrl, attach, chromium, maxBytes, hosts, observations, triggers, interval);
  }

  private static URI startUrl(String text) {
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREFIX + START_URL + ": '" + text + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!Set.of("http", "https", "file", "about").contains(scheme)) {
      throw new IllegalArgumentException(PREFIX + START_URL + ": '" + text + "' is not an http, https, file or about URL");
    }
    return uri;
  }
}
