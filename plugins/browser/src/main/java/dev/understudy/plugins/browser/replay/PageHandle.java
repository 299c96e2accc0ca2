package dev.understudy.plugins.browser.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpException;
import java.time.Duration;

/**
 * One tab through a DevTools session: evaluating in its main world, calling functions on remote objects,
 * and trusted input. Remote objects live in one object group that {@link #release} frees after each action.
 */
final class PageHandle {
  static final String GROUP = "understudy-replay";

  private final CdpConnection cdp;
  private final String session;
  private final Duration timeout;

  PageHandle(CdpConnection cdp, String session, Duration timeout) {
    this.cdp = cdp;
    this.session = session;
    this.timeout = timeout;
  }

  CdpConnection cdp() {
    return cdp;
  }

  JsonNode call(String method, ObjectNode params) throws CdpException {
    return cdp.call(method, params, session, timeout);
  }

  ObjectNode params() {
    return cdp.params();
  }

  /** Evaluates an expression in the main world and returns its JSON value. */
  JsonNode value(String expression) throws CdpException {
    return check(call("Runtime.evaluate", params().put("expression", expression).put("returnByValue", true)
        .put("awaitPromise", true))).path("value");
  }

  /** Evaluates an expression in the main world and returns the remote object id of its result ("" for null). */
  String object(String expression) throws CdpException {
    return check(call("Runtime.evaluate", params().put("expression", expression).put("objectGroup", GROUP)))
        .path("objectId").asText("");
  }

  /** Calls {@code function(...args)} with {@code this} bound to a remote object, returning its JSON value. */
  JsonNode callValue(String objectId, String function, Object... args) throws CdpException {
    return check(call("Runtime.callFunctionOn", callParams(objectId, function, args).put("returnByValue", true))).path("value");
  }

  /** Calls a function on a remote object, returning the remote object id of the result ("" for null/undefined). */
  String callObject(String objectId, String function, Object... args) throws CdpException {
    return check(call("Runtime.callFunctionOn", callParams(objectId, function, args))).path("objectId").asText("");
  }

  private ObjectNode callParams(String objectId, String function, Object... args) {
    ObjectNode p = params().put("objectId", objectId).put("functionDeclaration", function).put("objectGroup", GROUP)
        .put("awaitPromise", true);
    ArrayNode arguments = p.putArray("arguments");
    for (Object a : args) {
      arguments.addObject().set("value", cdp.json().valueToTree(a));
    }
    return p;
  }

  private static JsonNode check(JsonNode r) throws CdpException {
    if (r.has("exceptionDetails")) {
      JsonNode ex = r.path("exceptionDetails");
      throw new CdpException("page threw: " + ex.path("exception").path("description").asText(ex.path("text").asText()));
    }
    return r.path("result");
  }

  /** Frees the remote objects of the last action. */
  void release() {
    try {
      call("Runtime.releaseObjectGroup", params().put("objectGroup", GROUP));
    } catch (CdpException e) {
      // the page may have navigated away, taking its objects with it
    }
  }

  /** A trusted mouse event in the tab's viewport. */
  void mouse(String type, double x, double y, String button, int clicks) throws CdpException {
    call("Input.dispatchMouseEvent", params().put("type", type).put("x", x).put("y", y).put("button", button)
        .put("clickCount", clicks));
  }

  /** A trusted key press: down (with text for Enter) and up. */
  void key(String key, int code, int modifiers) throws CdpException {
    boolean enter = key.equals("Enter") && modifiers == 0;
    ObjectNode down = params().put("type", enter ? "keyDown" : "rawKeyDown").put("key", key)
        .put("windowsVirtualKeyCode", code).put("nativeVirtualKeyCode", code).put("modifiers", modifiers);
    if (enter) {
      down.put("text", "\r").put("unmodifiedText", "\r");
    }
    call("Input.dispatchKeyEvent", down);
    call("Input.dispatchKeyEvent", params().put("type", "keyUp").put("key", key).put("windowsVirtualKeyCode", code)
        .put("nativeVirtualKeyCode", code).put("modifiers", modifiers));
  }

  /** Text as the keyboard's input method would commit it (trusted input events). */
  void insertText(String text) throws CdpException {
    call("Input.insertText", params().put("text", text));
  }
}
