package dev.understudy.core.privacy.redact;

/**
 * Character counts gathered in one pass over a field's text, so that each detector's prefilter is a
 * few comparisons instead of a scan. Mutable and reused: one instance per scanning thread.
 */
final class TextStats {
  CharSequence text;
  int length;
  int digits;
  int upper;
  int at;
  int colons;
  int dots;
  int equals;
  int dashes;
  int underscores;
  /** '?', '&', '#' and ';': the characters that start a query or fragment parameter. */
  int queryMarks;
  /** Longest run of characters that can make up a token: letters, digits, '+', '/', '_', '-', '='. */
  int longestTokenRun;
  /** The same without '/', which splits paths into words. */
  int longestWordRun;
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
   * Which pairs of adjacent characters occur, case-folded and hashed into 1024 bits: a keyword whose
   * first two characters' bit is clear cannot occur, so most keyword checks end without a search.
   */
  private final long[] bigrams = new long[16];

  static int bigram(char a, char b) {
    return foldedBigram(fold(a), fold(b));
  }

  private static int foldedBigram(char a, char b) {
    return ((a * 31) ^ b) & 1023;
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

  /** False when no two adjacent characters of the text hash like the keyword's first two. */
  boolean mayContain(int bigram) {
    return (bigrams[bigram >>> 6] & (1L << bigram)) != 0;
  }

  TextStats of(CharSequence s) {
    text = s;
    int n = s.length();
    length = n;
    int d = 0;
    int u = 0;
    int a = 0;
    int c = 0;
    int dot = 0;
    int eq = 0;
    int dash = 0;
    int us = 0;
    int run = 0;
    int longest = 0;
    int wordRun = 0;
    int longestWord = 0;
    int query = 0;
    long[] pairs = bigrams;
    java.util.Arrays.fill(pairs, 0L);
    char previous = 0;
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
      // Each character folded once, for the pair it ends and the pair it starts.
      char folded = ch < 128 ? (ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch) : fold(ch);
      if (i > 0) {
        int h = foldedBigram(previous, folded);
        pairs[h >>> 6] |= 1L << h;
      }
      previous = folded;
      boolean token;
      boolean slash = false;
      if (ch >= '0' && ch <= '9') {
        d++;
        token = true;
      } else if (ch >= 'a' && ch <= 'z') {
        token = true;
      } else if (ch >= 'A' && ch <= 'Z') {
        u++;
        token = true;
      } else {
        switch (ch) {
          case '@': a++; token = false; break;
          case ':': case '\uFF1A': c++; token = false; break;
          case '.': dot++; token = false; break;
          case '=': eq++; token = true; break;
          case '-': dash++; token = true; break;
          case '_': us++; token = true; break;
          case '+': token = true; break;
          case '/': token = true; slash = true; break;
          case '?': case '&': case '#': case ';': query++; token = false; break;
          default: token = false;
        }
      }
      if (token) {
        run++;
        if (run > longest) {
          longest = run;
        }
      } else {
        run = 0;
      }
      boolean isDigit = ch >= '0' && ch <= '9';
      boolean isLetter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
      if (token && !slash) {
        wordRun++;
        int cls = isDigit ? 2 : (ch >= 'a' && ch <= 'z') ? 1 : (ch >= 'A' && ch <= 'Z') ? 0 : 3;
        if (cls != 3) {
          wordRunAlnum++;
          if (wordRunClass >= 0 && cls != wordRunClass) {
            wordRunTransitions++;
          }
          wordRunClass = cls;
        }
        if (isDigit) {
          wordRunDigits++;
        }
        if (wordRun > longestWord) {
          longestWord = wordRun;
        }
      } else {
        candidate |= entropyRun(wordRun, wordRunDigits, wordRunAlnum, wordRunTransitions);
        wordRun = 0;
        wordRunDigits = 0;
        wordRunAlnum = 0;
        wordRunTransitions = 0;
        wordRunClass = -1;
      }
      if (isDigit || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') || ch == '.') {
        // stays in the run
      } else if (ch == ':') {
        if (++hexColons >= 2) {
          ipv6 = true;
        }
      } else {
        hexColons = 0;
      }
      if (isDigit) {
        cluster = clusterGap <= 3 ? cluster + 1 : 1;
        clusterGap = 0;
        if (cluster > longestCluster) {
          longestCluster = cluster;
        }
      } else if (ch == ' ' || ch == '-' || ch == '.' || ch == '/' || ch == '(' || ch == ')' || ch == '+') {
        clusterGap++;
      } else {
        clusterGap = 99;
      }
      if (isLetter) {
        letters = digitsAfterLetters > 0 ? 1 : letters + 1;
        digitsAfterLetters = 0;
      } else if (isDigit && letters >= 2) {
        if (++digitsAfterLetters >= 2) {
          ibanHead = true;
        }
      } else {
        letters = 0;
        digitsAfterLetters = 0;
      }
    }
    candidate |= entropyRun(wordRun, wordRunDigits, wordRunAlnum, wordRunTransitions);
    entropyCandidate = candidate;
    ipv6Candidate = ipv6;
    longestDigitCluster = longestCluster;
    lettersThenDigits = ibanHead;
    queryMarks = query;
    longestWordRun = longestWord;
    digits = d;
    upper = u;
    at = a;
    colons = c;
    dots = dot;
    equals = eq;
    dashes = dash;
    underscores = us;
    longestTokenRun = longest;
    return this;
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
    if (text instanceof String && !ignoreCase) {
      return ((String) text).indexOf(keyword);
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
