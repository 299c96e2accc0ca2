package dev.understudy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The hottest functions of a DevTools {@code Profiler.stop} profile, by self samples: where a page's main-thread time went. */
final class PageProfile {
  private PageProfile() {}

  static String top(String title, JsonNode profile, int n) {
    Map<String, Long> self = new HashMap<>();
    long total = 0;
    for (JsonNode node : profile.path("nodes")) {
      long hits = node.path("hitCount").asLong();
      JsonNode f = node.path("callFrame");
      String url = f.path("url").asText();
      String key = (f.path("functionName").asText().isEmpty() ? "(anonymous)" : f.path("functionName").asText())
          + " " + url.substring(url.lastIndexOf('/') + 1) + ":" + f.path("lineNumber").asInt() + ":" + f.path("columnNumber").asInt()
          + " script " + f.path("scriptId").asText();
      self.merge(key, hits, Long::sum);
      total += hits;
    }
    StringBuilder out = new StringBuilder(String.format("%s: hottest page functions by self samples (%d samples)%n", title, total));
    long all = total;
    self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
        .forEach(e -> out.append(String.format("  %6d  %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / Math.max(1, all), e.getKey())));
    return out.toString();
  }
}
