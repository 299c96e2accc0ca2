package dev.understudy.plugins.browser.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.browser.cdp.CdpException;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds a recorded target in the live page from its locators alone: first the document (or shadow root) the
 * {@code frame_path} locator leads to (a cross-origin frame's document in that frame's own session), then the candidates in order of recorded uniqueness (count 1 first;
 * on a tie test id, role and name, label, CSS, XPath, text), taking the first that matches exactly one
 * element now, else the first that matches any. Recorded counts may be capped (attribute {@code browser.count.cap}:
 * a count at the cap means at least that many): only "1" and "more than 1" matter to this order, which a cap of 2
 * or more keeps apart.
 */
final class ElementResolver {

  /** Finds elements in a root (document or shadow root) by one locator kind; runs in the page. */
  private static final String FIND = """
      function(kind, value, attr) {
        const root = this;
        const doc = root.ownerDocument || root;
        const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
        const out = new Set();
        if (kind === 'css') {
          root.querySelectorAll(value).forEach((e) => out.add(e));
        } else if (kind === 'test_id') {
          root.querySelectorAll('[' + attr + ']').forEach((e) => { if (e.getAttribute(attr) === value) out.add(e); });
        } else if (kind === 'xpath') {
          const r = doc.evaluate(value, root, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
          for (let i = 0; i < r.snapshotLength; i++) out.add(r.snapshotItem(i));
        } else if (kind === 'label') {
          root.querySelectorAll('label').forEach((l) => {
            if (l.control && norm(l.innerText || l.textContent) === norm(value)) out.add(l.control);
          });
          if (out.size === 0) {
            root.querySelectorAll('input,select,textarea').forEach((e) => {
              const t = Array.from(e.labels || []).map((l) => norm(l.innerText || l.textContent)).join(' ');
              if (t && t === norm(value)) out.add(e);
            });
          }
        } else if (kind === 'text') {
          root.querySelectorAll('a,button,summary,label,option,[role],[onclick],[tabindex],input[type=button],input[type=submit]')
            .forEach((e) => { if (norm(e.innerText || e.value) === norm(value)) out.add(e); });
        }
        return Array.from(out);
      }""";

  /** The element's root for the next frame step: {@code frame=} enters an iframe's document, {@code shadow=} a shadow root. */
  private static final String STEP = """
      function(kind, css) {
        const found = this.querySelectorAll(css);
        if (found.length === 0) throw new Error('no ' + kind + ' ' + css);
        const el = found[0];
        if (kind === 'frame') {
          if (el.contentDocument) return el.contentDocument;
          if (!el.contentWindow) throw new Error('no frame in ' + css);
          return el; // cross-origin: the frame's own session has its document
        }
        if (!el.shadowRoot) throw new Error('no open shadow root on ' + css);
        return el.shadowRoot;
      }""";

  /**
   * Where an iframe's content starts in the tab's viewport, through same-origin frames, after scrolling it
   * into view: its box plus its border.
   */
  private static final String FRAME_ORIGIN = """
      function() {
        this.scrollIntoView({block: 'center', inline: 'center'});
        let x = 0, y = 0, f = this;
        while (f) {
          const r = f.getBoundingClientRect();
          x += r.x + f.clientLeft; y += r.y + f.clientTop;
          const w = f.ownerDocument.defaultView;
          f = w && w.frameElement;
        }
        return [x, y];
      }""";

  private final PageHandle page;
  private final FrameSessions frames;

  ElementResolver(PageHandle page, FrameSessions frames) {
    this.page = page;
    this.frames = frames;
  }

  /** What resolving found: the element (null, or "" as its object id, when none), the locator and its count now. */
  record Resolution(RemoteNode element, String locator, int matches, String detail) {
    static Resolution none(String detail) {
      return new Resolution(null, "", 0, detail);
    }

    boolean found() {
      return element != null && !element.objectId().isEmpty();
    }
  }

  /** A way to find the element, with the count it had when recorded. */
  private record Candidate(String kind, String value, int recordedCount, int rank) {
    String describe() {
      return kind.equals("role") ? value : kind + "=" + value;
    }
  }

  Resolution resolve(Target target, String testIdAttribute) throws CdpException {
    RemoteNode root = root(target);
    List<Candidate> candidates = candidates(target);
    String firstMatch = "";
    Candidate firstCandidate = null;
    int firstCount = 0;
    List<String> tried = new ArrayList<>();
    for (Candidate c : candidates) {
      Found found;
      try {
        found = find(root, c, testIdAttribute);
      } catch (CdpException e) {
        tried.add(c.describe() + ": " + e.getMessage());
        continue;
      }
      tried.add(c.describe() + " (" + found.count + ")");
      if (found.count == 1) {
        return new Resolution(root.with(found.first), c.describe(), 1, "");
      }
      if (found.count > 1 && firstCandidate == null) {
        firstCandidate = c;
        firstMatch = found.first;
        firstCount = found.count;
      }
    }
    if (firstCandidate != null) {
      return new Resolution(root.with(firstMatch), firstCandidate.describe(), firstCount,
          "no locator was unique: " + String.join(", ", tried));
    }
    return Resolution.none(candidates.isEmpty() ? "the target has no locators" : "tried " + String.join(", ", tried));
  }

