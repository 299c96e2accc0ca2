package dev.understudy.plugins.browser.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.browser.cdp.CdpException;

/**
 * A node as replay reaches it: its remote object in the DevTools session that holds it (the tab's, or an
 * out-of-process frame's), and where that session's viewport starts in the tab's. The root locators are looked
 * for in, and the element they found.
 */
record RemoteNode(PageHandle handle, String objectId, double dx, double dy) {
  /** Calls a function with the node as {@code this}; returns the result's value. */
  JsonNode call(String function, Object... args) throws CdpException {
    return handle.callValue(objectId, function, args);
  }

  /** The same place in the same session, another node. */
  RemoteNode with(String otherObjectId) {
    return new RemoteNode(handle, otherObjectId, dx, dy);
  }
}
