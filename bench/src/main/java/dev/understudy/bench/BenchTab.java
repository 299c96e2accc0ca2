package dev.understudy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's own DevTools session on a browser's first tab: trusted input ({@code Input.*}),
 * navigation, evaluation and the page's {@code Performance.getMetrics} counters.
 */
final class BenchTab implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CdpConnection cdp;
  private final String session;

  private BenchTab(CdpConnection cdp, String session) {
    this.cdp = cdp;
    this.session = session;
  }

  /** Attaches to the first tab, with the Runtime, Page and Performance domains enabled. */
  static BenchTab firstTab(URI webSocketUrl) throws CdpException {
    CdpConnection cdp = CdpConnection.connect(webSocketUrl);
    try {
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
      BenchTab tab = new BenchTab(cdp, session);
      for (String domain : new String[] {"Runtime.enable", "Page.enable", "Performance.enable"}) {
        cdp.call(domain, cdp.params(), session, TIMEOUT);
      }
      return tab;
    } catch (CdpException | RuntimeException e) {
      cdp.close();
      throw e;
    }
  }

  CdpConnection cdp() {
    return cdp;
  }

  String session() {
    return session;
  }

  JsonNode call(String method, ObjectNode params) throws CdpException {
    return cdp.call(method, params, session, TIMEOUT);
  }

  /** Navigates and waits until the document has loaded. */
  void navigate(String url) throws Exception {
    call("Page.navigate", cdp.params().put("url", url));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      JsonNode state = eval("[document.readyState, location.href]");
      if (state.path(0).asText().equals("complete") && state.path(1).asText().equals(url)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("page " + url + " did not load; the tab shows " + state);
      }
      Thread.sleep(20);
    }
  }

  /** Evaluates an expression in the page's main world and returns its value. */
  JsonNode eval(String expression) throws CdpException {
    JsonNode r = call("Runtime.evaluate", cdp.params().put("expression", expression).put("returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new CdpException("page threw: " + r.path("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** The page's Performance.getMetrics counters by name (durations in seconds). */
  Map<String, Double> metrics() throws CdpException {
    Map<String, Double> out = new HashMap<>();
    for (JsonNode m : call("Performance.getMetrics", cdp.params()).path("metrics")) {
      out.put(m.path("name").asText(), m.path("value").asDouble());
    }
    return out;
  }

  /** Clicks the middle of an element, scrolling it into view first when it is outside the viewport. */
  void click(String selector) throws Exception {
    JsonNode at = eval("(() => { const el = document.querySelector(" + quote(selector) + ");"
        + " if (!el) throw new Error('no element ' + " + quote(selector) + ");"
        + " let r = el.getBoundingClientRect(); if (r.bottom > innerHeight || r.top < 0) el.scrollIntoView({block: 'center'});"
        + " r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
    double x = at.path(0).asDouble();
    double y = at.path(1).asDouble();
    mouse("mouseMoved", x, y, 0, "none");
    mouse("mousePressed", x, y, 1, "left");
    mouse("mouseReleased", x, y, 1, "left");
  }

  /** Turns the mouse wheel in the middle of the viewport. */
  void wheel(int deltaY) throws CdpException {
    call("Input.dispatchMouseEvent", cdp.params().put("type", "mouseWheel").put("x", 400).put("y", 300)
        .put("deltaX", 0).put("deltaY", deltaY));
  }

  /** Types text key by key, as trusted key events. */
  void type(String text) throws CdpException {
    for (int i = 0; i < text.length(); i++) {
      String ch = String.valueOf(text.charAt(i));
      call("Input.dispatchKeyEvent", cdp.params().put("type", "keyDown").put("key", ch).put("text", ch).put("unmodifiedText", ch));
      call("Input.dispatchKeyEvent", cdp.params().put("type", "keyUp").put("key", ch));
    }
  }

  private void mouse(String type, double x, double y, int clicks, String button) throws CdpException {
    call("Input.dispatchMouseEvent", cdp.params().put("type", type).put("x", x).put("y", y).put("button", button).put("clickCount", clicks));
  }

  static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Override
  public void close() {
    cdp.close();
  }
}
