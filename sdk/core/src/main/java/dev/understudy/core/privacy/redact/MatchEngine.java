package dev.understudy.core.privacy.redact;

/** How the redactor runs its detectors' regular expressions. */
public enum MatchEngine {
  /**
   * The default: each detector's prefilter first, then RE2/J, whose matching time is linear in the
   * text whatever the expression, so no input can stall the pipeline thread.
   */
  RE2J_PREFILTERED,
  /**
   * Every expression with {@code java.util.regex} on every field, no prefilters, no length checks: the
   * straightforward pass, kept as the baseline benchmarks compare with. Same rules and validators, so
   * it finds exactly what the default finds. Not for production: backtracking has no time bound.
   */
  JAVA_REGEX_UNFILTERED
}
