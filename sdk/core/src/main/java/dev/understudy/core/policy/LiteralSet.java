package dev.understudy.core.policy;

import dev.understudy.core.privacy.Texts;
import java.util.List;

/**
 * The literals in front of a list's patterns ({@link RequiredLiteral}), looked for in one pass over a
 * value instead of one pass per pattern: a policy's file-path list has sixteen, and every file name
 * an adapter reports is checked against all of them. Found as {@link Texts#containsIgnoreCase} finds
 * them (any case). Immutable; any thread.
 */
final class LiteralSet {

  /** Most literals one set tracks: {@value} (bits of a long). */
  static final int MAX = 64;

  private final String[] literals;
  /** Per ASCII character: the literals whose first character it can stand for, as bits. */
  private final long[] byFirstAscii = new long[128];
  /** The literals whose first character a character outside ASCII can stand for. */
  private final long firstOutsideAscii;

  /** @throws IllegalArgumentException for more than {@link #MAX} literals or an empty one */
  LiteralSet(List<String> literals) {
    if (literals.size() > MAX) {
      throw new IllegalArgumentException("literals: more than " + MAX);
    }
    this.literals = literals.toArray(new String[0]);
    long outside = 0;
    for (int k = 0; k < this.literals.length; k++) {
      String literal = this.literals[k];
      if (literal.isEmpty()) {
        throw new IllegalArgumentException("literals: an empty literal");
      }
      String first = literal.substring(0, 1);
      for (char c = 0; c < 128; c++) {
        if (String.valueOf(c).regionMatches(true, 0, first, 0, 1)) {
          byFirstAscii[c] |= 1L << k;
        }
      }
      // Outside ASCII only letters have case partners in ASCII (the dotted I for i, the long s for s,
      // the Kelvin sign for k); which ones match is for regionMatches to say.
      char f = literal.charAt(0);
      if (f >= 128 || Character.isLetter(f)) {
        outside |= 1L << k;
      }
    }
    this.firstOutsideAscii = outside;
  }

  /** The literals in the list, in order. */
  int size() {
    return literals.length;
  }

  /** Bit k set when literal k occurs in the value, in any case. */
  long find(String value) {
    long found = 0;
    long all = literals.length == MAX ? -1L : (1L << literals.length) - 1;
    for (int i = 0, n = value.length(); i < n && found != all; i++) {
      char c = value.charAt(i);
      long candidates = (c < 128 ? byFirstAscii[c] : firstOutsideAscii) & ~found;
      while (candidates != 0) {
        int k = Long.numberOfTrailingZeros(candidates);
        candidates &= candidates - 1;
        String literal = literals[k];
        if (value.regionMatches(true, i, literal, 0, literal.length())) {
          found |= 1L << k;
        }
      }
    }
    return found;
  }
}
