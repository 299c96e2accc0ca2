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
      // RE2/J's (?i) also takes the long s for s and the Kelvin sign for k.
      char[] firsts = !ignoreCase ? new char[] {c}
          : TextStats.fold(c) == 's' ? new char[] {'s', 'S', '\u017F'}
          : TextStats.fold(c) == 'k' ? new char[] {'k', 'K', '\u212A'}
          : new char[] {c, Character.toLowerCase(c), Character.toUpperCase(c)};
      for (char f : firsts) {
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
   * Matches of a fixed shape of digits and separators, such as {@code "ddd-dd-dddd"}: 'd' is a digit
   * and any other character stands for one of {@code separators}. Gives exactly the places where the
   * shape fits.
   */
  static Anchors digitShape(String shape, String separators) {
    int k = shape.length();
    return (text, from) -> {
      outer:
      for (int i = from, last = text.length() - k; i <= last; i++) {
        for (int j = 0; j < k; j++) {
          char c = text.charAt(i + j);
          if (shape.charAt(j) == 'd' ? !Checks.isDigit(c) : separators.indexOf(c) < 0) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    };
  }

  /**
   * Matches of at least {@code minDigits} digits, each after the last directly or after one of
   * {@code separators} ({@code [0-9](?:[0-9]|[ -][0-9]){12,18}}): the first digit of each such run
   * that holds enough digits. A run with too few digits holds no match anywhere in it.
   */
  static Anchors digitRuns(int minDigits, String separators) {
    return (text, from) -> {
      int n = text.length();
      int i = from;
      while (i < n) {
        if (!Checks.isDigit(text.charAt(i))) {
          i++;
          continue;
        }
        int start = i;
        int digits = 1;
        i++;
        while (i < n) {
          char c = text.charAt(i);
          if (Checks.isDigit(c)) {
            digits++;
            i++;
          } else if (separators.indexOf(c) >= 0 && i + 1 < n && Checks.isDigit(text.charAt(i + 1))) {
            i++;
          } else {
            break;
          }
        }
        if (digits >= minDigits) {
          return start;
        }
      }
      return -1;
    };
  }

  /**
   * IBAN matches: two letters then two digits ({@code (?i)[A-Z]{2}[0-9]{2}}). Under {@code (?i)} RE2/J
   * also lets the Kelvin sign and the long s stand for K and S, so they count as letters here too.
   */
  static Anchors lettersThenDigits() {
    return (text, from) -> {
      for (int i = from, last = text.length() - 4; i <= last; i++) {
        if (Checks.isDigit(text.charAt(i + 3)) && Checks.isDigit(text.charAt(i + 2))
            && Checks.foldsToAsciiLetter(text.charAt(i)) && Checks.foldsToAsciiLetter(text.charAt(i + 1))) {
          return i;
        }
      }
      return -1;
    };
  }

  /**
   * High-entropy matches: whole runs of {@code [A-Za-z0-9+_=-]} (the detector's expression is that
   * class, 20 or more, and greedy, so a match is a run from where the search stands to its end). Only
   * runs that pass the counting half of {@link Checks#highEntropy} are given (long enough, two digits,
   * classes alternating often enough): the others would be matched and then rejected.
   */
  static Anchors entropyRuns() {
    return (text, from) -> {
      int n = text.length();
      int i = from;
      while (i < n) {
        while (i < n && !TextStats.isEntropyChar(text.charAt(i))) {
          i++;
        }
        int start = i;
        int digits = 0;
        int alnum = 0;
        int transitions = 0;
        int previousClass = -1;
        for (; i < n; i++) {
          char c = text.charAt(i);
          int cls = TextStats.entropyClass(c);
          if (cls < 0) {
            break;
          }
          if (cls != 3) {
            alnum++;
            if (previousClass >= 0 && cls != previousClass) {
              transitions++;
            }
            previousClass = cls;
            if (cls == 2) {
              digits++;
            }
          }
        }
        if (TextStats.entropyRun(i - start, digits, alnum, transitions)) {
          return start;
        }
      }
      return -1;
    };
  }

  /**
   * Matches hold {@code pivot} and start at the beginning of the run of {@code runChars} characters
   * that ends just before it (an e-mail's local part before '@'), at the first character of that run
   * that {@code firstChars} allows. Both are given code points.
   */
  static Anchors runBefore(String pivot, java.util.function.IntPredicate runChars, java.util.function.IntPredicate firstChars) {
    return (text, from) -> {
      int p = text.indexOf(pivot, from);
      while (p >= 0) {
        // By code point, as RE2/J reads the text: a letter outside the BMP is two chars.
        int s = p;
        int c;
        while (s > 0 && runChars.test(c = text.codePointBefore(s))) {
          s -= Character.charCount(c);
        }
        while (s < p && !firstChars.test(c = text.codePointAt(s))) {
          s += Character.charCount(c);
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
