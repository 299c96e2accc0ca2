package dev.understudy.core.privacy;

/** Small text checks the privacy and policy steps run on every action. Stateless. */
public final class Texts {

  private Texts() {}

  /** Whether {@code needle} (non-empty) appears in {@code haystack}, in any letter case. */
  public static boolean containsIgnoreCase(String haystack, String needle) {
    int last = haystack.length() - needle.length();
    char first = needle.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    char firstLower = Character.toLowerCase(first);
    for (int i = 0; i <= last; i++) {
      char c = haystack.charAt(i);
      if ((c == firstLower || c == firstUpper || c == first) && haystack.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }
}
