package dev.understudy.core.privacy.redact;

/**
 * Character counts gathered in one pass over a field's text, so that each detector's prefilter is a
 * few comparisons instead of a scan. Mutable and reused: one instance per scanning thread.
 */
final class TextStats {
  String text;
  int length;
  int digits;
  int at;
  int colons;
  int dots;
  int equals;
  /** '?', '&', '#' and ';': the characters that start a query or fragment parameter. */
  int queryMarks;
  /** Longest run of characters that can make up a token: letters, digits, '+', '/', '_', '-', '='. */
  int longestTokenRun;
  /**
   * True when some run of token characters without '/' passes the cheap half of
   * {@link Checks#highEntropy}: long enough, two digits, letters and digits alternating often enough.
   */
  boolean entropyCandidate;
  /** True when some run of hex digits, ':' and '.' holds two colons or more, as every IPv6 address does. */
  boolean ipv6Candidate;
  /**
   * Most digits in one cluster: digits apart by at most three characters of " -./()+", the way phone,
   * card and social security numbers are written.
   */
  int longestDigitCluster;
  /** True when two letters are followed by two digits somewhere: how an IBAN starts. */
  boolean lettersThenDigits;
  /**
   * Which runs of three adjacent characters occur, case-folded and hashed into 4096 bits: a keyword
   * with a run whose bit is clear cannot occur, so most keyword checks end without a search. Runs of
   * three, not pairs: the pairs keywords start with ("to", "se", "pa", "co") are in most texts.
   */
  private final long[] trigrams = new long[64];

  /** The bit of three characters, as {@link #mayContain} takes it. */
  static int trigram(char a, char b, char c) {
    return foldedTrigram(fold(a), fold(b), fold(c));
  }

  private static int foldedTrigram(char a, char b, char c) {
    return ((a * 961 + b * 31 + c) * 0x9E3779B9) >>> 20;
  }

  /**
   * Folds case for the keyword checks: to lower case, and as RE2/J's {@code (?i)} does, the long s
   * (U+017F) to s (the Kelvin sign already lower-cases to k). A check may say yes too often, so
   * folding more than RE2/J does is harmless; folding less would lose matches.
   */
  static char fold(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return c == '\u017F' ? 's' : Character.toLowerCase(c);
  }

  /** False when no three adjacent characters of the text hash to this {@link #trigram}. */
  boolean mayContain(int trigram) {
    return (trigrams[trigram >>> 6] & (1L << trigram)) != 0;
  }

