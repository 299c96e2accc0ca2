package dev.understudy.core.privacy.redact;

import java.security.SecureRandom;

/**
 * Texts recently found to hold something to redact, with what the scanner made of them, so that a
 * text that comes back is not scanned and pseudonymised again: a window title with an address in it
 * comes with every action in that window.
 *
 * <p>The texts themselves are not kept, so nothing the redactor removes stays in memory because of
 * this table (as with {@link CleanTexts}, which keeps only texts that hold nothing). An entry is found
 * by a fingerprint of the text: two polynomial hashes modulo the prime 2<sup>61</sup>-1 at bases drawn
 * at random for each table, over the text in three-character digits. Two different texts of at most
 * {@value #MAX_LENGTH} characters share a fingerprint with a probability below 2<sup>-100</sup>,
 * whatever the texts, since the bases are secret; and were it to happen, the text would be replaced by
 * another text's redacted form, which holds none of its characters. A fingerprint tells no more about
 * a text than its pseudonym, which the key that lives beside it in memory also gives.
 *
 * <p>Direct-mapped, {@value #SLOTS} slots: a newer text evicts an older one with the same slot. One
 * instance per scanning thread; not thread-safe.
 */
final class RedactedTexts {

  /** Slots in the table: {@value}. A power of two. */
  static final int SLOTS = 512;
  /** Longest text kept: {@value} characters, as {@link CleanTexts#MAX_LENGTH}. */
  static final int MAX_LENGTH = CleanTexts.MAX_LENGTH;

  private static final long PRIME = (1L << 61) - 1;

  private final long base1;
  private final long base2;
  private final long[] first = new long[SLOTS];
  private final long[] second = new long[SLOTS];
  private final TextScanner.Result[] results = new TextScanner.Result[SLOTS];

  RedactedTexts() {
    this(new SecureRandom());
  }

  RedactedTexts(java.util.Random random) {
    this.base1 = Math.floorMod(random.nextLong(), PRIME);
    this.base2 = Math.floorMod(random.nextLong(), PRIME);
  }

  /** The fingerprint of a text for {@link #get} and {@link #put}; only for texts of at most {@link #MAX_LENGTH}. */
  Fingerprint fingerprint(String text, Fingerprint into) {
    long h1 = 0;
    long h2 = 0;
    int n = text.length();
    int i = 0;
    for (; i + 3 <= n; i += 3) {
      long digit = (long) text.charAt(i) << 32 | (long) text.charAt(i + 1) << 16 | text.charAt(i + 2);
      h1 = add(multiply(h1, base1), digit);
      h2 = add(multiply(h2, base2), digit);
    }
    long rest = n - i;
    for (; i < n; i++) {
      rest = rest << 16 | text.charAt(i);
    }
    // The length, last: texts that differ only in trailing zero characters differ here.
    long tail = rest << 16 | n;
    into.first = add(multiply(h1, base1), tail);
    into.second = add(multiply(h2, base2), tail);
    return into;
  }

  /** The result remembered for the text with this fingerprint, or {@code null}. */
  TextScanner.Result get(Fingerprint f) {
    int slot = slot(f);
    TextScanner.Result r = results[slot];
    return r != null && first[slot] == f.first && second[slot] == f.second ? r : null;
  }

  /** Remembers what the scanner made of the text with this fingerprint. */
  void put(Fingerprint f, TextScanner.Result result) {
    int slot = slot(f);
    first[slot] = f.first;
    second[slot] = f.second;
    results[slot] = result;
  }

  private static int slot(Fingerprint f) {
    return (int) (f.first ^ (f.first >>> 29)) & (SLOTS - 1);
  }

  /** a * b mod 2^61-1, for a, b below 2^61. */
  private static long multiply(long a, long b) {
    long low = a * b;
    long high = Math.multiplyHigh(a, b);
    long r = (low & PRIME) + ((low >>> 61) | (high << 3));
    r = (r & PRIME) + (r >>> 61);
    return r >= PRIME ? r - PRIME : r;
  }

  /** a + b mod 2^61-1, for a, b below 2^61 - 1 (a digit or a tail is below 2^50). */
  private static long add(long a, long b) {
    long r = a + b;
    return r >= PRIME ? r - PRIME : r;
  }

  /** A text's fingerprint; reused per thread. */
  static final class Fingerprint {
    long first;
    long second;
  }
}
