package dev.understudy.plugins.lsp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of the documents the editor has open, kept in step with {@code didOpen} and
 * {@code didChange}, so a change can say what it removed and a completion can see what was inserted.
 *
 * <p>Positions are LSP's: zero-based lines and UTF-16 code units (Java's {@code char}), lines ended by
 * {@code \n}, {@code \r\n} or {@code \r}; a character past the end of its line means the line's end, a
 * line past the end the document's end. A document longer than {@value #MAX_CHARS} characters is
 * dropped (forgotten until reopened): the proxy must not hold unbounded copies. Lookups scan from the
 * start of the line last edited, so typing in a large file stays cheap.
 *
 * <p>Not thread-safe: the translator's lock guards it.
 */
final class TextDocuments {
  /** Largest document kept, in UTF-16 units: 8 Mi. */
  static final int MAX_CHARS = 8 * 1024 * 1024;

  /** One open document and a known line start (the anchor) to scan from. */
  private static final class Doc {
    final StringBuilder text;
    int anchorLine;
    int anchorOffset;

    Doc(String text) {
      this.text = new StringBuilder(text);
    }
  }

  private final Map<String, Doc> docs = new HashMap<>();
  /** Documents forgotten for their size while open, until they are opened again or closed. */
  private final java.util.Set<String> tooLarge = new java.util.HashSet<>();

  /** The editor opened {@code uri} with this text (or reopened it: the text replaces what was kept). */
  void open(String uri, String text) {
    if (text.length() > MAX_CHARS) {
      docs.remove(uri);
      tooLarge.add(uri);
    } else {
      docs.put(uri, new Doc(text));
      tooLarge.remove(uri);
    }
  }

  void close(String uri) {
    docs.remove(uri);
    tooLarge.remove(uri);
  }

  /** Whether {@code uri} is open but was forgotten for its size. */
  boolean tooLarge(String uri) {
    return tooLarge.contains(uri);
  }

  boolean has(String uri) {
    return docs.containsKey(uri);
  }

  /** The whole text, or null when the document is not kept. */
  String text(String uri) {
    Doc d = docs.get(uri);
    return d == null ? null : d.text.toString();
  }

  /**
   * Replaces the text between two positions (or all of it when {@code startLine} is negative) and
   * returns what was there, or null when the document is not kept.
   */
  String apply(String uri, int startLine, int startCharacter, int endLine, int endCharacter, String newText) {
    Doc d = docs.get(uri);
    if (d == null) {
      return null;
    }
    if (startLine < 0) {
      String removed = d.text.toString();
      open(uri, newText);
      return removed;
    }
    int lineStart = lineStart(d, Math.max(0, startLine));
    int start = offset(d, startLine, startCharacter);
    int end = Math.max(start, offset(d, endLine, endCharacter));
    String removed = d.text.substring(start, end);
    if ((long) d.text.length() - removed.length() + newText.length() > MAX_CHARS) {
      docs.remove(uri);
      tooLarge.add(uri);
      return removed;
    }
    d.text.replace(start, end, newText);
    // The anchor (start of the start line) stays valid unless a '\r' before it now meets a '\n'.
    d.anchorLine = lineStart < 0 ? 0 : Math.max(0, startLine);
    d.anchorOffset = Math.max(0, lineStart);
    if (start == lineStart && lineStart > 0 && d.text.charAt(lineStart - 1) == '\r') {
      d.anchorLine = 0;
      d.anchorOffset = 0;
    }
    return removed;
  }

  /**
   * {@code text} with these edits applied, each {@code {startLine, startCharacter, endLine,
   * endCharacter}} with its new text, all positions in {@code text} as LSP's WorkspaceEdit has them
   * (applied from the last to the first).
   */
  static String applied(String text, List<int[]> ranges, List<String> newTexts) {
    TextDocuments scratch = new TextDocuments();
    scratch.open("", text);
    Integer[] order = new Integer[ranges.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> {
      int[] x = ranges.get(a);
      int[] y = ranges.get(b);
      return x[0] != y[0] ? Integer.compare(y[0], x[0]) : Integer.compare(y[1], x[1]);
    });
    for (int i : order) {
      int[] r = ranges.get(i);
      scratch.apply("", r[0], r[1], r[2], r[3], newTexts.get(i));
    }
    return scratch.text("");
  }

  /** The text of one line without its line break, or null when the document or line is not there. */
  String line(String uri, int line) {
    Doc d = docs.get(uri);
    if (d == null || line < 0) {
      return null;
    }
    int start = lineStart(d, line);
    if (start < 0) {
      return null;
    }
    int end = start;
    while (end < d.text.length() && d.text.charAt(end) != '\n' && d.text.charAt(end) != '\r') {
      end++;
    }
    return d.text.substring(start, end);
  }

  /** The offset of a position, clamped as LSP says; leaves the anchor at the position's line. */
  private static int offset(Doc d, int line, int character) {
    int start = lineStart(d, Math.max(0, line));
    if (start < 0) {
      return d.text.length();
    }
    int at = start;
    int limit = Math.max(0, character);
    while (at - start < limit && at < d.text.length() && d.text.charAt(at) != '\n' && d.text.charAt(at) != '\r') {
      at++;
    }
    return at;
  }

  /** The offset where {@code line} starts, or -1 past the last line; moves the anchor there. */
  private static int lineStart(Doc d, int line) {
    int current = 0;
    int at = 0;
    if (line >= d.anchorLine) {
      current = d.anchorLine;
      at = d.anchorOffset;
    }
    CharSequence t = d.text;
    while (current < line) {
      int next = at;
      while (next < t.length() && t.charAt(next) != '\n' && t.charAt(next) != '\r') {
        next++;
      }
      if (next >= t.length()) {
        return -1;
      }
      next += (t.charAt(next) == '\r' && next + 1 < t.length() && t.charAt(next + 1) == '\n') ? 2 : 1;
      at = next;
      current++;
    }
    d.anchorLine = line;
    d.anchorOffset = at;
    return at;
  }
}
