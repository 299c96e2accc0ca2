package dev.understudy.core.privacy.redact;

/**
 * The stretches of a text in which a detector's search can find a match its validator accepts, so
 * the RE2/J search runs only there instead of over the whole text. Used for expressions that cannot be
 * anchored at a start position (phone numbers: {@code \b} needs the character before the start, and
 * a number may start at many digits). A region must contain every acceptable match whole, and a match
 * the search finds outside every region must be one the validator rejects and that ends before the
 * next region starts, or results change (the corpus test compares with the unfiltered baseline).
 * Every match the validator accepts holds a digit, so a region whose digits all lie in matches of
 * earlier detectors is not searched: anything found there would overlap them and be dropped.
 */
@FunctionalInterface
interface SearchRegions {

  /** The first region ending after {@code from}, as {@code start << 32 | end}, or -1 when none. */
  long next(String text, int from);

  static int start(long region) {
    return (int) (region >>> 32);
  }

  static int end(long region) {
    return (int) region;
  }

  /**
   * Clusters of at least {@code minDigits} digits, each digit at most {@code maxGap} characters of
   * {@code gaps} after the last, widened by one character either side (an opening '+' or '(' before,
   * a ')' after). Fits an expression whose matches hold only digits and such gaps, at most
   * {@code maxGap} of them in a row, and start and end within one character of a digit; with a
   * validator that rejects fewer than {@code minDigits} digits.
   */
  static SearchRegions digitClusters(int minDigits, String gaps, int maxGap) {
    return (text, from) -> {
      int n = text.length();
      int i = from;
      while (i < n) {
        if (!Checks.isDigit(text.charAt(i))) {
          i++;
          continue;
        }
        int first = i;
        int last = i;
        int digits = 1;
        int gap = 0;
        for (i++; i < n; i++) {
          char c = text.charAt(i);
          if (Checks.isDigit(c)) {
            digits++;
            last = i;
            gap = 0;
          } else if (gaps.indexOf(c) >= 0 && ++gap <= maxGap) {
            continue;
          } else {
            break;
          }
        }
        if (digits >= minDigits) {
          return (long) Math.max(from, first - 1) << 32 | Math.min(n, last + 2);
        }
        i = last + 1;
      }
      return -1;
    };
  }
}
