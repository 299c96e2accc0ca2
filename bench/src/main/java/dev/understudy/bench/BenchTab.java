package dev.understudy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.understudy.plugins.browser.Driver;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's own DevTools session on a browser's first tab: the browser tests' {@link Driver} (attaching,
 * navigation, evaluation) plus the page's {@code Performance.getMetrics} counters and the task's trusted input
 * ({@code Input.*}: clicks that scroll their element into view first, wheel turns, typing key by key).
 */
final class BenchTab implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Driver driver;
  private final CdpConnection cdp;
  private final String session;

  private BenchTab(Driver driver) {
    this.driver = driver;
    this.cdp = driver.cdp();
    this.session = driver.session();
  }

  /** Attaches to the first tab, with the Runtime, Page and Performance domains enabled. */
  static BenchTab firstTab(URI webSocketUrl) throws CdpException {
    Driver driver = Driver.firstTab(webSocketUrl);
    try {
      BenchTab tab = new BenchTab(driver);
      for (String domain : new String[] {"Page.enable", "Performance.enable"}) {
        tab.call(domain, tab.cdp.params());
      }
      return tab;
    } catch (CdpException | RuntimeException e) {
      driver.close();
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
    driver.navigate(url);
  }

  /** Evaluates an expression in the page's main world and returns its value. */
  JsonNode eval(String expression) throws CdpException {
    return driver.eval(expression);
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
    driver.close();
  }
}
