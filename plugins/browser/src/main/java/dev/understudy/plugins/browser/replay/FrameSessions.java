package dev.understudy.plugins.browser.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpEvent;
import dev.understudy.plugins.browser.cdp.CdpException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay tab's out-of-process (cross-origin) iframes: the browser attaches each to a flattened
 * DevTools session of its own (auto-attach on the tab and, for frames inside frames, on each frame), and
 * here each is a {@link PageHandle} found by its frame id, which is its target id.
 *
 * <p>Threading: attach events arrive on the connection's dispatch thread; {@link #get} from the replay's.
 */
final class FrameSessions {
  private final CdpConnection cdp;
  private final Duration timeout;
  private final Map<String, PageHandle> byFrameId = new ConcurrentHashMap<>();
  private final Map<String, String> frameIdBySession = new ConcurrentHashMap<>();

  FrameSessions(CdpConnection cdp, Duration timeout) {
    this.cdp = cdp;
    this.timeout = timeout;
  }

  /** Listens for frames and asks the tab's session to attach them; before the first navigation. */
  void attachFramesOf(String tabSession) throws CdpException {
    cdp.onEvent(this::onEvent);
    cdp.call("Target.setAutoAttach", autoAttach(), tabSession, timeout);
  }

  private com.fasterxml.jackson.databind.node.ObjectNode autoAttach() {
    return cdp.params().put("autoAttach", true).put("waitForDebuggerOnStart", false).put("flatten", true);
  }

  private void onEvent(CdpEvent e) {
    JsonNode p = e.params();
    switch (e.method()) {
      case "Target.attachedToTarget" -> {
        JsonNode info = p.path("targetInfo");
        String session = p.path("sessionId").asText();
        if (!info.path("type").asText().equals("iframe")) {
          cdp.send("Target.detachFromTarget", cdp.params().put("sessionId", session), e.sessionId());
          return;
        }
        String frameId = info.path("targetId").asText();
        for (String domain : new String[] {"Runtime", "DOM", "Accessibility"}) {
          cdp.send(domain + ".enable", cdp.params(), session);
        }
        cdp.send("Target.setAutoAttach", autoAttach(), session);
        frameIdBySession.put(session, frameId);
        byFrameId.put(frameId, new PageHandle(cdp, session, timeout));
      }
      case "Target.detachedFromTarget" -> {
        String frameId = frameIdBySession.remove(p.path("sessionId").asText());
        if (frameId != null) {
          byFrameId.remove(frameId);
        }
      }
      default -> { }
    }
  }

  /** The session of the out-of-process frame with this id, if the browser attached it. */
  Optional<PageHandle> get(String frameId) {
    return Optional.ofNullable(byFrameId.get(frameId));
  }

  /** The session of the out-of-process frame showing this URL now, if any. */
  Optional<PageHandle> byUrl(String url) {
    for (PageHandle frame : byFrameId.values()) {
      try {
        if (url.equals(frame.value("location.href").asText())) {
          return Optional.of(frame);
        }
      } catch (CdpException e) {
        // a frame going away: not the one
      }
    }
    return Optional.empty();
  }

  /** Frees the remote objects of the last action in every frame. */
  void release() {
    byFrameId.values().forEach(PageHandle::release);
  }
}
