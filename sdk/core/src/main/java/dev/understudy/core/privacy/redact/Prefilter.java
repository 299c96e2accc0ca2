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
    return stats -> {
      for (String k : keywords) {
        if (stats.contains(k)) {
          return true;
        }
      }
      return false;
    };
  }

  /** Passes when any of the keywords occurs, in any case. */
  static Prefilter anyOfIgnoreCase(String... keywords) {
    return stats -> {
      for (String k : keywords) {
        if (stats.containsIgnoreCase(k)) {
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
