package dev.understudy.core.policy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A URL pattern {@code [scheme://]host[/path]} and the URL parsing it matches against. Only values
 * that look like {@code scheme://host...} are URLs; anything else never matches. Immutable.
 */
final class UrlPattern implements Predicate<String> {

  private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*|\\*");

  private final String scheme;
  private final Pattern host;
  private final Pattern path;

  private UrlPattern(String scheme, Pattern host, Pattern path) {
    this.scheme = scheme;
    this.host = host;
    this.path = path;
  }

  static UrlPattern compile(String source) {
    String rest = source.trim();
    String scheme = null;
    int sep = rest.indexOf("://");
    if (sep >= 0) {
      scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
      if (!SCHEME.matches(scheme)) {
        throw new IllegalArgumentException("'" + scheme + "' is not a URL scheme");
      }
      if (scheme.equals("*")) {
        scheme = null;
      }
      rest = rest.substring(sep + 3);
    }
    int slash = rest.indexOf('/');
    String hostGlob = slash < 0 ? rest : rest.substring(0, slash);
    if (hostGlob.isEmpty()) {
      throw new IllegalArgumentException("a URL pattern needs a host (use * for any host)");
    }
    Pattern path = slash < 0 ? null : Pattern.compile(Glob.path(rest.substring(slash)));
    return new UrlPattern(scheme, Pattern.compile(Glob.flat(hostGlob), Pattern.CASE_INSENSITIVE), path);
  }

  /** Whether a text looks like a URL this kind of pattern applies to. */
  static boolean isUrl(String value) {
    return URL.matcher(value).find();
  }

  @Override
  public boolean test(String value) {
    Matcher m = URL.matcher(value);
    if (!m.find()) {
      return false;
    }
    if (scheme != null && !scheme.equalsIgnoreCase(m.group(1))) {
      return false;
    }
    String authority = m.group(2);
    int at = authority.lastIndexOf('@');
    String h = at >= 0 ? authority.substring(at + 1) : authority;
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    if (!host.matches(h)) {
      return false;
    }
    if (path == null) {
      return true;
    }
    String p = m.group(3).isEmpty() ? "/" : m.group(3);
    return path.matches(p);
  }
}
