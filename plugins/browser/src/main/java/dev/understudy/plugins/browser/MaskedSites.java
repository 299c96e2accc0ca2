package dev.understudy.plugins.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import java.util.List;

/**
 * Whether something happened on, or shows, a site whose values are masked ({@code mask-values-hosts}):
 * judged in Java from what the translator and the browser say, never from what the page's recorder
 * claims about itself. Pure functions; any thread.
 */
final class MaskedSites {
  private MaskedSites() {}

  /**
   * Whether the action was on a masked site: its tab's URL, its document, its frame's URL, or the
   * translator's own mark ({@code browser.value.masked}).
   *
   * @param tab the tab, or null when unknown
   */
  static boolean action(List<String> hosts, Action action, TabContext tab) {
    if (hosts.isEmpty()) {
      return false;
    }
    if (HostGlobs.matchesUrl(hosts, action.getSource().getDocument()) || tab != null && HostGlobs.matchesUrl(hosts, tab.url())) {
      return true;
    }
    for (Attribute a : action.getAttributesList()) {
      if (a.getKey().equals("browser.value.masked")
          || a.getKey().equals("browser.frame.url") && HostGlobs.matchesUrl(hosts, a.getValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any frame of a DevTools {@code Page.getFrameTree} result ({@code frameTree}) is on a masked
   * site. A tree that is not an object counts as masked: what cannot be checked is not observed.
   */
  static boolean frameTree(List<String> hosts, JsonNode tree) {
    if (hosts.isEmpty()) {
      return false;
    }
    if (tree == null || !tree.isObject()) {
      return true;
    }
    JsonNode frame = tree.path("frame");
    if (HostGlobs.matchesUrl(hosts, frame.path("url").asText(""))
        || HostGlobs.matchesUrl(hosts, frame.path("unreachableUrl").asText(""))) {
      return true;
    }
    for (JsonNode child : tree.path("childFrames")) {
      if (frameTree(hosts, child)) {
        return true;
      }
    }
    return false;
  }
}
