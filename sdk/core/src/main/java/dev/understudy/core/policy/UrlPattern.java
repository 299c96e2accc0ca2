package dev.understudy.core.policy;

import com.google.re2j.Pattern;
import dev.understudy.core.privacy.Texts;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A URL pattern {@code [scheme://]host[/path]} and the URL parsing it matches against. Only values
 * that look like {@code scheme://host...} are URLs; anything else never matches. Immutable.
 */
final class UrlPattern implements Predicate<String> {

  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*|\\*");

  private final String scheme;
  /** Null when the pattern takes any host. */
  private final Pattern host;
  private final Pattern path;
  private final String hostLiteral;
  private final String pathLiteral;

  private UrlPattern(String scheme, Pattern host, Pattern path, String hostLiteral, String pathLiteral) {
    this.scheme = scheme;
    this.host = host;
    this.path = path;
    this.hostLiteral = hostLiteral;
    this.pathLiteral = pathLiteral;
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
    // A host glob of only '*' takes every host: no expression to run for it.
    Pattern host = hostGlob.chars().allMatch(c -> c == '*')
        ? null
        : Pattern.compile(Glob.flat(hostGlob), Pattern.CASE_INSENSITIVE);
    return new UrlPattern(scheme, host, path,
        RequiredLiteral.ofGlob(hostGlob), slash < 0 ? "" : RequiredLiteral.ofGlob(rest.substring(slash)));
  }

  /** Whether a text looks like a URL this kind of pattern applies to. */
  static boolean isUrl(String value) {
    return schemeEnd(value) > 0;
  }

  /**
   * Where {@code scheme://} ends in the value (the index after "//"), or -1 when the value does not
   * start with one. By hand: it runs on every action's document.
   */
  private static int schemeEnd(String v) {
    if (v.isEmpty() || !isAsciiLetter(v.charAt(0))) {
      return -1;
    }
    int i = 1;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-') {
        i++;
      } else {
        break;
      }
    }
    return v.startsWith("://", i) ? i + 3 : -1;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  @Override
  public boolean test(String value) {
    int authorityStart = schemeEnd(value);
    if (authorityStart < 0) {
      return false;
    }
    int schemeLength = authorityStart - 3;
    if (scheme != null && (scheme.length() != schemeLength || !value.regionMatches(true, 0, scheme, 0, schemeLength))) {
      return false;
    }
    int authorityEnd = authorityStart;
    while (authorityEnd < value.length() && "/?#".indexOf(value.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    int pathEnd = authorityEnd;
    while (pathEnd < value.length() && "?#".indexOf(value.charAt(pathEnd)) < 0) {
      pathEnd++;
    }
    // Both literals first: most URLs fail one, and then no expression runs.
    String authority = value.substring(authorityStart, authorityEnd);
    if (!hostLiteral.isEmpty() && !Texts.containsIgnoreCase(authority, hostLiteral)) {
      return false;
    }
    String p = path == null ? null : pathEnd == authorityEnd ? "/" : value.substring(authorityEnd, pathEnd);
    if (p != null && !pathLiteral.isEmpty() && !Texts.containsIgnoreCase(p, pathLiteral)) {
      return false;
    }
    int at = authority.lastIndexOf('@');
    String h = at >= 0 ? authority.substring(at + 1) : authority;
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    // With no expression for the host, what ".*" would refuse: a line break, which '.' does not take.
    if (host == null ? h.indexOf('\n') >= 0 : !host.matches(h)) {
      return false;
    }
    return p == null || path.matches(p);
  }
}
