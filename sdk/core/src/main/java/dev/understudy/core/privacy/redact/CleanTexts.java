package dev.understudy.core.privacy.redact;

/**
 * Texts recently found to hold nothing to redact, so that the same text is not scanned again: a
 * two-way set-associative table of {@value #SETS} sets by hash code. A text found again moves to the
 * front of its set, and a new text pushes out the set's older one, so a title or a button name that
 * comes back every few actions survives the one-off texts (typed values, URLs) that share its set.
 * Only texts of at most {@value #MAX_LENGTH} characters are kept (longer ones are typed content,
 * which seldom repeats, and comparing them costs more). Only texts in which the detectors find nothing
 * are held, so nothing the redactor removes stays in memory because of it. One instance per scanning
 * thread; not thread-safe.
 */
final class CleanTexts {

  /** Sets in the table: {@value}, of two texts each. A power of two. */
  static final int SETS = 2048;
  /** Longest text kept: {@value} characters. */
  static final int MAX_LENGTH = 256;

  /** Set k is slots 2k (the more recent) and 2k + 1. */
  private final String[] slots = new String[2 * SETS];

  /** True when this text (equal content) was added and not evicted since. */
  boolean contains(String text) {
    if (text.length() > MAX_LENGTH) {
      return false;
    }
    int front = 2 * set(text);
    String known = slots[front];
    // The same instance is the common case: a Source or Target reused from action to action.
    if (known == text || (known != null && known.equals(text))) {
      return true;
    }
    String older = slots[front + 1];
    if (older == text || (older != null && older.equals(text))) {
      slots[front + 1] = known;
      slots[front] = older;
      return true;
    }
    return false;
  }

  /** Remembers a text found clean, in front of its set. */
  void add(String text) {
    if (text.length() <= MAX_LENGTH) {
      int front = 2 * set(text);
      slots[front + 1] = slots[front];
      slots[front] = text;
    }
  }

  /** The set a text goes in; package-private for tests. */
  static int set(String text) {
    int h = text.hashCode();
    return (h ^ (h >>> 16)) & (SETS - 1);
  }
}
