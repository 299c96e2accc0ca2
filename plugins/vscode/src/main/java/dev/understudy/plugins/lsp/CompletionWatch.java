package dev.understudy.plugins.lsp;

import dev.understudy.api.ActionRefs;
import dev.understudy.proto.v1.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a completion the server answered until the document shows whether one of its items was
 * accepted: the editor never says so, it just changes the text. Neovim's omnifunc, for one, erases the
 * typed prefix and types the item's word back key by key.
 *
 * <p>While it holds, changes to the completion's line are held with it. After each, the text from where
 * the completed word starts is compared with the items' texts: an item followed by a non-word character
 * (or the line's end) is the accepted one; a text that is still the start of some item keeps the
 * completion held (at most {@value #MAX_HELD_CHANGES} changes); anything else means none was accepted.
 * A change elsewhere, a save, a request or the end of the session also ends the wait.
 *
 * <p>On acceptance, the completion comes first and the held changes after it, as its effects. Without
 * one, the held changes come first, then the completion: what was typed meanwhile stays one run of
 * typing for the runtime (which joins keystrokes so a secret typed key by key is detected whole).
 *
 * <p>Not thread-safe: the translator's lock guards it.
 */
final class CompletionWatch {
  /** Most changes held while waiting for an acceptance: 64. */
  static final int MAX_HELD_CHANGES = 64;

  /** One offered item: its label, the text it inserts, and where that text starts on the line (or -1). */
  record Item(String label, String text, int start) {}

  /**
   * A completion answered and not yet decided.
   *
   * @param completion the completion's action so far; {@code decided} adds its outcome
   * @param uri the document
   * @param line the completion's line
   * @param wordStart where the completed word starts on the line
   */
  private record Held(Action completion, String uri, int line, int wordStart, List<Item> items, List<Action> changes) {}

  private Held held;

  boolean holding() {
    return held != null;
  }

  /** Starts holding a completion; returns what an earlier held one gives (not accepted). */
  List<Action> offered(Action completion, String uri, int line, int wordStart, List<Item> items) {
    List<Action> out = release();
    held = new Held(completion, uri, line, wordStart, List.copyOf(items), new ArrayList<>());
    return out;
  }

  /**
   * A change of {@code uri} spanning {@code fromLine..toLine} and inserting {@code text} was made;
   * {@code lineText} is the completion's line after it (null when the document is not kept).
   *
   * @return the actions to emit now, in order; empty when the change is held (its action included)
   */
  List<Action> changed(String uri, int fromLine, int toLine, String text, Action change, String lineText) {
    Held h = held;
    List<Action> out = new ArrayList<>();
    if (h == null) {
      out.add(change);
      return out;
    }
    if (!h.uri().equals(uri) || fromLine != h.line() || toLine != h.line() || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      out.addAll(release());
      out.add(change);
      return out;
    }
    h.changes().add(change);
    Item accepted = lineText == null ? acceptedByText(h, text) : acceptedOnLine(h, lineText);
    if (accepted != null) {
      held = null;
      out.add(accepted(h.completion(), accepted));
      for (Action a : h.changes()) {
        String ref = ref(h.completion());
        out.add(LspActions.withAttribute(LspActions.withAttribute(a, ActionRefs.PARENT_REF, ref), LspTranslator.CAUSE, ref));
      }
      return out;
    }
    if (lineText == null || h.changes().size() >= MAX_HELD_CHANGES || !stillTyping(h, lineText)) {
      return release();
    }
    return out;
  }

  /** Ends the wait without an acceptance: the held changes, then the completion. */
  List<Action> release() {
    Held h = held;
    if (h == null) {
      return new ArrayList<>();
    }
    held = null;
    List<Action> out = new ArrayList<>(h.changes());
    out.add(LspActions.withAttribute(h.completion(), LspTranslator.OUTCOME, "offered"));
    return out;
  }

  private static String ref(Action completion) {
    return LspActions.attribute(completion, ActionRefs.REF);
  }

  private static Action accepted(Action completion, Item item) {
    return LspActions.withAttribute(LspActions.withAttribute(completion, LspTranslator.OUTCOME, "accepted"),
        LspTranslator.ACCEPTED, item.label());
  }

  private static int start(Held h, Item item) {
    return item.start() >= 0 ? item.start() : h.wordStart();
  }

  /** The longest item whose text stands at its start on the line, followed by a non-word character. */
  private static Item acceptedOnLine(Held h, String line) {
    Item best = null;
    for (Item item : h.items()) {
      int s = start(h, item);
      String t = item.text();
      if (t.isEmpty() || s < 0 || s + t.length() > line.length() || !line.startsWith(t, s)) {
        continue;
      }
      int after = s + t.length();
      if ((after == line.length() || !isWordChar(line.charAt(after))) && (best == null || t.length() > best.text().length())) {
        best = item;
      }
    }
    return best;
  }

  /** Without the document: a change that inserted an item's text, or (two characters or more) its end. */
  private static Item acceptedByText(Held h, String inserted) {
    for (Item item : h.items()) {
      if (!inserted.isEmpty() && (inserted.equals(item.text()) || inserted.equals(item.label()))) {
        return item;
      }
    }
    for (Item item : h.items()) {
      if (inserted.length() >= 2 && item.text().endsWith(inserted)) {
        return item;
      }
    }
    return null;
  }

  /** Whether the word at the completion's start is still the beginning of some item. */
  private static boolean stillTyping(Held h, String line) {
    for (Item item : h.items()) {
      int s = start(h, item);
      if (s < 0 || s > line.length()) {
        continue;
      }
      int e = s;
      while (e < line.length() && isWordChar(line.charAt(e))) {
        e++;
      }
      if (item.text().startsWith(line.substring(s, e))) {
        return true;
      }
    }
    return false;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
