package dev.understudy.core.privacy.redact;

/**
 * Where a detector's matches can start, so the RE2/J engine runs an anchored match at those places
 * instead of searching the whole text: RE2/J's search keeps a thread per pending start position, and
 * an anchored match costs only the length of what it matches. An anchor must list every position a
 * match can start at, in ascending order, or matches are lost (the corpus test compares with the
 * unanchored baseline).
 */
@FunctionalInterface
interface Anchors {

  /** The first position at or after {@code from} where a match may start, or -1. */
  int next(String text, int from);

  /** Matches start with one of these keywords, written exactly so or, if asked, in any case. */
  static Anchors keywords(boolean ignoreCase, String... keywords) {
    // One pass over the text, stopping only at characters some keyword starts with.
    boolean[] asciiFirst = new boolean[128];
    StringBuilder otherFirst = new StringBuilder();
    for (String k : keywords) {
      char c = k.charAt(0);
      for (char f : ignoreCase ? new char[] {c, Character.toLowerCase(c), Character.toUpperCase(c)} : new char[] {c}) {
        if (f < 128) {
          asciiFirst[f] = true;
        } else {
          otherFirst.append(f);
        }
      }
    }
    String others = otherFirst.toString();
    return (text, from) -> {
      for (int i = from, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        if (c < 128 ? !asciiFirst[c] : others.indexOf(c) < 0) {
          continue;
        }
        for (String k : keywords) {
          if (text.regionMatches(ignoreCase, i, k, 0, k.length())) {
            return i;
          }
        }
      }
      return -1;
    };
  }

  /** Matches start with one of these characters. */
  static Anchors characters(String chars) {
    return (text, from) -> {
      for (int i = from; i < text.length(); i++) {
        if (chars.indexOf(text.charAt(i)) >= 0) {
          return i;
        }
      }
      return -1;
    };
  }

  /**
   * Matches hold {@code pivot} and start at the beginning of the run of {@code runChars} characters
   * that ends just before it (an e-mail's local part before '@'), at the first character of that run
   * that {@code firstChars} allows.
   */
  static Anchors runBefore(String pivot, java.util.function.IntPredicate runChars, java.util.function.IntPredicate firstChars) {
    return (text, from) -> {
      int p = text.indexOf(pivot, from);
      while (p >= 0) {
        int s = p;
        while (s > 0 && runChars.test(text.charAt(s - 1))) {
          s--;
        }
        while (s < p && !firstChars.test(text.charAt(s))) {
          s++;
        }
        if (s < p) {
          return Math.max(s, from);
        }
        p = text.indexOf(pivot, p + 1);
      }
      return -1;
    };
  }
}
