package dev.understudy.plugins.lsp.capture;

import dev.understudy.proto.v1.EditOperation;
import java.util.Objects;

/**
 * Joins the content changes an editor sends, often one per keystroke, into semantic edits: text typed
 * forward, a run of backspaces or forward deletes, a selection typed over. A run stays open while the
 * changes continue it within one line and the editor is not idle for longer than the idle window; any
 * other change, a line break typed after text, the idle window or an explicit {@link #flush} completes it.
 *
 * <p>Each change is first made minimal (the text it removed and inserted, without a common prefix and
 * suffix): Neovim sends {@code o} as "replace the line break by two line breaks", which is an insert of one
 * line break at the end of the line, and typing on the new line continues that edit.
 *
 * <p>Not thread-safe: the capture server calls it under its own lock.
 */
final class EditCoalescer {

  /** A completed edit, with the range it replaced in the document as it was before the edit. */
  record Edit(String uri, EditOperation operation, int startLine, int startCharacter,
      int endLine, int endCharacter, String text, String removed, long version, long timeUnixNanos, int changes) {}

  /** Receives completed edits. */
  @FunctionalInterface
  interface Sink {
    void accept(Edit edit);
  }

  private final long idleNanos;
  private final int maxRunChars;
  private final Sink sink;
  private Run run;

