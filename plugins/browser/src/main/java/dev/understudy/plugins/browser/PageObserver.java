package dev.understudy.plugins.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.understudy.api.ActionEmitter;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpException;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Observation;
import dev.understudy.proto.v1.ObservationKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records what the page looked like when the person acted: after a click, submit or value change (as
 * configured), a cleaned HTML snapshot ({@code OBSERVATION_KIND_DOM_SNAPSHOT}, needs the {@code snapshots}
 * capability) and a PNG screenshot with the secure fields blacked out ({@code OBSERVATION_KIND_SCREENSHOT},
 * needs {@code screenshots}), each its own action with the triggering action's time and source.
 *
 * <p>The snapshot is asked of the tab's recorder in its isolated world ({@code snapshot()} in
 * recorder/src/snapshot.ts) with {@code Runtime.evaluate}, not sent as a recorder message: it may be far
 * larger than the message limit, and only the Java side knows whether it is wanted. The screenshot is
 * masked in Java with the secure fields' bounds taken both before and after the capture (a field that
 * moved in between is covered in both places); when the bounds cannot be had, no screenshot is stored.
 *
 * <p>On a site whose values are masked ({@code mask-values-hosts}) nothing is observed at all, neither
 * snapshot nor screenshot: a page's text is its values there, and no cleaning or blacking out in the page
 * can be trusted to find them all. The Java side decides this itself, whatever the page's recorder does:
 * from the triggering action (the tab's URL, the frame's URL, the translator's masked mark), and again from
 * the URLs of every frame in the tab ({@code Page.getFrameTree}) just before the snapshot and just after the
 * screenshot. Each observation left out for this is counted ({@link #maskedCount()}).
 *
 * <p>Threading: {@link #actionEmitted} runs on the translator's thread and never blocks; the work runs on
 * one thread of its own, at most {@value #QUEUE} observations waiting (more are dropped and counted).
 */
final class PageObserver implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PageObserver.class.getName());
  /** Longest snapshot, in characters; the rest is cut. */
  static final int MAX_HTML_CHARS = 512 * 1024;
  private static final int QUEUE = 4;
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
  private static final String SNAPSHOT =
      "(() => { const r = globalThis.__understudyRecorder; return r && r.snapshot ? r.snapshot(%d) : null; })()";

  /**
   * Where to reach a tab's recorder: the page's session and the main frame's isolated world; and the
   * sessions of all the tab's targets (the page and its out-of-process iframes, whose frames the page's
   * own frame tree does not show).
   */
  record Place(String sessionId, int contextId, List<String> targetSessionIds) {
    Place {
      targetSessionIds = List.copyOf(targetSessionIds);
    }
  }

  /** Finds the place of a tab by its target id, or null when its recorder is not (yet) there. */
  interface Places {
    Place find(String tabId);
  }

  private final CdpConnection cdp;
  private final ActionEmitter emitter;
  private final Places places;
  private final boolean snapshots;
  private final boolean screenshots;
  private final ObservationGate gate;
  private final ThreadPoolExecutor worker;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong masked = new AtomicLong();
  private final List<String> maskValuesHosts;

  PageObserver(CdpConnection cdp, ActionEmitter emitter, Places places, boolean snapshots, boolean screenshots,
      Set<String> triggers, Duration interval, List<String> maskValuesHosts) {
    this.maskValuesHosts = List.copyOf(maskValuesHosts);
    this.cdp = Objects.requireNonNull(cdp, "cdp");
    this.emitter = Objects.requireNonNull(emitter, "emitter");
    this.places = Objects.requireNonNull(places, "places");
    this.snapshots = snapshots;
    this.screenshots = screenshots;
    this.gate = new ObservationGate(triggers, interval);
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "understudy-browser-observer");
      t.setDaemon(true);
      return t;
    });
  }

  /** An action of this tab was emitted: observe the page if it is a trigger and the tab's interval has passed. */
  void actionEmitted(Action action, TabContext tab) {
    if (ObservationGate.trigger(action) != null && MaskedSites.action(maskValuesHosts, action, tab)) {
      masked.incrementAndGet();
      return;
    }
    String trigger = gate.admit(action, tab == null ? null : tab.id(), System.nanoTime());
    if (trigger == null) {
      return;
    }
    try {
      worker.execute(() -> observe(action, tab, trigger));
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
    }
  }

  /** Observations dropped because the worker was busy or the page could not be observed. */
  long droppedCount() {
    return dropped.get();
  }

  /** Observations not taken because the page, or one of its frames, is on a masked site. */
  long maskedCount() {
    return masked.get();
  }

  /** Observation records handed to the runtime. */
  long storedCount() {
    return stored.get();
  }

  private void observe(Action action, TabContext tab, String trigger) {
    Place place = places.find(tab.id());
    if (place == null) {
      dropped.incrementAndGet();
      return;
    }
    try {
      if (framesOnMaskedSite(tab.id())) {
        masked.incrementAndGet();
        return;
      }
      JsonNode snap = evaluate(place, snapshots ? MAX_HTML_CHARS : 0);
      if (snap == null) {
        dropped.incrementAndGet();
        return;
      }
      byte[] png = null;
      if (screenshots) {
        JsonNode shot = cdp.call("Page.captureScreenshot",
            cdp.params().put("format", "png").put("captureBeyondViewport", false), place.sessionId(), STEP_TIMEOUT);
        byte[] raw = Base64.getDecoder().decode(shot.path("data").asText(""));
        JsonNode after = evaluate(place, 0);
        if (after == null) {
          // Without the bounds after the capture, the mask may miss a field that moved: store nothing.
          dropped.incrementAndGet();
          return;
        }
        List<ScreenshotMask.Rect> rects = new ArrayList<>(rects(snap));
        rects.addAll(rects(after));
        png = ScreenshotMask.blackOut(raw, rects, after.path("viewport").path("width").asDouble(0));
      }
      if (framesOnMaskedSite(tab.id())) {
        // The page, or one of its frames, went to a masked site while it was observed: keep nothing.
        masked.incrementAndGet();
        return;
      }
      if (snapshots) {
        emit(action, trigger, Observation.newBuilder().setObservationKind(ObservationKind.OBSERVATION_KIND_DOM_SNAPSHOT)
            .setMediaType("text/html").setText(snap.path("html").asText("")), snap.path("truncated").asBoolean(false));
      }
      if (png != null) {
        emit(action, trigger, Observation.newBuilder().setObservationKind(ObservationKind.OBSERVATION_KIND_SCREENSHOT)
            .setMediaType("image/png").setData(ByteString.copyFrom(png)), false);
      }
    } catch (CdpException | IOException | RuntimeException e) {
      // The tab navigated or closed meanwhile: this observation is not taken; the action itself is stored.
      dropped.incrementAndGet();
      LOG.log(Level.FINE, "page observation not taken", e);
    }
  }

  /**
   * Whether any frame of the tab is on a masked site now, in the page's target or any of its
   * out-of-process iframes' (looked up again: frames come and go); a frame tree that cannot be read
   * counts as masked, and a tab no longer there too (the observation is then left out, never taken blind).
   */
  private boolean framesOnMaskedSite(String tabId) throws CdpException {
    if (maskValuesHosts.isEmpty()) {
      return false;
    }
    Place place = places.find(tabId);
    if (place == null) {
      return true;
    }
    for (String session : place.targetSessionIds()) {
      if (MaskedSites.frameTree(maskValuesHosts, cdp.call("Page.getFrameTree", cdp.params(), session, STEP_TIMEOUT).get("frameTree"))) {
        return true;
      }
    }
    return false;
  }

  private JsonNode evaluate(Place place, int maxChars) throws CdpException {
    JsonNode r = cdp.call("Runtime.evaluate", cdp.params().put("expression", String.format(SNAPSHOT, maxChars))
        .put("contextId", place.contextId()).put("returnByValue", true), place.sessionId(), STEP_TIMEOUT);
    if (r.has("exceptionDetails")) {
      throw new CdpException("snapshot failed: " + r.path("exceptionDetails").path("text").asText());
    }
    JsonNode value = r.path("result").path("value");
    return value.isObject() ? value : null;
  }

  private static List<ScreenshotMask.Rect> rects(JsonNode snap) {
    List<ScreenshotMask.Rect> out = new ArrayList<>();
    for (JsonNode r : snap.path("secure")) {
      out.add(new ScreenshotMask.Rect(r.path("x").asDouble(), r.path("y").asDouble(), r.path("width").asDouble(), r.path("height").asDouble()));
    }
    return out;
  }

  private void emit(Action trigger, String triggerName, Observation.Builder observation, boolean truncated) {
    Action.Builder a = Action.newBuilder().setTimeUnixNano(trigger.getTimeUnixNano()).setSource(trigger.getSource())
        .setObservation(observation)
        .addAttributes(attribute("browser.transport", DevToolsRecorder.TRANSPORT))
        .addAttributes(attribute("browser.observation.trigger", triggerName));
    if (truncated) {
      a.addAttributes(attribute("browser.observation.truncated", "true"));
    }
    emitter.emit(a.build());
    stored.incrementAndGet();
  }

  private static Attribute attribute(String key, String value) {
    return Attribute.newBuilder().setKey(key).setValue(value).build();
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
