package dev.understudy.core.policy;

import dev.understudy.core.privacy.Texts;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * A cheap first check in front of a pattern: text the pattern cannot match without. A policy tests
 * every app id, title, URL and path against dozens of patterns; nearly all values contain none of
 * their literals, so the regular expressions behind them rarely run. The check compares without
 * regard to case, so it only ever lets through more than the pattern would, never less. Stateless.
 */
final class RequiredLiteral {

  private static final java.util.regex.Pattern PLAIN_TITLE =
      java.util.regex.Pattern.compile("(?:\\(\\?i\\))?(?:\\\\b)?([\\p{L}\\p{N} ]+)(?:\\\\b)?");

  private RequiredLiteral() {}

  /** The longest run of a glob without wildcards or slashes (a slash next to ** may match nothing). */
  static String ofGlob(String glob) {
    String best = "";
    int start = 0;
    for (int i = 0; i <= glob.length(); i++) {
      boolean end = i == glob.length();
      char c = end ? 0 : glob.charAt(i);
      if (end || c == '*' || c == '?' || c == '/' || c == '\\') {
        if (i - start > best.length()) {
          best = glob.substring(start, i);
        }
        start = i + 1;
      }
    }
    return best;
  }

  /**
   * The literal of a title expression that is a plain word or phrase, optionally case-insensitive and
   * between word boundaries ({@code (?i)\bincognito\b}); empty for anything more elaborate.
   */
  static String ofTitleRegex(String regex) {
    Matcher m = PLAIN_TITLE.matcher(regex);
    return m.matches() ? m.group(1) : "";
  }

  /** The predicate, asked only when the value contains the literal (any case); as is when it is empty. */
  static Predicate<String> before(String literal, Predicate<String> pattern) {
    if (literal.isEmpty()) {
      return pattern;
    }
    return new Guarded(literal, pattern);
  }

  /**
   * A pattern behind its literal. {@link Rules} looks for the literals of all its patterns in one
   * pass ({@link LiteralSet}) and asks {@link #pattern} only of those whose literal it found.
   */
  record Guarded(String literal, Predicate<String> pattern) implements Predicate<String> {
    @Override
    public boolean test(String value) {
      return Texts.containsIgnoreCase(value, literal) && pattern.test(value);
    }
  }
}
