package dev.understudy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The hottest functions of a DevTools {@code Profiler.stop} profile: where a page's main-thread time went, by self
 * samples and by total samples (the function and what it called; a recursive function counted once per sample).
 */
final class PageProfile {
  private PageProfile() {}

  static String top(String title, JsonNode profile, int n) {
    Map<Integer, JsonNode> byId = new HashMap<>();
    Map<Integer, Integer> parent = new HashMap<>();
    for (JsonNode node : profile.path("nodes")) {
      byId.put(node.path("id").asInt(), node);
      for (JsonNode child : node.path("children")) {
        parent.put(child.asInt(), node.path("id").asInt());
      }
    }
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> total = new HashMap<>();
    long all = 0;
    for (JsonNode node : byId.values()) {
      long hits = node.path("hitCount").asLong();
      String key = key(node);
      self.merge(key, hits, Long::sum);
      all += hits;
      if (hits == 0) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (Integer id = node.path("id").asInt(); id != null; id = parent.get(id)) {
        String k = key(byId.get(id));
        if (seen.add(k)) {
          total.merge(k, hits, Long::sum);
        }
      }
    }
    long samples = all;
    StringBuilder out = new StringBuilder(String.format("%s: hottest page functions by self samples (%d samples)%n", title, samples));
    self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
        .forEach(e -> out.append(String.format("  %6d  %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    out.append(String.format("%s: by total samples (self and callees)%n", title));
    total.entrySet().stream().filter(e -> !e.getKey().startsWith("(root)"))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
        .forEach(e -> out.append(String.format("  %6d  %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    return out.toString();
  }

  private static String key(JsonNode node) {
    JsonNode f = node.path("callFrame");
    String url = f.path("url").asText();
    String name = f.path("functionName").asText();
    return (name.isEmpty() ? "(anonymous)" : name) + " " + url.substring(url.lastIndexOf('/') + 1) + ":" + f.path("lineNumber").asInt()
        + ":" + f.path("columnNumber").asInt() + " script " + f.path("scriptId").asText();
  }
}
