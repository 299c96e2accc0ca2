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
  /** Longest run of characters that can make up a token: letters, digits, '+', '/', '_', '-', '='. */
  int longestTokenRun;

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
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      boolean token;
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
          case '+': case '/': token = true; break;
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
    }
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
    char firstOther = ignoreCase ? otherCase(first) : first;
    outer:
    for (int i = 0, last = length - k; i <= last; i++) {
      char c = text.charAt(i);
      if (c != first && c != firstOther) {
        continue;
      }
      for (int j = 1; j < k; j++) {
        char a = text.charAt(i + j);
        char b = keyword.charAt(j);
        if (a != b && (!ignoreCase || Character.toLowerCase(a) != Character.toLowerCase(b))) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static char otherCase(char c) {
    char lower = Character.toLowerCase(c);
    return lower != c ? lower : Character.toUpperCase(c);
  }
}
