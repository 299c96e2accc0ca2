package dev.understudy.plugins.lsp;

import dev.understudy.plugins.lsp.capture.DocumentText;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of the documents the editor has open, kept in step with {@code didOpen} and
 * {@code didChange}, so a change can say what it removed and a completion can see what was inserted.
 * Each document is a {@link DocumentText}, the model the capture server and replay use, so positions
 * mean the same everywhere: LSP's zero-based lines and UTF-16 code units, lines ended by {@code \n},
 * {@code \r\n} or {@code \r}, a character past the end of its line at the line's end, a line past the
 * end at the document's end.
 *
 * <p>A document longer than {@value #MAX_CHARS} characters is dropped (forgotten until reopened): the
 * proxy must not hold unbounded copies.
 *
 * <p>Not thread-safe: the translator's lock guards it.
 */
final class TextDocuments {
  /** Largest document kept, in UTF-16 units: 8 Mi. */
  static final int MAX_CHARS = 8 * 1024 * 1024;

  private final Map<String, DocumentText> docs = new HashMap<>();
  /** Documents forgotten for their size while open, until they are opened again or closed. */
  private final Set<String> tooLarge = new HashSet<>();

  /** The editor opened {@code uri} with this text (or reopened it: the text replaces what was kept). */
  void open(String uri, String text) {
    if (text.length() > MAX_CHARS) {
      docs.remove(uri);
      tooLarge.add(uri);
    } else {
      docs.put(uri, new DocumentText(text));
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
    DocumentText d = docs.get(uri);
    return d == null ? null : d.toString();
  }

  /**
   * Replaces the text between two positions (or all of it when {@code startLine} is negative) and
   * returns what was there, or null when the document is not kept.
   */
  String apply(String uri, int startLine, int startCharacter, int endLine, int endCharacter, String newText) {
    DocumentText d = docs.get(uri);
    if (d == null) {
      return null;
    }
    if (startLine < 0) {
      String removed = d.toString();
      open(uri, newText);
      return removed;
    }
    int start = d.offset(startLine, startCharacter);
    int end = Math.max(start, d.offset(endLine, endCharacter));
    String removed = d.substring(start, end);
    if ((long) d.length() - removed.length() + newText.length() > MAX_CHARS) {
      docs.remove(uri);
      tooLarge.add(uri);
      return removed;
    }
    d.replace(start, end, newText);
    return removed;
  }

  /**
   * {@code text} with these edits applied, each {@code {startLine, startCharacter, endLine,
   * endCharacter}} with its new text, all positions in {@code text} as LSP's WorkspaceEdit has them
   * (applied from the last to the first).
   */
  static String applied(String text, List<int[]> ranges, List<String> newTexts) {
    DocumentText scratch = new DocumentText(text);
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
      scratch.replace(r[0], r[1], r[2], r[3], newTexts.get(i));
    }
    return scratch.toString();
  }

  /** The text of one line without its line break, or null when the document or line is not there. */
  String line(String uri, int line) {
    DocumentText d = docs.get(uri);
    return d == null ? null : d.line(line);
  }
}
