package dev.understudy.plugins.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives one tab the way a person would, through a DevTools connection of its own: trusted mouse and key
 * input ({@code Input.*}), navigation, and reading the page. Selectors: a CSS selector in the page;
 * {@code host >>> inner} to go into a shadow root; {@code iframe |> inner} to go into a frame (same or
 * cross origin). Public for bench/ (through this module's test jar), whose page-cost benchmark drives a tab too.
 */
public final class Driver implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Map<String, int[]> KEYS = Map.of(
      "Enter", new int[] {13}, "Tab", new int[] {9}, "Escape", new int[] {27}, "Backspace", new int[] {8});
  /** Modifier bits of Input.dispatchKeyEvent. */
  static final int ALT = 1;
  static final int CTRL = 2;
  static final int META = 4;
  static final int SHIFT = 8;

  private final CdpConnection cdp;
  private final String session;
  /** Out-of-process frames this driver is attached to: target id to session id. */
  private final Map<String, String> frameTargets = new ConcurrentHashMap<>();
  /** The same, by the frame's URL once known. */
  private final Map<String, String> frameSessions = new ConcurrentHashMap<>();
  private volatile java.util.concurrent.CompletableFuture<JsonNode> dragData = new java.util.concurrent.CompletableFuture<>();

  private Driver(CdpConnection cdp, String session) {
    this.cdp = cdp;
    this.session = session;
  }

  /** Attaches to the browser's first tab. */
  public static Driver firstTab(URI webSocketUrl) throws CdpException {
    CdpConnection cdp = CdpConnection.connect(webSocketUrl);
    String targetId = null;
    for (JsonNode t : cdp.call("Target.getTargets", cdp.params(), null, TIMEOUT).path("targetInfos")) {
      if (t.path("type").asText().equals("page")) {
        targetId = t.path("targetId").asText();
        break;
      }
    }
    if (targetId == null) {
      throw new CdpException("the browser has no tab");
    }
    String session = cdp.call("Target.attachToTarget", cdp.params().put("targetId", targetId).put("flatten", true), null, TIMEOUT)
        .path("sessionId").asText();
    Driver d = new Driver(cdp, session);
    cdp.onEvent(e -> {
      if (e.method().equals("Input.dragIntercepted")) {
        d.dragData.complete(e.params().path("data"));
      }
      if (e.method().equals("Target.attachedToTarget") && e.params().path("targetInfo").path("type").asText().equals("iframe")) {
        String frameSession = e.params().path("sessionId").asText();
        d.frameTargets.put(e.params().path("targetInfo").path("targetId").asText(), frameSession);
        // Frames inside this frame that are out of its process attach to its session.
        cdp.send("Target.setAutoAttach", autoAttach(cdp), frameSession);
      }
    });
    cdp.call("Runtime.enable", cdp.params(), session, TIMEOUT);
    cdp.call("Target.setAutoAttach", autoAttach(cdp), session, TIMEOUT);
    return d;
  }

  /** Out-of-process frames attach to the session that asks, flattened, and run at once. */
  private static ObjectNode autoAttach(CdpConnection cdp) {
    return cdp.params().put("autoAttach", true).put("waitForDebuggerOnStart", false).put("flatten", true);
  }

  public CdpConnection cdp() {
    return cdp;
  }

  public String session() {
    return session;
  }

  /** Navigates and waits until the page has loaded. */
  public void navigate(String url) throws Exception {
    cdp.call("Page.navigate", cdp.params().put("url", url), session, TIMEOUT);
    awaitLoaded(url);
  }

  /** Waits until the tab shows this URL, loaded. */
  void awaitLoaded(String url) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      JsonNode state;
      try {
        state = eval("[document.readyState, location.href]");
      } catch (CdpException e) {
        // The tab navigated while the expression ran ("Inspected target navigated or closed"): look again.
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
        continue;
      }
      if (state.path(0).asText().equals("complete") && state.path(1).asText().equals(url)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("page " + url + " did not load; the tab shows " + state);
      }
      Thread.sleep(20);
    }
  }

  /** Evaluates an expression in the page's main world and returns its value. */
  public JsonNode eval(String expression) throws CdpException {
    return eval(expression, session);
  }

  private JsonNode eval(String expression, String target) throws CdpException {
    JsonNode r = cdp.call("Runtime.evaluate", cdp.params().put("expression", expression).put("returnByValue", true)
        .put("awaitPromise", true), target, TIMEOUT);
    if (r.has("exceptionDetails")) {
      throw new CdpException("page threw: " + r.path("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Clicks the middle of an element. */
  void click(String selector) throws Exception {
    click(selector, 1);
  }

  /** Clicks (or double-clicks) the middle of an element. */
  void click(String selector, int clicks) throws Exception {
    double[] at = center(selector);
    mouse("mouseMoved", at, 0, "none");
    for (int i = 1; i <= clicks; i++) {
      mouse("mousePressed", at, i, "left");
      mouse("mouseReleased", at, i, "left");
    }
  }

  /** Right-clicks the middle of an element. */
  void contextClick(String selector) throws Exception {
    double[] at = center(selector);
    mouse("mousePressed", at, 1, "right");
    mouse("mouseReleased", at, 1, "right");
  }

  /** Turns the mouse wheel over an element. */
  void wheel(String selector, int deltaY) throws Exception {
    double[] at = center(selector);
    ObjectNode p = cdp.params().put("type", "mouseWheel").put("x", at[0]).put("y", at[1]).put("deltaX", 0).put("deltaY", deltaY);
    cdp.call("Input.dispatchMouseEvent", p, session, TIMEOUT);
  }

  private void mouse(String type, double[] at, int clicks, String button) throws CdpException {
    ObjectNode p = cdp.params().put("type", type).put("x", at[0]).put("y", at[1]).put("button", button).put("clickCount", clicks);
    cdp.call("Input.dispatchMouseEvent", p, session, TIMEOUT);
  }

  /** Drags one element onto another with the mouse, as trusted drag and drop events. */
  void drag(String from, String to) throws Exception {
    double[] start = center(from);
    double[] end = center(to);
    dragData = new java.util.concurrent.CompletableFuture<>();
    cdp.call("Input.setInterceptDrags", cdp.params().put("enabled", true), session, TIMEOUT);
    mouse("mouseMoved", start, 0, "none");
    mouse("mousePressed", start, 1, "left");
    mouse("mouseMoved", new double[] {start[0] + 10, start[1] + 10}, 0, "left");
    mouse("mouseMoved", end, 0, "left");
    JsonNode data = dragData.get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    for (String type : new String[] {"dragEnter", "dragOver", "drop"}) {
      ObjectNode p = cdp.params().put("type", type).put("x", end[0]).put("y", end[1]);
      p.set("data", data);
      cdp.call("Input.dispatchDragEvent", p, session, TIMEOUT);
    }
    mouse("mouseReleased", end, 1, "left");
    cdp.call("Input.setInterceptDrags", cdp.params().put("enabled", false), session, TIMEOUT);
  }

  /** Types text key by key, as trusted key events. */
  void type(String text) throws CdpException {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      i += Character.charCount(cp);
      cdp.call("Input.dispatchKeyEvent", cdp.params().put("type", "keyDown").put("key", ch).put("text", ch).put("unmodifiedText", ch), session, TIMEOUT);
      cdp.call("Input.dispatchKeyEvent", cdp.params().put("type", "keyUp").put("key", ch), session, TIMEOUT);
    }
  }

  /** Presses a named key (Enter, Tab, Escape, Backspace) or a letter, with modifier bits, and editing commands. */
  void press(String key, int modifiers, String... commands) throws CdpException {
    int code = KEYS.containsKey(key) ? KEYS.get(key)[0] : Character.toUpperCase(key.charAt(0));
    ObjectNode down = cdp.params().put("type", key.equals("Enter") && modifiers == 0 ? "keyDown" : "rawKeyDown")
        .put("key", key).put("windowsVirtualKeyCode", code).put("nativeVirtualKeyCode", code).put("modifiers", modifiers)
        .put("code", KEYS.containsKey(key) ? key : "Key" + Character.toUpperCase(key.charAt(0)));
    if (key.equals("Enter") && modifiers == 0) {
      down.put("text", "\r").put("unmodifiedText", "\r");
    }
    if (commands.length > 0) {
      down.putArray("commands").addAll(java.util.Arrays.stream(commands).map(c -> cdp.json().getNodeFactory().textNode(c)).toList());
    }
    cdp.call("Input.dispatchKeyEvent", down, session, TIMEOUT);
    cdp.call("Input.dispatchKeyEvent", cdp.params().put("type", "keyUp").put("key", key).put("windowsVirtualKeyCode", code)
        .put("modifiers", modifiers), session, TIMEOUT);
  }

  /** Chooses files in a file input (as the file chooser would). */
  void chooseFiles(String selector, String... paths) throws CdpException {
    JsonNode doc = cdp.call("DOM.getDocument", cdp.params(), session, TIMEOUT);
    int node = cdp.call("DOM.querySelector", cdp.params().put("nodeId", doc.path("root").path("nodeId").asInt()).put("selector", selector),
        session, TIMEOUT).path("nodeId").asInt();
    ObjectNode p = cdp.params().put("nodeId", node);
    java.util.Arrays.stream(paths).forEach(f -> p.withArray("files").add(f));
    cdp.call("DOM.setFileInputFiles", p, session, TIMEOUT);
  }

  /** The middle of an element in the tab's viewport, scrolled into view if needed. */
  double[] center(String selector) throws Exception {
    return centerIn(selector, session, true);
  }

  /**
   * The middle of an element relative to the viewport of the document a session shows: {@code frame |> rest} goes into
   * a frame (a cross-origin one through its own session, as {@link #awaitFrame} found it), as often as it occurs.
   */
  private double[] centerIn(String selector, String in, boolean scroll) throws Exception {
    String[] frameParts = selector.split("\\s*\\|>\\s*", 2);
    if (frameParts.length == 1) {
      JsonNode r = eval(rectOf(selector, scroll), in);
      return new double[] {r.path(0).asDouble(), r.path(1).asDouble()};
    }
    JsonNode frame = eval("(() => { const f = document.querySelector(" + quote(frameParts[0]) + "); const r = f.getBoundingClientRect();"
        + " return [r.x + f.clientLeft, r.y + f.clientTop, f.src]; })()", in);
    String src = frame.path(2).asText();
    String target = frameSessions.get(src);
    double[] inner;
    if (target != null) {
      inner = centerIn(frameParts[1], target, false);
    } else {
      JsonNode r = eval("(() => { const d = document.querySelector(" + quote(frameParts[0]) + ").contentDocument; const el = d.querySelector("
          + quote(frameParts[1]) + "); const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()", in);
      inner = new double[] {r.path(0).asDouble(), r.path(1).asDouble()};
    }
    return new double[] {frame.path(0).asDouble() + inner[0], frame.path(1).asDouble() + inner[1]};
  }

  /**
   * Waits until the driver sees the cross-origin frame with this URL and its document has loaded: input
   * sent earlier can land in the document the frame had before (its initial one), which the loaded one
   * then replaces, so what a test does there would be lost with it.
   */
  void awaitFrame(String url) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!frameSessions.containsKey(url)) {
      for (JsonNode t : cdp.call("Target.getTargets", cdp.params(), null, TIMEOUT).path("targetInfos")) {
        String session = frameTargets.get(t.path("targetId").asText());
        if (session != null && !t.path("url").asText().isEmpty()) {
          frameSessions.put(t.path("url").asText(), session);
        }
      }
      if (frameSessions.containsKey(url)) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no frame " + url + "; frames: " + frameSessions.keySet());
      }
      Thread.sleep(20);
    }
    String loaded = "document.readyState === 'complete' && location.href === " + quote(url);
    while (!eval(loaded, frameSessions.get(url)).asBoolean(false)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the frame " + url + " did not finish loading");
      }
      Thread.sleep(20);
    }
  }

  private static String rectOf(String selector, boolean scroll) {
    String[] parts = selector.split("\\s*>>>\\s*");
    StringBuilder find = new StringBuilder("let el = document.querySelector(" + quote(parts[0]) + ");");
    for (int i = 1; i < parts.length; i++) {
      find.append(" el = el.shadowRoot.querySelector(").append(quote(parts[i])).append(");");
    }
    return "(() => { " + find + " if (!el) throw new Error('no element " + selector.replace("'", "") + "');"
        + (scroll ? " let r = el.getBoundingClientRect(); if (r.bottom > innerHeight || r.top < 0) el.scrollIntoView({block: 'center'});" : "")
        + " const b = el.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()";
  }

  static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Override
  public void close() {
    cdp.close();
  }
}
