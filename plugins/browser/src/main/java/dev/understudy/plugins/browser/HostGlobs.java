package dev.understudy.plugins.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Host patterns such as {@code *.bank.example} ({@code adapter.browser.mask-values-hosts}): read and
 * checked once, and matched against a page's host the way the page recorder matches them
 * ({@code hostMatches} in recorder/src/pure.ts: {@code *} stands for any run of characters).
 */
public final class HostGlobs {
  private HostGlobs() {}

  /**
   * Reads comma-separated host patterns, lower-cased, blanks left out.
   *
   * @param key the configuration key, named in the error
   * @throws IllegalArgumentException naming the key when a pattern holds more than letters, digits, '.', '-', '*'
   */
  public static List<String> parse(String key, String value) {
    List<String> hosts = new ArrayList<>();
    for (String h : value.split(",")) {
      String host = h.trim();
      if (host.isEmpty()) {
        continue;
      }
      if (!host.matches("[A-Za-z0-9.*-]+")) {
        throw new IllegalArgumentException(key + ": '" + host + "' is not a host pattern (letters, digits, '.', '-', '*')");
      }
      hosts.add(host.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(hosts);
  }

  /** Whether the host of this URL matches one of the patterns; false for text without a host. */
  public static boolean matchesUrl(List<String> globs, String url) {
    if (globs.isEmpty() || url == null || url.isEmpty()) {
      return false;
    }
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return globs.stream().anyMatch(g -> matches(h, g));
  }

  static boolean matches(String host, String glob) {
    String[] parts = glob.split("\\*", -1);
    if (parts.length == 1) {
      return host.equals(glob);
    }
    if (!host.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = host.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return host.length() - last.length() >= at && host.endsWith(last);
  }
}
