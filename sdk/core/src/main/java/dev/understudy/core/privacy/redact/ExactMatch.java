package dev.understudy.core.privacy.redact;

/**
 * A detector's expression matched by hand at an anchor, for the detectors whose anchors fire most
 * (numbers, addresses, tokens): each RE2/J call costs microseconds whatever it matches, several times
 * what these few comparisons cost. The answer must be the one RE2/J gives for an anchored match at
 * {@code start} (its leftmost-first choice among the matches there, group 0); where a text leaves
 * that in doubt (characters outside ASCII, which RE2/J's Unicode tables classify) it returns
 * {@link #ASK_RE2J} and the engine runs as before. {@code ShortcutsTest} compares every detector with
 * a plain RE2/J search.
 */
@FunctionalInterface
interface ExactMatch {

  /** No match starts at this position. */
  int NONE = -1;
  /** This text is for RE2/J to decide. */
  int ASK_RE2J = -2;

  /** The end of the match RE2/J finds anchored at {@code start}, {@link #NONE} or {@link #ASK_RE2J}. */
  int end(String text, int start);

  /** {@code [A-Za-z0-9+_=-]{min,}}: the whole run of token characters from the start, if long enough. */
  static ExactMatch tokenRun(int min) {
    return (text, start) -> {
      int i = start;
      int n = text.length();
      while (i < n && TextStats.isEntropyChar(text.charAt(i))) {
        i++;
      }
      return i - start >= min ? i : NONE;
    };
  }

  /**
   * {@code [0-9](?:[0-9]|[ -][0-9]){min,max}}: a digit, then as many of "a digit" or "a space or dash
   * and a digit" as there are, up to {@code max}. The two choices start differently, so there is no
   * other way to read the text, and taking fewer never helps.
   */
  static ExactMatch digitGroups(int min, int max) {
    return (text, start) -> {
      int n = text.length();
      if (start >= n || !Checks.isDigit(text.charAt(start))) {
        return NONE;
      }
      int i = start + 1;
      int taken = 0;
      while (taken < max && i < n) {
        char c = text.charAt(i);
        if (Checks.isDigit(c)) {
          i++;
        } else if ((c == ' ' || c == '-') && i + 1 < n && Checks.isDigit(text.charAt(i + 1))) {
          i += 2;
        } else {
          break;
        }
        taken++;
      }
      return taken >= min ? i : NONE;
    };
  }

  /** A fixed shape of digits and separators ({@code "ddd-dd-dddd"}: 'd' a digit, any other one of {@code separators}). */
  static ExactMatch digitShape(String shape, String separators) {
    return (text, start) -> {
      int k = shape.length();
      if (start + k > text.length()) {
        return NONE;
      }
      for (int j = 0; j < k; j++) {
        char c = text.charAt(start + j);
        if (shape.charAt(j) == 'd' ? !Checks.isDigit(c) : separators.indexOf(c) < 0) {
          return NONE;
        }
      }
      return start + k;
    };
  }

  /**
   * IBANs, {@code (?i)[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?}: two letters, two
   * digits, two to seven groups of four letters or digits each after an optional space, and an
   * optional last group of one to three. Greedy throughout: a group with a space before it is taken
   * when it is there (without the space the group would have to start with the space), and nothing
   * follows the expression, so the longest reading is RE2/J's.
   */
  static ExactMatch iban() {
    return (text, start) -> {
      int n = text.length();
      if (start + 4 > n || !Checks.foldsToAsciiLetter(text.charAt(start)) || !Checks.foldsToAsciiLetter(text.charAt(start + 1))
          || !Checks.isDigit(text.charAt(start + 2)) || !Checks.isDigit(text.charAt(start + 3))) {
        return NONE;
      }
      int i = start + 4;
      int groups = 0;
      while (groups < 7) {
        int j = i < n && text.charAt(i) == ' ' ? i + 1 : i;
        if (alnumRun(text, j, 4) < 4) {
          break;
        }
        i = j + 4;
        groups++;
      }
      if (groups < 2) {
        return NONE;
      }
      int j = i < n && text.charAt(i) == ' ' ? i + 1 : i;
      int last = alnumRun(text, j, 3);
      return last > 0 ? j + last : i;
    };
  }

  /** How many of the next {@code most} characters from {@code from} are {@code (?i)[A-Z0-9]}. */
  private static int alnumRun(String text, int from, int most) {
    int k = 0;
    while (k < most && from + k < text.length()
        && (Checks.foldsToAsciiLetter(text.charAt(from + k)) || Checks.isDigit(text.charAt(from + k)))) {
      k++;
    }
    return k;
  }

  /**
   * E-mail addresses in ASCII: {@code [\p{L}\p{N}._%+-]+@label(?:\.label)*\.\p{L}{2,}} with labels of
   * letters, digits and inner dashes. A label can hold no dot and must be followed by one, so every
   * label is a whole segment between dots; more labels make a longer match and RE2/J prefers more, so
   * its match ends after the letters opening the last segment that can end it. Any character outside
   * ASCII met on the way (a letter of another script, which RE2/J's tables decide) is left to RE2/J.
   */
  static ExactMatch asciiEmail() {
    return (text, start) -> {
      int n = text.length();
      int i = start;
      char c = 0;
      while (i < n && isLocal(c = text.charAt(i))) {
        i++;
      }
      if (i < n && c >= 128) {
        return ASK_RE2J;
      }
      if (i == start || i >= n || c != '@') {
        return NONE;
      }
      // The first label: a whole segment, followed by a dot.
      int segment = i + 1;
      int end = segmentEnd(text, segment);
      if (end < 0) {
        return ASK_RE2J;
      }
      if (!isLabel(text, segment, end) || end >= n || text.charAt(end) != '.') {
        return NONE;
      }
      int best = NONE;
      while (true) {
        segment = end + 1;
        end = segmentEnd(text, segment);
        if (end < 0) {
          return ASK_RE2J;
        }
        int letters = segment;
        while (letters < end && Checks.isAsciiLetter(text.charAt(letters))) {
          letters++;
        }
        if (letters - segment >= 2) {
          best = letters; // this segment can be the last one
        }
        if (!isLabel(text, segment, end) || end >= n || text.charAt(end) != '.') {
          return best;
        }
      }
    };
  }

  private static boolean isLocal(char c) {
    return Checks.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  /** The end of the run of {@code [A-Za-z0-9-]} from {@code from}, or -1 when a character outside ASCII ends it. */
  private static int segmentEnd(String text, int from) {
    int i = from;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c >= 128) {
        return -1;
      }
      if (!Checks.isAsciiAlnum(c) && c != '-') {
        break;
      }
      i++;
    }
    return i;
  }

  /** {@code [A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?} over exactly this segment. */
  private static boolean isLabel(String text, int from, int to) {
    return to > from && Checks.isAsciiAlnum(text.charAt(from)) && Checks.isAsciiAlnum(text.charAt(to - 1));
  }
}
