package dev.understudy.core.privacy;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import dev.understudy.proto.v1.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins what a person types one key at a time into one action before redaction sees it, so that a
 * secret typed key by key is detected whole and its per-keystroke fragments never reach the store.
 *
 * <p>Per adapter, it holds back: a run of contiguous text inserts into one document (backspaces over
 * the held text shorten it), or a run of typed value changes of one field (only the last value is
 * kept; the earlier ones are prefixes of it). Checked states, chosen options and chosen files pass
 * straight through. The price of holding is latency: typed text is stored when the person moves on,
 * or after the idle window. It releases what it holds when the adapter emits anything else,
 * when the run stops being contiguous, when it has been idle for the idle window, when it reaches
 * {@link #MAX_CHARS}, or at the end of the session. Actions with different parents ({@code parent_id})
 * never join one run. A released text run keeps the first keystroke's time and reports one insert of the
 * whole text at the run's start position.
 *
 * <p>Threading: pipeline thread only; not thread-safe.
 */
public final class KeystrokeCoalescer<O> {

  /** Default idle window after which a held run is released: 2 seconds. */
  public static final long DEFAULT_IDLE_NANOS = 2_000_000_000L;
  /** Largest run held back, in UTF-16 units. */
  public static final int MAX_CHARS = 65_536;

  /** An action released for the rest of the pipeline, with the emitter it came from. */
  public record Released<T>(Action action, T origin) {}

  private final long idleNanos;
  private final Map<String, Run<O>> runs = new HashMap<>();

  public KeystrokeCoalescer(long idleNanos) {
    if (idleNanos <= 0) {
      throw new IllegalArgumentException("idleNanos must be positive, got " + idleNanos);
    }
    this.idleNanos = idleNanos;
  }

  /**
   * Offers one action from an adapter. Returns what is ready to go on, in order: possibly a run this
   * action ended, and the action itself unless it was held back.
   */
  public List<Released<O>> offer(Action action, O origin, long nowNanos) {
    String adapter = action.getSource().getAdapterId();
    Run<O> run = runs.get(adapter);
    List<Released<O>> out = new ArrayList<>(2);
    if (run != null && run.absorb(action, nowNanos)) {
      if (run.size() >= MAX_CHARS) {
        runs.remove(adapter);
        run.release(out);
      }
      return out;
    }
    if (run != null) {
      runs.remove(adapter);
      run.release(out);
    }
    Run<O> started = Run.start(action, origin, nowNanos);
    if (started != null) {
      runs.put(adapter, started);
    } else {
      out.add(new Released<>(action, origin));
    }
    return out;
  }

  /** Releases the runs idle for longer than the idle window. */
  public List<Released<O>> releaseIdle(long nowNanos) {
    List<Released<O>> out = new ArrayList<>();
    runs.values().removeIf(run -> {
      if (nowNanos - run.lastNanos >= idleNanos) {
        run.release(out);
        return true;
      }
      return false;
    });
    return out;
  }

  /** Releases everything held: the session is ending. */
  public List<Released<O>> releaseAll() {
    List<Released<O>> out = new ArrayList<>();
    runs.values().forEach(run -> run.release(out));
    runs.clear();
    return out;
  }

  /** Whether anything is held back. */
  public boolean holding() {
    return !runs.isEmpty();
  }

  /** A run of keystrokes held back for one adapter. */
  private static final class Run<T> {
    private final T origin;
    private Action first;
    private Action last;
    private long lastNanos;
    // Text runs: the insert position, the position after the held text, and the text.
    private final boolean text;
    private TextPosition start;
    private TextPosition end;
    /** The held text of a text run; {@code null} for a value run, which keeps only its last action. */
    private final StringBuilder buffer;

    private Run(Action action, T origin, long nowNanos, boolean text) {
      this.origin = origin;
      this.first = action;
      this.last = action;
      this.lastNanos = nowNanos;
      this.text = text;
      this.buffer = text ? new StringBuilder() : null;
    }

    static <T> Run<T> start(Action action, T origin, long nowNanos) {
      if (action.hasValueChange() && typed(action.getValueChange().getValueKind())) {
        return new Run<>(action, origin, nowNanos, false);
      }
      if (isInsert(action)) {
        Run<T> run = new Run<>(action, origin, nowNanos, true);
        run.start = action.getTextEdit().getRange().getStart();
        run.buffer.append(action.getTextEdit().getText());
        run.end = advance(run.start, action.getTextEdit().getText());
        return run;
      }
      return null;
    }

    int size() {
      return text ? buffer.length() : last.getValueChange().getValue().length();
    }

    /** Takes the action into this run if it continues it. */
    boolean absorb(Action action, long nowNanos) {
      // What another action caused (a rename's edits, an accepted completion) is not the person typing on.
      if (!action.getParentId().equals(first.getParentId())) {
        return false;
      }
      if (!text) {
        if (!action.hasValueChange() || !sameField(first, action)) {
          return false;
        }
        last = action;
        lastNanos = nowNanos;
        return true;
      }
      if (!action.hasTextEdit() || !sameDocument(first, action)) {
        return false;
      }
      TextEdit edit = action.getTextEdit();
      if (isInsert(action) && samePosition(edit.getRange().getStart(), end)) {
        buffer.append(edit.getText());
        end = advance(end, edit.getText());
      } else if (isBackspaceOverHeldText(edit)) {
        buffer.setLength(buffer.length() - (end.getCharacter() - edit.getRange().getStart().getCharacter()));
        end = edit.getRange().getStart();
      } else {
        return false;
      }
      last = action;
      lastNanos = nowNanos;
      return true;
    }

    // A delete on the held text's last line, ending where it ends, within what is held.
    private boolean isBackspaceOverHeldText(TextEdit edit) {
      if (edit.getOperation() != EditOperation.EDIT_OPERATION_DELETE || !edit.getText().isEmpty()) {
        return false;
      }
      TextRange r = edit.getRange();
      if (!samePosition(r.getEnd(), end) || r.getStart().getLine() != end.getLine()) {
        return false;
      }
      int removed = end.getCharacter() - r.getStart().getCharacter();
      int heldOnLastLine = buffer.length() - (buffer.lastIndexOf("\n") + 1);
      return removed > 0 && removed <= heldOnLastLine && removed <= buffer.length();
    }

    void release(List<Released<T>> out) {
      Action coalesced = coalesced();
      if (coalesced != null) {
        out.add(new Released<>(coalesced, origin));
      }
    }

    private Action coalesced() {
      if (!text) {
        if (first == last) {
          return last;
        }
        // The last value, with the first value's "before" and time: one change, as the person made it.
        Action.Builder b = last.toBuilder().setTimeUnixNano(first.getTimeUnixNano());
        b.getValueChangeBuilder().setPreviousValue(first.getValueChange().getPreviousValue());
        return b.build();
      }
      if (buffer.length() == 0) {
        return null; // typed and erased again: nothing changed
      }
      if (first == last) {
        return first;
      }
      Action.Builder b = last.toBuilder().setTimeUnixNano(first.getTimeUnixNano());
      b.getTextEditBuilder()
          .setOperation(EditOperation.EDIT_OPERATION_INSERT)
          .setRange(TextRange.newBuilder().setStart(start).setEnd(start))
          .setText(buffer.toString())
          .clearRemovedText();
      return b.build();
    }
  }

  private static boolean isInsert(Action action) {
    if (!action.hasTextEdit()) {
      return false;
    }
    TextEdit edit = action.getTextEdit();
    boolean emptyRange = samePosition(edit.getRange().getStart(), edit.getRange().getEnd());
    return !edit.getText().isEmpty() && emptyRange
        && (edit.getOperation() == EditOperation.EDIT_OPERATION_INSERT || edit.getOperation() == EditOperation.EDIT_OPERATION_UNSPECIFIED);
  }

  /**
   * Whether a value of this kind is typed, and so may arrive one key at a time. A ticked box or a
   * chosen option is one complete event and passes straight through.
   */
  private static boolean typed(ValueKind kind) {
    switch (kind) {
      case VALUE_KIND_CHECKED:
      case VALUE_KIND_OPTION:
      case VALUE_KIND_FILE:
        return false;
      default:
        return true;
    }
  }

  private static boolean samePosition(TextPosition a, TextPosition b) {
    return a.getLine() == b.getLine() && a.getCharacter() == b.getCharacter();
  }

  /** The position after this text, counting line breaks (\n, \r\n, \r) as LSP does, in UTF-16 units. */
  static TextPosition advance(TextPosition from, String text) {
    int line = from.getLine();
    int character = from.getCharacter();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        line++;
        character = 0;
      } else if (c == '\n') {
        line++;
        character = 0;
      } else {
        character++;
      }
    }
    return TextPosition.newBuilder().setLine(line).setCharacter(character).build();
  }

  private static boolean sameField(Action a, Action b) {
    return a.getTarget().equals(b.getTarget()) && a.getSource().getDocument().equals(b.getSource().getDocument());
  }

  private static boolean sameDocument(Action a, Action b) {
    return documentOf(a).equals(documentOf(b)) && a.getTarget().getRole().equals(b.getTarget().getRole())
        && a.getTarget().getName().equals(b.getTarget().getName());
  }

  private static String documentOf(Action a) {
    for (Locator l : a.getTarget().getLocatorsList()) {
      if (l.hasTextLocation()) {
        return l.getTextLocation().getUri();
      }
    }
    return a.getSource().getDocument();
  }
}