  /**
   * Where the target's locators are looked for: the document or shadow root the frame path leads to, entering
   * cross-origin frames through their sessions.
   */
  private RemoteNode root(Target target) throws CdpException {
    PageHandle handle = page;
    String root = page.object("document");
    double dx = 0;
    double dy = 0;
    for (Locator l : target.getLocatorsList()) {
      if (l.getKindCase() != Locator.KindCase.FRAME_PATH) {
        continue;
      }
      for (String step : l.getFramePath().split(" >> ")) {
        int eq = step.indexOf('=');
        if (eq < 0) {
          throw new CdpException("bad frame path step '" + step + "'");
        }
        root = handle.callObject(root, STEP, step.substring(0, eq), step.substring(eq + 1));
        if (step.startsWith("frame=") && handle.callValue(root, "function() { return this.nodeType === 1; }").asBoolean()) {
          // A cross-origin frame element: its document is in the frame's own session, whose id is the frame's.
          String frameId = handle.call("DOM.describeNode", handle.params().put("objectId", root)).path("node").path("frameId").asText("");
          PageHandle frame = frames.get(frameId).orElseThrow(() -> new CdpException("the cross-origin frame " + step
              + " is not attached (yet)"));
          JsonNode origin = handle.callValue(root, FRAME_ORIGIN);
          dx += origin.path(0).asDouble();
          dy += origin.path(1).asDouble();
          handle = frame;
          root = frame.object("document");
        }
      }
    }
    return new RemoteNode(handle, root, dx, dy);
  }

  /** How many elements a locator matches now, and the first of them ("" when none). */
  private record Found(int count, String first) {}

  private Found find(RemoteNode root, Candidate c, String testIdAttribute) throws CdpException {
    if (c.kind.equals("role")) {
      return byRoleAndName(root.handle(), root.objectId(), c);
    }
    String array = root.handle().callObject(root.objectId(), FIND, c.kind, c.value, testIdAttribute);
    int n = root.handle().callValue(array, "function() { return this.length; }").asInt();
    return new Found(n, n == 0 ? "" : root.handle().callObject(array, "function() { return this[0]; }"));
  }

  /** Chromium's own computed roles and names, as the recorder computed them by the accname rules. */
  private Found byRoleAndName(PageHandle page, String root, Candidate c) throws CdpException {
    String role = c.value.substring("role=".length(), c.value.indexOf(" name="));
    String name = c.value.substring(c.value.indexOf(" name=") + " name=".length());
    JsonNode nodes = page.call("Accessibility.queryAXTree", page.params().put("objectId", root).put("accessibleName", name)
        .put("role", role)).path("nodes");
    Set<Integer> backend = new LinkedHashSet<>();
    for (JsonNode n : nodes) {
      if (n.has("backendDOMNodeId") && !n.path("ignored").asBoolean(false)) {
        backend.add(n.path("backendDOMNodeId").asInt());
      }
    }
    if (backend.isEmpty()) {
      return new Found(0, "");
    }
    return new Found(backend.size(), page.call("DOM.resolveNode", page.params().put("backendNodeId", backend.iterator().next())
        .put("objectGroup", PageHandle.GROUP)).path("object").path("objectId").asText());
  }

  private static List<Candidate> candidates(Target target) {
    List<Candidate> out = new ArrayList<>();
    for (Locator l : target.getLocatorsList()) {
      switch (l.getKindCase()) {
        case TEST_ID -> out.add(new Candidate("test_id", l.getTestId(), l.getMatchCount(), 0));
        case LABEL -> out.add(new Candidate("label", l.getLabel(), l.getMatchCount(), 2));
        case CSS -> out.add(new Candidate("css", l.getCss(), l.getMatchCount(), 3));
        case XPATH -> out.add(new Candidate("xpath", l.getXpath(), l.getMatchCount(), 4));
        case TEXT -> out.add(new Candidate("text", l.getText(), l.getMatchCount(), 5));
        default -> { }
      }
    }
    if (!target.getRole().isEmpty() && !target.getName().isEmpty()) {
      out.add(new Candidate("role", "role=" + target.getRole() + " name=" + target.getName(), target.getRoleNameMatchCount(), 1));
    }
    out.sort(Comparator.comparingInt((Candidate c) -> c.recordedCount == 1 ? 0 : c.recordedCount == 0 ? 2 : 1)
        .thenComparingInt(c -> c.recordedCount).thenComparingInt(c -> c.rank));
    return out;
  }
}
