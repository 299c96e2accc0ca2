package dev.understudy.plugins.browser;

import dev.understudy.api.Adapter;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.Policy;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpException;
import dev.understudy.plugins.browser.cdp.ChromiumProcess;
import dev.understudy.plugins.browser.cdp.DevToolsEndpoint;
import dev.understudy.proto.v1.Capability;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Records a Chromium over the DevTools Protocol: launches one with a fresh profile (or attaches to one
 * started with remote debugging), puts the recorder in every frame, and translates what it reports.
 * Threading: as {@link Adapter}.
 */
final class BrowserAdapter implements Adapter {
  private static final Logger LOG = Logger.getLogger(BrowserAdapter.class.getName());
  /** How long the recorder may take to be set up in the tabs there are. */
  static final Duration SETUP_TIMEOUT = Duration.ofSeconds(20);

  private final BrowserConfig config;
  private volatile ChromiumProcess chromium;
  private volatile CdpConnection cdp;
  private volatile DevToolsRecorder recorder;
  private volatile RecorderTranslator translator;
  private volatile URI webSocketUrl;
  private volatile PageObserver observer;

  BrowserAdapter(BrowserConfig config) {
    this.config = config;
  }

  @Override
  public void start(CaptureContext context) throws IOException, CdpException {
    Policy policy = context.policy();
    RecorderScript.Options options = new RecorderScript.Options(
        policy.allows(Capability.CAPABILITY_TEXT_CONTENT),
        policy.allows(Capability.CAPABILITY_CLIPBOARD_CONTENT),
        policy.allows(Capability.CAPABILITY_FILE_NAMES),
        config.maskValuesHosts());
    String script = RecorderScript.source(options);
    translator = new RecorderTranslator(context.emitter(), config.maxMessageBytes(),
        RecorderTranslator.Rules.of(policy, config.maskValuesHosts()));
    try {
      if (config.attach().isPresent()) {
        webSocketUrl = DevToolsEndpoint.resolve(config.attach().get());
      } else {
        chromium = ChromiumProcess.builder().executable(config.chromium()).headless(config.headless()).launch();
        webSocketUrl = chromium.webSocketUrl();
        LOG.fine(() -> "Chromium " + chromium.pid() + " listening on " + webSocketUrl);
      }
      cdp = CdpConnection.connect(webSocketUrl);
      recorder = new DevToolsRecorder(cdp, translator, script);
      // Observations are opt-in twice: configured on, and allowed by the policy per kind.
      boolean snapshots = config.observations() && policy.allows(Capability.CAPABILITY_SNAPSHOTS);
      boolean screenshots = config.observations() && policy.allows(Capability.CAPABILITY_SCREENSHOTS);
      if (snapshots || screenshots) {
        DevToolsRecorder r = recorder;
        observer = new PageObserver(cdp, context.emitter(), r::place, snapshots, screenshots,
            config.observationTriggers(), Duration.ofMillis(config.observationIntervalMs()), config.maskValuesHosts());
        translator.onEmitted(observer::actionEmitted);
      } else if (config.observations()) {
        LOG.info("adapter.browser.observations is on, but the policy allows neither snapshots nor screenshots: none are recorded");
      }
      recorder.start(SETUP_TIMEOUT);
      if (config.attach().isEmpty() && config.startUrl().isPresent()) {
        recorder.open(config.startUrl().get().toString());
      }
    } catch (IOException | CdpException | RuntimeException e) {
      stop();
      throw e;
    }
  }

  @Override
  public void stop() {
    PageObserver o = observer;
    if (translator != null) {
      translator.onEmitted(null);
    }
    if (o != null) {
      o.close();
      observer = null;
    }
    DevToolsRecorder r = recorder;
    if (r != null && cdp != null && !cdp.isClosed()) {
      r.stop(config.attach().isPresent());
      r.close();
    }
    recorder = null;
    if (cdp != null) {
      cdp.close();
      cdp = null;
    }
    if (chromium != null) {
      chromium.close();
      chromium = null;
    }
  }

  /** The browser's DevTools endpoint while recording (tests drive the browser through it). */
  URI webSocketUrl() {
    return webSocketUrl;
  }

  /** The page observer while recording, when observations are on and allowed. */
  PageObserver observer() {
    return observer;
  }

  /** The translator while recording, for its counters. */
  RecorderTranslator translator() {
    return translator;
  }
}