  /**
   * Gathers the counts for a text. One pass; letters and digits, most of any text, take the short way
   * through it (the kind of each ASCII character comes from a table).
   */
  TextStats of(String s) {
    text = s;
    int n = s.length();
    length = n;
    int d = 0;
    int a = 0;
    int c = 0;
    int dot = 0;
    int eq = 0;
    int query = 0;
    int run = 0;
    int longest = 0;
    long[] runs = trigrams;
    java.util.Arrays.fill(runs, 0L);
    char previous = 0;
    char beforePrevious = 0;
    int wordRun = 0;
    int wordRunDigits = 0;
    int wordRunAlnum = 0;
    int wordRunTransitions = 0;
    int wordRunClass = -1;
    boolean candidate = false;
    int hexColons = 0;
    boolean ipv6 = false;
    int cluster = 0;
    int clusterGap = 99;
    int longestCluster = 0;
    int letters = 0;
    int digitsAfterLetters = 0;
    boolean ibanHead = false;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      int kind = ch < 128 ? KINDS[ch] : OTHER;
      // Each character folded once, for the three runs of three it is in.
      char folded = kind == UPPER ? (char) (ch + 32) : ch < 128 ? ch : fold(ch);
      if (i > 1) {
        int h = foldedTrigram(beforePrevious, previous, folded);
        runs[h >>> 6] |= 1L << h;
      }
      beforePrevious = previous;
      previous = folded;
      if (kind <= DIGIT) {
        // A letter or a digit: in a token and a word, alternating classes counted for entropy.
        if (++run > longest) {
          longest = run;
        }
        wordRun++;
        wordRunAlnum++;
        if (wordRunClass >= 0 && kind != wordRunClass) {
          wordRunTransitions++;
        }
        wordRunClass = kind;
        if (kind == DIGIT) {
          d++;
          wordRunDigits++;
          cluster = clusterGap <= 3 ? cluster + 1 : 1;
          clusterGap = 0;
          if (cluster > longestCluster) {
            longestCluster = cluster;
          }
          if (letters >= 2) {
            if (++digitsAfterLetters >= 2) {
              ibanHead = true;
            }
          } else {
            letters = 0;
            digitsAfterLetters = 0;
          }
        } else {
          if (!isHexLetter(ch)) {
            hexColons = 0;
          }
          clusterGap = 99;
          letters = digitsAfterLetters > 0 ? 1 : letters + 1;
          digitsAfterLetters = 0;
        }
        continue;
      }
      switch (ch) {
        case '@': a++; break;
        case ':': case '\uFF1A': c++; break;
        case '.': dot++; break;
        case '=': eq++; break;
        case '?': case '&': case '#': case ';': query++; break;
        default: break;
      }
      if (kind == SIGN || kind == SLASH) {
        if (++run > longest) {
          longest = run;
        }
      } else {
        run = 0;
      }
      if (kind == SIGN) {
        wordRun++; // in a word, neither letter nor digit: counts for length only
      } else {
        candidate |= entropyRun(wordRun, wordRunDigits, wordRunAlnum, wordRunTransitions);
        wordRun = 0;
        wordRunDigits = 0;
        wordRunAlnum = 0;
        wordRunTransitions = 0;
        wordRunClass = -1;
      }
      if (ch == ':') {
        if (++hexColons >= 2) {
          ipv6 = true;
        }
      } else if (ch != '.') {
        hexColons = 0;
      }
      if (ch == ' ' || ch == '-' || ch == '.' || ch == '/' || ch == '(' || ch == ')' || ch == '+') {
        clusterGap++;
      } else {
        clusterGap = 99;
      }
      letters = 0;
      digitsAfterLetters = 0;
    }
    candidate |= entropyRun(wordRun, wordRunDigits, wordRunAlnum, wordRunTransitions);
    entropyCandidate = candidate;
    ipv6Candidate = ipv6;
    longestDigitCluster = longestCluster;
    lettersThenDigits = ibanHead;
    queryMarks = query;
    digits = d;
    at = a;
    colons = c;
    dots = dot;
    equals = eq;
    longestTokenRun = longest;
    return this;
  }

  // The kinds of ASCII characters for of(): the first three are entropyClass()'s classes.
  private static final byte UPPER = 0;
  private static final byte LOWER = 1;
  private static final byte DIGIT = 2;
  /** '+', '_', '=', '-': in tokens and words. */
  private static final byte SIGN = 3;
  /** '/': in tokens, between words. */
  private static final byte SLASH = 4;
  private static final byte OTHER = 5;
  private static final byte[] KINDS = new byte[128];

  static {
    java.util.Arrays.fill(KINDS, OTHER);
    for (char ch = 'A'; ch <= 'Z'; ch++) {
      KINDS[ch] = UPPER;
      KINDS[ch + 32] = LOWER;
    }
    for (char ch = '0'; ch <= '9'; ch++) {
      KINDS[ch] = DIGIT;
    }
    for (char ch : "+_=-".toCharArray()) {
      KINDS[ch] = SIGN;
    }
    KINDS['/'] = SLASH;
  }

  private static boolean isHexLetter(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * The class {@link Checks#highEntropy} gives a character of a token run: 0 upper-case letter, 1
   * lower-case, 2 digit, 3 one of {@code +_=-}; -1 for a character that ends the run.
   */
  static int entropyClass(char c) {
    if (c >= 'a' && c <= 'z') {
      return 1;
    } else if (c >= 'A' && c <= 'Z') {
      return 0;
    } else if (c >= '0' && c <= '9') {
      return 2;
    }
    return c == '+' || c == '_' || c == '=' || c == '-' ? 3 : -1;
  }

  /** A character of the high-entropy detector's runs: {@code [A-Za-z0-9+_=-]}. */
  static boolean isEntropyChar(char c) {
    return entropyClass(c) >= 0;
  }

  /** The conditions of {@link Checks#highEntropy} that can be counted in one pass, for one whole run. */
  static boolean entropyRun(int length, int digits, int alnum, int transitions) {
    return length >= Checks.ENTROPY_MIN_LENGTH && digits >= 2 && transitions * 100 >= alnum * 35;
  }

  boolean contains(String keyword) {
    return indexOf(keyword, false) >= 0;
  }

  boolean containsIgnoreCase(String keyword) {
    return indexOf(keyword, true) >= 0;
  }

  private int indexOf(String keyword, boolean ignoreCase) {
    if (!ignoreCase) {
      return text.indexOf(keyword);
    }
    int k = keyword.length();
    char first = keyword.charAt(0);
    // The characters that fold to the keyword's first, compared directly: most are not it.
    char upper = ignoreCase ? Character.toUpperCase(first) : first;
    char lower = ignoreCase ? fold(first) : first;
    char extra = !ignoreCase ? first : lower == 's' ? '\u017F' : lower == 'k' ? '\u212A' : first;
    outer:
    for (int i = 0, last = length - k; i <= last; i++) {
      char c = text.charAt(i);
      if (c != lower && c != upper && c != extra && c != first) {
        continue;
      }
      for (int j = 1; j < k; j++) {
        char a = text.charAt(i + j);
        char b = keyword.charAt(j);
        if (a != b && (!ignoreCase || fold(a) != fold(b))) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

}
