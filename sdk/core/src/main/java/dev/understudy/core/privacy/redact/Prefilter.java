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
    int[] pairs = new int[keywords.length];
    for (int i = 0; i < keywords.length; i++) {
      if (keywords[i].length() < 2) {
        throw new IllegalArgumentException("keywords: '" + keywords[i] + "' is shorter than two characters");
      }
      pairs[i] = TextStats.bigram(keywords[i].charAt(0), keywords[i].charAt(1));
    }
    return stats -> {
      for (int i = 0; i < keywords.length; i++) {
        // The bigram bit is a cheap "cannot occur"; only then is the text searched.
        if (stats.mayContain(pairs[i])
            && (ignoreCase ? stats.containsIgnoreCase(keywords[i]) : stats.contains(keywords[i]))) {
          return true;
        }
      }
      return false;
    };
  }

  default Prefilter and(Prefilter other) {
    return stats -> mayMatch(stats) && other.mayMatch(stats);
  }
}
