package dev.understudy.core.policy;

/**
 * Turns glob patterns into RE2 regular expressions, so matching is linear in the input whatever the
 * pattern. Stateless.
 */
final class Glob {

  private static final String META = "\\.[]{}()*+-?^$|&~#";

  private Glob() {}

  /**
   * A regex for a glob where {@code *} and {@code ?} match any characters: app ids, host names.
   */
  static String flat(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        literal(re, c);
      }
    }
    return re.toString();
  }

  /**
   * A regex for a path glob: {@code *} and {@code ?} stay within one path segment, {@code **} crosses
   * segments; a {@code **}{@code /} prefix also matches no directory, a {@code /**} suffix also matches
   * the directory itself.
   */
  static String path(String glob) {
    if (glob.endsWith("/**")) {
      return path(glob.substring(0, glob.length() - 3)) + "(?:/.*)?";
    }
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        if (slashAfter) {
          re.append("(?:.*/)?");
          i += 3;
        } else {
          re.append(".*");
          i += 2;
        }
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else {
        literal(re, c);
        i++;
      }
    }
    return re.toString();
  }

  private static void literal(StringBuilder re, char c) {
    if (META.indexOf(c) >= 0) {
      re.append('\\');
    }
    re.append(c);
  }
}
