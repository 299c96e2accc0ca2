package dev.understudy.core.privacy;

/** Small text checks the privacy and policy steps run on every action. Stateless. */
public final class Texts {

  private Texts() {}

  /**
   * Whether {@code needle} (non-empty) appears in {@code haystack}, in any letter case: at some
   * position {@link String#regionMatches(boolean, int, String, int, int)} with {@code ignoreCase}
   * holds.
   */
  public static boolean containsIgnoreCase(String haystack, String needle) {
    int last = haystack.length() - needle.length();
    char first = needle.charAt(0);
    // What an ASCII character must be to match the first, as regionMatches compares: same character,
    // same upper case, or same lower case of the upper case.
    char upperFirst = Character.toUpperCase(first);
    char lowerUpperFirst = Character.toLowerCase(upperFirst);
    // The second character too, before the full comparison: the first alone ('p' of "password")
    // is in most texts.
    boolean one = needle.length() == 1;
    char second = one ? 0 : needle.charAt(1);
    for (int i = 0; i <= last; i++) {
      char c = haystack.charAt(i);
      boolean candidate = c < 128
          ? c == first || asciiUpper(c) == upperFirst || asciiLower(c) == lowerUpperFirst
          : sameIgnoringCase(c, first);
      if (candidate && (one || sameIgnoringCase(haystack.charAt(i + 1), second))
          && haystack.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }

  private static char asciiUpper(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** The comparison {@link String#regionMatches(boolean, int, String, int, int)} makes of one character. */
  private static boolean sameIgnoringCase(char a, char b) {
    if (a == b) {
      return true;
    }
    char upperA = Character.toUpperCase(a);
    char upperB = Character.toUpperCase(b);
    return upperA == upperB || Character.toLowerCase(upperA) == Character.toLowerCase(upperB);
  }
}