  /**
   * @param idleNanos a run is completed once no change continued it for this long
   * @param maxRunChars a run is completed before its inserted or removed text would exceed this
   */
  EditCoalescer(long idleNanos, int maxRunChars, Sink sink) {
    if (idleNanos <= 0) {
      throw new IllegalArgumentException("idleNanos must be positive, got " + idleNanos);
    }
    if (maxRunChars < 1) {
      throw new IllegalArgumentException("maxRunChars must be positive, got " + maxRunChars);
    }
    this.idleNanos = idleNanos;
    this.maxRunChars = maxRunChars;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** The open run. */
  private static final class Run {
    final String uri;
    final DocumentText document;
    /** Where the run starts, in the current document; the text before it is as it was when the run began. */
    int start;
    final StringBuilder removed = new StringBuilder();
    final StringBuilder inserted = new StringBuilder();
    /** False when the first change crossed lines: such a run is never extended. */
    final boolean extensible;
    long version;
    final long timeUnixNanos;
    long lastNanos;
    int changes;

    Run(String uri, DocumentText document, int start, String removed, String inserted, long version, long timeUnixNanos,
        long nanos) {
      this.uri = uri;
      this.document = document;
      this.start = start;
      this.removed.append(removed);
      this.inserted.append(inserted);
      this.extensible = !DocumentText.hasBreak(removed) && onlyLeadingBreaks(inserted);
      this.version = version;
      this.timeUnixNanos = timeUnixNanos;
      this.lastNanos = nanos;
      this.changes = 1;
    }
  }

  /**
   * Applies one content change to {@code document} and coalesces it. Offsets are clamped; a range that
   * ends before it starts is taken as empty at its start.
   *
   * @param start offset where the replaced range starts
   * @param end offset where it ends
   * @param nanos monotonic time of the change ({@link System#nanoTime()} scale)
   */
  void change(String uri, DocumentText document, int start, int end, String text, long version, long timeUnixNanos,
      long nanos) {
    int s = Math.max(0, Math.min(start, document.length()));
    int e = Math.max(s, Math.min(end, document.length()));
    String removed = document.substring(s, e);
    // Minimal change: common suffix first (so "\n" -> "\n\n" is an insert at the end of the line), then prefix.
    int suffix = commonSuffix(removed, text);
    removed = removed.substring(0, removed.length() - suffix);
    String inserted = text.substring(0, text.length() - suffix);
    int prefix = commonPrefix(removed, inserted);
    removed = removed.substring(prefix);
    inserted = inserted.substring(prefix);
    s += prefix;
    if (removed.isEmpty() && inserted.isEmpty()) {
      if (run != null && run.document == document) {
        run.version = version;
      }
      return;
    }
    if (run != null && (run.document != document || nanos - run.lastNanos > idleNanos || !extend(s, removed, inserted))) {
      flush();
    }
    if (run != null) {
      run.version = version;
      run.lastNanos = nanos;
      run.changes++;
    } else {
      run = new Run(uri, document, s, removed, inserted, version, timeUnixNanos, nanos);
    }
    document.replace(s, s + removed.length(), inserted);
  }

  /** Extends the open run with a change (offsets in the document before the change), if it continues it. */
  private boolean extend(int s, String removed, String inserted) {
    Run r = run;
    if (!r.extensible) {
      return false;
    }
    int insertedEnd = r.start + r.inserted.length();
    if (removed.isEmpty()) {
      // Typing forward at the end of what the run inserted (or where it deleted).
      if (s == insertedEnd && !DocumentText.hasBreak(inserted) && r.inserted.length() + inserted.length() <= maxRunChars) {
        r.inserted.append(inserted);
        return true;
      }
      return false;
    }
    if (!inserted.isEmpty() || DocumentText.hasBreak(removed) && r.inserted.length() == 0) {
      return false;
    }
    if (r.inserted.length() > 0) {
      // Backspace over the tail of what the run typed.
      if (s >= r.start && s + removed.length() == insertedEnd) {
        r.inserted.setLength(s - r.start);
        return true;
      }
      return false;
    }
    if (r.removed.length() + removed.length() > maxRunChars) {
      return false;
    }
    if (s + removed.length() == r.start) {
      r.start = s; // backspace
      r.removed.insert(0, removed);
      return true;
    }
    if (s == r.start) {
      r.removed.append(removed); // forward delete
      return true;
    }
    return false;
  }

  /** Completes the open run if it has been idle for longer than the idle window at {@code nanos}. */
  void flushIfIdle(long nanos) {
    if (run != null && nanos - run.lastNanos >= idleNanos) {
      flush();
    }
  }

  /** Monotonic time at which the open run becomes idle; {@link Long#MAX_VALUE} when there is none. */
  long idleAt() {
    return run == null ? Long.MAX_VALUE : run.lastNanos + idleNanos;
  }

  /** Whether a run is open. */
  boolean pending() {
    return run != null;
  }

  /** Whether a caret at this offset of this document sits where the open run's typing would continue. */
  boolean caretFollowsRun(DocumentText document, int offset) {
    return run != null && run.document == document && offset == run.start + run.inserted.length();
  }

  /** Completes the open run, if any; a run whose changes cancelled out gives no edit. */
  void flush() {
    Run r = run;
    if (r == null) {
      return;
    }
    run = null;
    String removed = r.removed.toString();
    String inserted = r.inserted.toString();
    int prefix = commonPrefix(removed, inserted);
    int suffix = commonSuffix(removed.substring(prefix), inserted.substring(prefix));
    removed = removed.substring(prefix, removed.length() - suffix);
    inserted = inserted.substring(prefix, inserted.length() - suffix);
    if (removed.isEmpty() && inserted.isEmpty()) {
      return;
    }
    int start = r.start + prefix;
    int line = r.document.lineOf(start);
    int character = r.document.characterOf(start);
    int[] end = advance(line, character, removed);
    EditOperation op = removed.isEmpty() ? EditOperation.EDIT_OPERATION_INSERT
        : inserted.isEmpty() ? EditOperation.EDIT_OPERATION_DELETE : EditOperation.EDIT_OPERATION_REPLACE;
    sink.accept(new Edit(r.uri, op, line, character, end[0], end[1], inserted, removed, r.version,
        r.timeUnixNanos, r.changes));
  }

  /** The position after {@code text} when it starts at {@code line:character}. */
  static int[] advance(int line, int character, String text) {
    int l = line;
    int c = character;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || (ch == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
        l++;
        c = 0;
      } else if (ch != '\r') {
        c++;
      }
    }
    return new int[] {l, c};
  }

  static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    // Never split a surrogate pair.
    if (i > 0 && i < n && Character.isHighSurrogate(a.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  static int commonSuffix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
      i++;
    }
    if (i > 0 && i < n && Character.isLowSurrogate(a.charAt(a.length() - i))) {
      i--;
    }
    return i;
  }

  /** True when every line break comes before any other character ("\n", "\n    " but not "a\nb"). */
  private static boolean onlyLeadingBreaks(CharSequence s) {
    boolean text = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        if (text) {
          return false;
        }
      } else {
        text = true;
      }
    }
    return true;
  }
}
