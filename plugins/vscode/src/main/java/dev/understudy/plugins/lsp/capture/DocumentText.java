package dev.understudy.plugins.lsp.capture;

import java.util.Arrays;
import java.util.Objects;

/**
 * The text of one open document, edited with Language Server Protocol positions: zero-based lines and
 * UTF-16 offsets within a line, line breaks {@code \n}, {@code \r\n} or {@code \r}. Positions past the
 * end of a line or of the document are clamped, as the protocol asks.
 *
 * <p>The one model of an open document: the capture server keeps one per open document so that each
 * change can be told apart (insert, delete, replace) and carry the text it removed, the proxy's
 * translator (through its {@code TextDocuments}) so that a change says what it removed and a completion
 * what it inserted, and replay uses it to rebuild documents. Not thread-safe.
 */
public final class DocumentText {

  private final StringBuilder text;
  /** Offset where each line starts; {@code lineStarts[0] == 0}; only the first {@code lines} are used. */
  private int[] lineStarts = new int[16];
  private int lines;

  /** A document holding {@code text}. */
  public DocumentText(String text) {
    this.text = new StringBuilder(Objects.requireNonNull(text, "text"));
    reindex();
  }

  /** The whole text. */
  @Override
  public String toString() {
    return text.toString();
  }

  /** Length in UTF-16 code units. */
  public int length() {
    return text.length();
  }

  /** The text between two offsets. */
  public String substring(int start, int end) {
    return text.substring(start, end);
  }

  /** The offset of a position, clamped to the document. */
  public int offset(int line, int character) {
    if (line < 0) {
      return 0;
    }
    if (line >= lines) {
      return text.length();
    }
    int start = lineStarts[line];
    int end = lineEnd(line);
    return start + Math.max(0, Math.min(character, end - start));
  }

  /** Number of lines: line breaks plus one. */
  public int lines() {
    return lines;
  }

  /** The text of one line without its line break, or null when there is no such line. */
  public String line(int line) {
    if (line < 0 || line >= lines) {
      return null;
    }
    return text.substring(lineStarts[line], lineEnd(line));
  }

  /** Where a line's content ends: before its line break, or at the end of the text for the last line. */
  private int lineEnd(int line) {
    return line + 1 < lines ? contentEnd(line) : text.length();
  }

  /** The line of an offset (0 ≤ offset ≤ length). */
  public int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, 0, lines, offset);
    int line = i >= 0 ? i : -i - 2;
    // Between the \r and \n of a \r\n pair is still the end of the earlier line.
    return Math.max(0, line);
  }

  /** The UTF-16 offset of {@code offset} within its line. */
  public int characterOf(int offset) {
    return offset - lineStarts[lineOf(offset)];
  }

  /**
   * Replaces the text between two positions, each clamped to the document ({@link #offset}); an end before the start
   * is the start.
   */
  public void replace(int startLine, int startCharacter, int endLine, int endCharacter, String replacement) {
    int start = offset(startLine, startCharacter);
    replace(start, Math.max(start, offset(endLine, endCharacter)), replacement);
  }

  /**
   * Replaces the text between two offsets and keeps the line index current.
   *
   * @throws IndexOutOfBoundsException if the offsets are not {@code 0 <= start <= end <= length()}
   */
  public void replace(int start, int end, String replacement) {
    if (start < 0 || end < start || end > text.length()) {
      throw new IndexOutOfBoundsException("range [" + start + ", " + end + ") of a text of length " + text.length());
    }
    // Lines change only if a break is removed or inserted, or a "\r" and "\n" around the range are split
    // apart or joined into one "\r\n".
    boolean touchesBreaks = hasBreak(replacement) || hasBreak(text, start, end)
        || (start > 0 && text.charAt(start - 1) == '\r' && end < text.length() && text.charAt(end) == '\n');
    int delta = replacement.length() - (end - start);
    if (!touchesBreaks) {
      text.replace(start, end, replacement);
      for (int l = lineOf(start) + 1; l < lines; l++) {
        lineStarts[l] += delta;
      }
      return;
    }
    // Line starts after end + 1 only move; the ones from the line before the range up to there are found
    // again by scanning that stretch of the new text (a "\r" just before the range may pair with a "\n").
    int first = Math.max(0, lineOf(start) - 1);
    int tail = first + 1;
    while (tail < lines && lineStarts[tail] <= end + 1) {
      tail++;
    }
    int[] moved = Arrays.copyOfRange(lineStarts, tail, lines);
    text.replace(start, end, replacement);
    lines = first + 1;
    int limit = end + 1 + delta;
    int n = text.length();
    for (int i = lineStarts[first]; i < Math.min(limit, n); i++) {
      char c = text.charAt(i);
      if ((c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) && i + 1 <= limit) {
        add(i + 1);
      }
    }
    for (int m : moved) {
      add(m + delta);
    }
  }

  /** Offset where a line's content ends (before its line break). */
  private int contentEnd(int line) {
    int end = lineStarts[line + 1];
    if (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
      if (end > lineStarts[line] && text.charAt(end - 1) == '\r') {
        end--;
      }
    } else if (end > 0 && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  private void reindex() {
    lines = 0;
    add(0);
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
        add(i + 1);
      }
    }
  }

  private void add(int start) {
    if (lines == lineStarts.length) {
      lineStarts = Arrays.copyOf(lineStarts, lines * 2);
    }
    lineStarts[lines++] = start;
  }

  /** Whether the text holds a line break character. */
  static boolean hasBreak(CharSequence s) {
    return hasBreak(s, 0, s.length());
  }

  private static boolean hasBreak(CharSequence s, int from, int to) {
    for (int i = Math.max(0, from); i < to; i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
