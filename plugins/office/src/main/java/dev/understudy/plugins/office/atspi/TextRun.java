package dev.understudy.plugins.office.atspi;

/**
 * Typing into one text object, held until the person moves on. In a field (single-line) every change
 * belongs to the run and the field's whole value is read when it ends. In a document the run is
 * contiguous insertions (with backspaces over them) from one place, and ends at the first change
 * elsewhere.
 *
 * <p>Not thread-safe: the worker thread only.
 */
final class TextRun {
  final Node node;
  final boolean field;
  final long firstNanos;
  final int start;
  private final StringBuilder inserted = new StringBuilder();
  private int end;
  private int deleted;
  private long lastNanos;
  private boolean deletion;

  private TextRun(Node node, boolean field, AtspiEvent first) {
    this.node = node;
    this.field = field;
    this.firstNanos = first.timeUnixNanos();
    this.start = first.offset();
    this.end = first.offset();
    this.lastNanos = first.timeUnixNanos();
  }

  /** A run starting with this event. */
  static TextRun start(AtspiEvent first, boolean field) {
    TextRun run = new TextRun(first.node(), field, first);
    if (first.kind() == AtspiEvent.Kind.TEXT_DELETE && !field) {
      run.deleted = first.length();
      run.end = first.offset();
      run.deletion = true;
      return run;
    }
    run.absorb(first);
    return run;
  }

  /** Takes the event into the run if it continues it. */
  boolean absorb(AtspiEvent e) {
    if (!e.node().equals(node)) {
      return false;
    }
    if (field) {
      lastNanos = e.timeUnixNanos();
      return true;
    }
    if (e.kind() == AtspiEvent.Kind.TEXT_INSERT && e.offset() == end && deleted == 0) {
      inserted.append(e.text());
      end += e.length();
    } else if (e.kind() == AtspiEvent.Kind.TEXT_DELETE && deleted == 0 && e.offset() + e.length() == end
        && e.length() <= inserted.length()) {
      inserted.setLength(inserted.length() - e.length());
      end = e.offset();
    } else {
      return false;
    }
    lastNanos = e.timeUnixNanos();
    return true;
  }

  /** The text inserted (documents). */
  String inserted() {
    return inserted.toString();
  }

  /** Characters deleted at {@link #start} (a document run that began with a deletion). */
  int deleted() {
    return deleted;
  }

  /** Time of the last change. */
  long lastNanos() {
    return lastNanos;
  }

  /** Whether the run is only a deletion. */
  boolean deletion() {
    return deletion;
  }
}
