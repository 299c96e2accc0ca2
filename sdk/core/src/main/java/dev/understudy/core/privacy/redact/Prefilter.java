package dev.understudy.core.privacy.redact;

/**
 * A cheap necessary condition for a detector: when it is false the detector's regular expression
 * cannot match, so it is not run. A prefilter may say yes too often, never no too often.
 */
@FunctionalInterface
interface Prefilter {

  boolean mayMatch(TextStats stats);

  /** Passes when any of the keywords occurs, exactly as written. */
  static Prefilter anyOf(String... keywords) {
    return anyOf(false, keywords);
  }

  /** Passes when any of the keywords occurs, in any case. */
  static Prefilter anyOfIgnoreCase(String... keywords) {
    return anyOf(true, keywords);
  }

  private static Prefilter anyOf(boolean ignoreCase, String[] keywords) {
    // The bits of each keyword's first and last three characters; -1 for a keyword of two.
    int[] heads = new int[keywords.length];
    int[] tails = new int[keywords.length];
    for (int i = 0; i < keywords.length; i++) {
      String k = keywords[i];
      if (k.length() < 2) {
        throw new IllegalArgumentException("keywords: '" + k + "' is shorter than two characters");
      }
      int n = k.length();
      heads[i] = n < 3 ? -1 : TextStats.trigram(k.charAt(0), k.charAt(1), k.charAt(2));
      tails[i] = n < 3 ? -1 : TextStats.trigram(k.charAt(n - 3), k.charAt(n - 2), k.charAt(n - 1));
    }
    // A keyword without cased letters ("密码", "パスワード") is the same in any case: searched as written.
    boolean[] foldCase = new boolean[keywords.length];
    for (int i = 0; i < keywords.length; i++) {
      foldCase[i] = ignoreCase && keywords[i].chars().anyMatch(Prefilter::isCased);
    }
    return stats -> {
      for (int i = 0; i < keywords.length; i++) {
        // The bits are a cheap "cannot occur"; only when both are set is the text searched.
        if ((heads[i] < 0 || stats.mayContain(heads[i]) && stats.mayContain(tails[i]))
            && (foldCase[i] ? stats.containsIgnoreCase(keywords[i]) : stats.contains(keywords[i]))) {
          return true;
        }
      }
      return false;
    };
  }

  /** A letter with case forms: another character may stand for it in a case-insensitive search. */
  private static boolean isCased(int c) {
    return Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
  }

  default Prefilter and(Prefilter other) {
    return stats -> mayMatch(stats) && other.mayMatch(stats);
  }
}
