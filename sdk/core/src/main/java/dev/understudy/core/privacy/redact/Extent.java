package dev.understudy.core.privacy.redact;

/**
 * How far a match that starts at an anchor can reach, so that the RE2/J engine is given only that
 * stretch of the text, or is not run at all where no match can start. RE2/J's anchored match does not
 * stop when every thread has died: a failed attempt still walks the rest of the text, and any call
 * costs a fixed overhead of its own, so an anchor that seldom leads to a match (every "://" for URL
 * credentials, every "?" for URL parameters) would otherwise cost the length of the text each time.
 *
 * <p>Contract: {@link #limit} returns -1 only when the detector's expression has no match starting at
 * {@code start}; otherwise a limit such that every match starting there ends at or before it. The
 * expression must have no assertion at its end ({@code $}, {@code \b}), so that cutting the text at
 * the limit changes no match: the engine then finds exactly what it finds in the whole text (the
 * corpus and equivalence tests compare with the unfiltered baseline). Character classes here follow
 * RE2/J: {@code \s} is {@code [\t\n\f\r ]}, and under {@code (?i)} the long s (U+017F) and the Kelvin
 * sign (U+212A) count as s and k.
 */
@FunctionalInterface
interface Extent {

  /** Where every match starting at {@code start} ends at the latest, or -1 when none starts there. */
  int limit(String text, int start);

  /** RE2/J's {@code \s}. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  /**
   * Credentials in a URL, {@code [A-Za-z][A-Za-z0-9+.-]*://([^\s/?#@:]+:[^\s/?#@]+)@}: a scheme,
   * "://", a user name without ':', a ':', a password, and an '@' before any of {@code \s/?#}. The
   * scheme's characters exclude ':', so it ends at the first ':'; the user name ends at the first ':'
   * after "://", and the password at the first of {@code \s/?#@}, which must be the '@'. That is the
   * whole match when there is one.
   */
  static Extent urlCredentials() {
    return (text, start) -> {
      int n = text.length();
      if (start >= n || !Checks.isAsciiLetter(text.charAt(start))) {
        return -1;
      }
      int i = start + 1;
      while (i < n && isSchemeChar(text.charAt(i))) {
        i++;
      }
      if (!text.startsWith("://", i)) {
        return -1;
      }
      int user = i + 3;
      int colon = -1;
      for (int j = user; j < n; j++) {
        char c = text.charAt(j);
        if (c == '@') {
          return colon > user && j > colon + 1 ? j + 1 : -1;
        }
        if (isSpace(c) || c == '/' || c == '?' || c == '#') {
          return -1;
        }
        if (c == ':' && colon < 0) {
          colon = j;
        }
      }
      return -1;
    };
  }

  private static boolean isSchemeChar(char c) {
    return Checks.isAsciiAlnum(c) || c == '+' || c == '.' || c == '-';
  }

  /**
   * A secret in a URL parameter, {@code (?i)[?&#;](?:name|...)=([^&#\s"'<>]+)}: the mark, a name from
   * {@code names} (all of {@code [a-z_-]}, so the name is the whole run of such characters after the
   * mark, compared folding case as RE2/J does), '=', and a value up to the first of {@code &#\s"'<>}.
   * The names are written in lower case.
   */
  static Extent urlParameter(String... names) {
    return (text, start) -> {
      int n = text.length();
      int i = start + 1;
      while (i < n && foldParameterChar(text.charAt(i)) != 0) {
        i++;
      }
      if (i == start + 1 || i >= n - 1 || text.charAt(i) != '=' || !isParameterName(text, start + 1, i, names)) {
        return -1;
      }
      int v = i + 1;
      int end = v;
      while (end < n && !isParameterValueEnd(text.charAt(end))) {
        end++;
      }
      return end > v ? end : -1;
    };
  }

  private static boolean isParameterName(String text, int from, int to, String[] names) {
    outer:
    for (String name : names) {
      if (name.length() != to - from) {
        continue;
      }
      for (int j = 0; j < name.length(); j++) {
        if (foldParameterChar(text.charAt(from + j)) != name.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** A character of a parameter name folded to lower case, or 0 for one that ends the name. */
  private static char foldParameterChar(char c) {
    if (c >= 'a' && c <= 'z' || c == '_' || c == '-') {
      return c;
    }
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + 32);
    }
    return c == '\u212A' ? 'k' : c == '\u017F' ? 's' : 0;
  }

  private static boolean isParameterValueEnd(char c) {
    return c == '&' || c == '#' || isSpace(c) || c == '"' || c == '\'' || c == '<' || c == '>';
  }

  /**
   * A value assigned to a password-like name, {@code (?i)(?:name|...)["']?\s*[:=：]\s*["']?([^\s"',;]{3,})}:
   * one of {@code keywords} (as {@link Anchors#keywords} finds them), an optional quote, spaces, the
   * separator, spaces, an optional quote, and at least three value characters. The limit is the end
   * of the longest such value over the keywords found at the start.
   */
  static Extent assignment(String... keywords) {
    return (text, start) -> {
      int limit = -1;
      for (String k : keywords) {
        if (text.regionMatches(true, start, k, 0, k.length())) {
          limit = Math.max(limit, assignedValueEnd(text, start + k.length()));
        }
      }
      return limit;
    };
  }

  /** The end of {@code ["']?\s*[:=：]\s*["']?[^\s"',;]{3,}} from {@code i}, greedy; -1 when it does not fit. */
  private static int assignedValueEnd(String text, int i) {
    int n = text.length();
    if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      i++;
    }
    while (i < n && isSpace(text.charAt(i))) {
      i++;
    }
    if (i >= n || !(text.charAt(i) == ':' || text.charAt(i) == '=' || text.charAt(i) == '\uFF1A')) {
      return -1;
    }
    i++;
    while (i < n && isSpace(text.charAt(i))) {
      i++;
    }
    // The value cannot start with a quote, so a quote here is the optional one.
    if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      i++;
    }
    int v = i;
    while (i < n && !isAssignedValueEnd(text.charAt(i))) {
      i++;
    }
    return i - v >= 3 ? i : -1;
  }

  private static boolean isAssignedValueEnd(char c) {
    return isSpace(c) || c == '"' || c == '\'' || c == ',' || c == ';';
  }

  /**
   * E-mail addresses: a local part, '@', a domain. Both parts are runs of letters, digits and a few
   * signs; outside ASCII every character counts as a possible letter (RE2/J's Unicode tables decide),
   * so only an ASCII character outside the classes ends a part. The local part must end at an '@'.
   */
  static Extent email() {
    return (text, start) -> {
      int n = text.length();
      int i = start;
      while (i < n && maybeEmailLocal(text.charAt(i))) {
        i++;
      }
      if (i == start || i >= n || text.charAt(i) != '@') {
        return -1;
      }
      int domain = ++i;
      while (i < n && maybeEmailDomain(text.charAt(i))) {
        i++;
      }
      // At least a letter or digit, a dot and two letters.
      return i - domain >= 4 ? i : -1;
    };
  }

  private static boolean maybeEmailLocal(char c) {
    return c >= 128 || Checks.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean maybeEmailDomain(char c) {
    return c >= 128 || Checks.isAsciiAlnum(c) || c == '.' || c == '-';
  }
}
