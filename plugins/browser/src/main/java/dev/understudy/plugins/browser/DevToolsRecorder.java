package dev.understudy.plugins.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpEvent;
import dev.understudy.plugins.browser.cdp.CdpException;
import dev.understudy.proto.v1.NavigationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts the recorder into every frame of every tab of one browser over the DevTools Protocol, and hands
 * what it reports to the translator.
 *
 * <p>The browser session auto-attaches to every page (flattened sessions, paused until set up); each page
 * and each out-of-process iframe gets, without waiting between steps ({@code Page.enable} does not
 * answer while the target is paused): {@code Runtime.enable}, {@code Page.enable}, a binding visible only
 * in the isolated world {@value #WORLD}, the recorder as a script for every new document of that world
 * (and at once in the documents already there), auto-attach for its own iframes, and then it is resumed.
 * Page scripts cannot see the binding or the recorder.
 *
 * <p>Threading: events arrive on the connection's dispatch thread; {@link #start} and {@link #close} run
 * on the adapter's thread.
 */
final class DevToolsRecorder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DevToolsRecorder.class.getName());
  /** The isolated world the recorder runs in. */
  static final String WORLD = "understudy";
  /** The binding the recorder calls (recorder/src/cdp.ts). */
  static final String BINDING = "__understudy";
  /** The transport name in records and counters. */
  static final String TRANSPORT = "cdp";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
  /** Stops the recorder (it sends what it held back) and removes the binding (removeBinding leaves the function). */
  private static final String STOP_RECORDER =
      "(() => { const r = globalThis.__understudyRecorder; if (r) r.stop(); delete globalThis." + BINDING + "; return !!r; })()";

  private static final String DOCUMENT_STARTED =
      "globalThis.__understudyRecorder && globalThis.__understudyRecorder.documentStarted"
          + " && globalThis.__understudyRecorder.documentStarted()";

  private final CdpConnection cdp;
  private final RecorderTranslator translator;
  private final String script;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, Tab> tabs = new ConcurrentHashMap<>();
  private final Set<String> popupOpeners = ConcurrentHashMap.newKeySet();

  /** A page or iframe target the recorder is in. */
  private static final class Session {
    final String id;
    final Tab tab;
    final boolean page;
    /** The recorder's isolated worlds: execution context id to frame id. */
    final Map<Integer, String> worlds = new ConcurrentHashMap<>();
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    volatile String scriptId;

    Session(String id, Tab tab, boolean page) {
      this.id = id;
      this.tab = tab;
      this.page = page;
    }
  }

  /** A tab: its title and URL as the browser reports them. */
  private static final class Tab {
    final String targetId;
    volatile String title;
    volatile String url;

    Tab(String targetId, String title, String url) {
      this.targetId = targetId;
      this.title = title;
      this.url = url;
    }

    TabContext context() {
      return new TabContext(targetId, title, url);
    }
  }

  DevToolsRecorder(CdpConnection cdp, RecorderTranslator translator, String script) {
    this.cdp = Objects.requireNonNull(cdp, "cdp");
    this.translator = Objects.requireNonNull(translator, "translator");
    this.script = Objects.requireNonNull(script, "script");
  }

  /** Attaches to every tab there is and every tab opened later; returns once the tabs there are record. */
  void start(Duration timeout) throws CdpException {
    cdp.onEvent(this::onEvent);
    cdp.call("Target.setDiscoverTargets", cdp.params().put("discover", true), null, STEP_TIMEOUT);
    int pages = 0;
    for (JsonNode info : cdp.call("Target.getTargets", cdp.params(), null, STEP_TIMEOUT).path("targetInfos")) {
      if (info.path("type").asText().equals("page")) {
        pages++;
      }
    }
    cdp.call("Target.setAutoAttach", autoAttach(true), null, STEP_TIMEOUT);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (readyPages() < pages) {
      if (System.nanoTime() > deadline) {
        throw new CdpException("the recorder was not set up in " + pages + " tab(s) within " + timeout.toMillis() + " ms");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CdpException("interrupted while setting up the recorder", e);
      }
    }
  }

  /**
   * Where the recorder of a tab's top frame is reached, with the sessions of all the tab's targets (its
   * page and its out-of-process iframes), or null when it is not there (yet).
   */
  PageObserver.Place place(String tabId) {
    for (Session s : sessions.values()) {
      if (s.page && s.tab.targetId.equals(tabId)) {
        // A page target's main frame has the target's id.
        for (Map.Entry<Integer, String> w : s.worlds.entrySet()) {
          if (w.getValue().equals(tabId)) {
            return new PageObserver.Place(s.id, w.getKey(),
                sessions.values().stream().filter(f -> f.tab == s.tab).map(f -> f.id).toList());
          }
        }
      }
    }
    return null;
  }

  private long readyPages() {
    return sessions.values().stream().filter(s -> s.page && s.ready.isDone()).count();
  }

  /** Opens a URL in the first tab, as if typed. */
  void open(String url) throws CdpException {
    Session first = sessions.values().stream().filter(s -> s.page).findFirst()
        .orElseThrow(() -> new CdpException("no tab to open " + url + " in"));
    translator.expectNavigation(first.tab.targetId, NavigationType.NAVIGATION_TYPE_TYPED);
    cdp.call("Page.navigate", cdp.params().put("url", url).put("transitionType", "typed"), first.id, STEP_TIMEOUT);
  }

  /**
   * Stops the recorder in every frame, so what it held back (a value being typed) is sent, and waits
   * until those messages are translated.
   *
   * @param detach also remove the recorder from future documents and detach (for a browser that goes on)
   */
  void stop(boolean detach) {
    List<CompletableFuture<JsonNode>> stopping = new ArrayList<>();
    for (Session s : sessions.values()) {
      for (int context : s.worlds.keySet()) {
        stopping.add(cdp.send("Runtime.evaluate", cdp.params().put("expression", STOP_RECORDER).put("contextId", context), s.id));
      }
    }
    awaitQuietly(stopping);
    cdp.awaitEventsHandled(STEP_TIMEOUT);
    if (!detach) {
      return;
    }
    List<CompletableFuture<JsonNode>> undo = new ArrayList<>();
    undo.add(cdp.send("Target.setAutoAttach", autoAttach(false), null));
    for (Session s : sessions.values()) {
      if (s.scriptId != null) {
        undo.add(cdp.send("Page.removeScriptToEvaluateOnNewDocument", cdp.params().put("identifier", s.scriptId), s.id));
      }
      undo.add(cdp.send("Runtime.removeBinding", cdp.params().put("name", BINDING), s.id));
    }
    awaitQuietly(undo);
    List<CompletableFuture<JsonNode>> detaching = new ArrayList<>();
    for (Session s : sessions.values()) {
      if (s.page) {
        detaching.add(cdp.send("Target.detachFromTarget", cdp.params().put("sessionId", s.id), null));
      }
    }
    awaitQuietly(detaching);
  }

  @Override
  public void close() {
    cdp.onEvent(e -> {});
  }

  private static void awaitQuietly(List<CompletableFuture<JsonNode>> futures) {
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // Best effort: a tab that closed meanwhile cannot answer, and the browser goes on either way.
      LOG.log(Level.FINE, "a target did not answer while the recorder stopped", e);
    }
  }

  private ObjectNode autoAttach(boolean on) {
    return cdp.params().put("autoAttach", on).put("waitForDebuggerOnStart", on).put("flatten", true);
  }

  private void onEvent(CdpEvent e) {
    JsonNode p = e.params();
    switch (e.method()) {
      case "Runtime.bindingCalled" -> {
        if (BINDING.equals(p.path("name").asText())) {
          Session s = e.sessionId() == null ? null : sessions.get(e.sessionId());
          acceptBatch(p.path("payload").asText(null), s == null ? null : s.tab.context());
        }
      }
      case "Target.attachedToTarget" -> attached(p, e.sessionId());
      case "Target.detachedFromTarget" -> sessions.remove(p.path("sessionId").asText());
      case "Target.targetInfoChanged" -> {
        JsonNode info = p.path("targetInfo");
        Tab tab = tabs.get(info.path("targetId").asText());
        if (tab != null) {
          tab.title = info.path("title").asText("");
          tab.url = info.path("url").asText("");
        }
      }
      case "Target.targetDestroyed" -> tabs.remove(p.path("targetId").asText());
      case "Runtime.executionContextCreated" -> {
        JsonNode context = p.path("context");
        Session s = e.sessionId() == null ? null : sessions.get(e.sessionId());
        if (s != null && WORLD.equals(context.path("name").asText())) {
          s.worlds.put(context.path("id").asInt(), context.path("auxData").path("frameId").asText(""));
        }
      }
      case "Runtime.executionContextDestroyed" -> {
        Session s = e.sessionId() == null ? null : sessions.get(e.sessionId());
        if (s != null) {
          s.worlds.remove(p.path("executionContextId").asInt());
        }
      }
      case "Runtime.executionContextsCleared" -> {
        Session s = e.sessionId() == null ? null : sessions.get(e.sessionId());
        if (s != null) {
          s.worlds.clear();
        }
      }
      case "Page.frameNavigated" -> {
        // A document that replaces a frame's initial about:blank keeps its window and world, and no
        // new-document script runs for it: tell the recorder already there.
        Session s = e.sessionId() == null ? null : sessions.get(e.sessionId());
        String frameId = p.path("frame").path("id").asText();
        if (s != null) {
          s.worlds.forEach((context, frame) -> {
            if (frame.equals(frameId)) {
              cdp.send("Runtime.evaluate", cdp.params().put("expression", DOCUMENT_STARTED).put("contextId", context), s.id);
            }
          });
        }
      }
      case "Page.windowOpen" -> {
        Session s = e.sessionId() == null ? null : sessions.get(e.sessionId());
        if (s != null && isPopup(p.path("windowFeatures"))) {
          popupOpeners.add(s.tab.targetId);
        }
      }
      default -> { }
    }
  }

  /** A window opened with a size or as a popup; a plain new tab has only the default features. */
  private static boolean isPopup(JsonNode features) {
    for (JsonNode f : features) {
      String feature = f.asText();
      if (feature.startsWith("width=") || feature.startsWith("height=") || feature.equals("popup") || feature.startsWith("popup=")) {
        return true;
      }
    }
    return false;
  }

  private void attached(JsonNode p, String parentSession) {
    String sessionId = p.path("sessionId").asText();
    JsonNode info = p.path("targetInfo");
    String type = info.path("type").asText();
    boolean waiting = p.path("waitingForDebugger").asBoolean(false);
    Session session;
    if (type.equals("page")) {
      String targetId = info.path("targetId").asText();
      Tab tab = tabs.computeIfAbsent(targetId, id -> new Tab(id, info.path("title").asText(""), info.path("url").asText("")));
      String opener = info.path("openerId").asText("");
      if (!opener.isEmpty()) {
        translator.expectNavigation(targetId, popupOpeners.remove(opener)
            ? NavigationType.NAVIGATION_TYPE_POPUP : NavigationType.NAVIGATION_TYPE_NEW_TAB);
      }
      session = new Session(sessionId, tab, true);
    } else if (type.equals("iframe")) {
      Session parent = parentSession == null ? null : sessions.get(parentSession);
      Tab tab = parent != null ? parent.tab : new Tab(info.path("targetId").asText(), "", info.path("url").asText(""));
      session = new Session(sessionId, tab, false);
    } else {
      // Workers and the like: let them run, and leave them alone.
      if (waiting) {
        cdp.send("Runtime.runIfWaitingForDebugger", cdp.params(), sessionId);
      }
      cdp.send("Target.detachFromTarget", cdp.params().put("sessionId", sessionId), parentSession);
      return;
    }
    sessions.put(sessionId, session);
    setUp(session, waiting);
  }

  /**
   * One binding call of the recorder: one message, or several sent in one call, one JSON text a line (cdp.ts
   * batches the messages of one page task). Each line is checked and counted on its own by the translator.
   */
  private void acceptBatch(String payload, TabContext tab) {
    if (payload == null || payload.indexOf('\n') < 0) {
      translator.accept(TRANSPORT, payload, tab);
      return;
    }
    int from = 0;
    while (from <= payload.length()) {
      int end = payload.indexOf('\n', from);
      if (end < 0) {
        end = payload.length();
      }
      translator.accept(TRANSPORT, payload.substring(from, end), tab);
      from = end + 1;
    }
  }

  /** Sends every step at once: a paused target answers none of them until it is resumed. */
  private void setUp(Session s, boolean waiting) {
    List<CompletableFuture<JsonNode>> steps = new ArrayList<>();
    steps.add(cdp.send("Runtime.enable", cdp.params(), s.id));
    steps.add(cdp.send("Page.enable", cdp.params(), s.id));
    steps.add(cdp.send("Runtime.addBinding", cdp.params().put("name", BINDING).put("executionContextName", WORLD), s.id));
    CompletableFuture<JsonNode> script = cdp.send("Page.addScriptToEvaluateOnNewDocument",
        cdp.params().put("source", this.script).put("worldName", WORLD).put("runImmediately", true), s.id);
    script.thenAccept(r -> s.scriptId = r.path("identifier").asText(null));
    steps.add(script);
    steps.add(cdp.send("Target.setAutoAttach", autoAttach(true), s.id));
    if (waiting) {
      steps.add(cdp.send("Runtime.runIfWaitingForDebugger", cdp.params(), s.id));
    }
    CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).whenComplete((r, error) -> {
      if (error != null) {
        // A target that closed while being set up: nothing was recorded in it yet, nothing is lost.
        LOG.log(Level.FINE, "recorder setup failed in a " + (s.page ? "tab" : "frame"), error);
      }
      s.ready.complete(null);
    });
  }
}
