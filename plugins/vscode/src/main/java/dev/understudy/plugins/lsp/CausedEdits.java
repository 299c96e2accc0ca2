package dev.understudy.plugins.lsp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which document changes an editor made because of a request (a rename, a formatting, a chosen code
 * action, a server's {@code workspace/applyEdit}), and which save followed them.
 *
 * <p>The server answers with edits; the editor applies them and reports the result as ordinary
 * {@code didChange} notifications of its own making (Neovim sends the span that differs, which may
 * include text around the edit, or cut a whole-file replacement down to a few lines). So a change counts
 * as caused when it comes right after the answer, touches a document the edits touch, and inserts text
 * that is part of what the document will read once the edits are applied (or, for a document whose text
 * is not known, part of one of the edits' new texts). The window closes
 * at the first change that does not fit, at the next request, or after as many changes as the edits
 * could produce (one per edit, plus one per document for a trailing line break). The first save of a
 * document after caused changes is caused too, unless the person changed it themselves in between.
 *
 * <p>Not thread-safe: the translator's lock guards it.
 */
final class CausedEdits {
  private record Window(String ref, Map<String, List<String>> newTexts, int budget) {}

  private Window window;
  private final Map<String, String> saveCause = new HashMap<>();

  /**
   * A request's edits are about to be applied; {@code ref} names the request.
   *
   * @param edits how many edits, for how many changes to take as caused
   * @param textsByUri per document, the texts a caused change inserts part of: what the document will
   *     read, or the edits' new texts
   */
  void expect(String ref, int edits, Map<String, List<String>> textsByUri) {
    window = edits == 0 ? null : new Window(ref, Map.copyOf(textsByUri), edits + textsByUri.size());
  }

  /** The editor did something else (sent a request, saved): no more changes are taken as caused. */
  void close() {
    window = null;
  }

  /**
   * The cause of one change of {@code uri} that inserted {@code text}, or null when the person made it.
   * A change the person made closes the window and makes the next save of that document theirs.
   */
  String changed(String uri, String text) {
    Window w = window;
    if (w != null && w.budget() > 0 && fits(w.newTexts().get(uri), text)) {
      window = new Window(w.ref(), w.newTexts(), w.budget() - 1);
      saveCause.put(uri, w.ref());
      return w.ref();
    }
    window = null;
    saveCause.remove(uri);
    return null;
  }

  /** The cause of this save, or null; a save is caused once. */
  String saved(String uri) {
    window = null;
    return saveCause.remove(uri);
  }

  void forget(String uri) {
    saveCause.remove(uri);
  }

  private static boolean fits(List<String> newTexts, String text) {
    if (newTexts == null) {
      return false;
    }
    for (String t : newTexts) {
      if (t.contains(text)) {
        return true;
      }
    }
    return false;
  }
}
