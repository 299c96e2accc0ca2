package dev.understudy.core.privacy.redact;

/**
 * Texts recently found to hold nothing to redact, so that the same text is not scanned again: a
 * direct-mapped table of {@value #SLOTS} slots by hash code, where a newer text evicts an older one
 * with the same slot. Only texts of at most {@value #MAX_LENGTH} characters are kept (longer ones are
 * typed content, which seldom repeats, and comparing them costs more). Only texts in which the detectors find
 * nothing are held, so nothing the redactor removes stays in memory because of it. One instance per scanning thread; not thread-safe.
 */
final class CleanTexts {

  /** Slots in the table: {@value}. A power of two. */
  static final int SLOTS = 1024;
  /** Longest text kept: {@value} characters. */
  static final int MAX_LENGTH = 256;

  private final String[] slots = new String[SLOTS];

  /** True when this text (equal content) was added and not evicted since. */
  boolean contains(String text) {
    if (text.length() > MAX_LENGTH) {
      return false;
    }
    String known = slots[slot(text)];
    // The same instance is the common case: a Source or Target reused from action to action.
    return known == text || (known != null && known.equals(text));
  }

  /** Remembers a text found clean. */
  void add(String text) {
    if (text.length() <= MAX_LENGTH) {
      slots[slot(text)] = text;
    }
  }

  private static int slot(String text) {
    int h = text.hashCode();
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }
}
