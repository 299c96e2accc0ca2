package dev.understudy.plugins.lsp.replay;

import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.plugins.lsp.capture.CaptureAttributes;
import dev.understudy.plugins.lsp.capture.DocumentText;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the documents of an editor session: each starts from the text it was opened with (the edit
 * marked {@link CaptureAttributes#SNAPSHOT}, or a whole-document change) and takes every recorded edit in
 * order. At each save the rebuilt text is checked against the {@link CaptureAttributes#SHA256} the save
 * carries, so a replay says per document whether it reproduced the saved file byte for byte.
 *
 * <p>Edits that carry {@link CaptureAttributes#CAUSE} but no document version are a server's proposal
 * (a rename's workspace edit, recorded when the answer passed); the editor reports the edits it applied as
 * ordinary versioned changes, so the proposals are skipped. Stateless; any thread.
 */
public final class EditorReplay {

  private EditorReplay() {}

  /** What replay made of one document. */
  public enum Outcome {
    /** The rebuilt text is the text saved last, byte for byte. */
    MATCHED,
    /** The rebuilt text differs from the text saved last. */
    MISMATCHED,
    /** Rebuilt, but never saved: there is nothing to check it against. */
    NOT_SAVED,
    /** The session says its record of the document is not complete (capture paused, text too large). */
    INCOMPLETE,
    /** The text the document was opened with was not recorded: it cannot be rebuilt. */
    NO_OPENING_TEXT
  }

  /**
   * One document.
   *
   * @param text the rebuilt text as of the last save (or the end of the session when never saved); empty
   *     when it could not be rebuilt
   * @param detail why, for anything but {@link Outcome#MATCHED}; empty otherwise
   */
  public record Document(String uri, String text, Outcome outcome, int edits, int saves, String detail) {}

  private static final class State {
    DocumentText text;
    int edits;
    int saves;
    String savedText;
    Boolean savedMatched;
    String incomplete = "";
    boolean redacted;
    int skipped;
  }

  /** Replays the actions of one session, in order; documents in the order they first appear. */
  public static List<Document> replay(Iterable<Action> actions) {
    Map<String, State> states = new LinkedHashMap<>();
    for (Action a : actions) {
      if (a.hasTextEdit()) {
        edit(a, states.computeIfAbsent(uri(a), u -> new State()));
      } else if (a.hasFileEvent() && a.getFileEvent().getOperation() == FileOperation.FILE_OPERATION_SAVE) {
        save(a, states.computeIfAbsent(uri(a), u -> new State()));
      }
    }
    List<Document> out = new ArrayList<>();
    states.forEach((uri, s) -> out.add(result(uri, s)));
    return out;
  }

  private static void edit(Action a, State s) {
    TextEdit e = a.getTextEdit();
    Map<String, String> attrs = attributes(a);
    if (attrs.containsKey(CaptureAttributes.CAUSE) && e.getDocumentVersion() == 0) {
      return; // a proposal; the applied change comes as its own edit
    }
    for (Redaction r : a.getRedactionsList()) {
      if (r.getFieldPath().startsWith("text_edit.text")) {
        s.redacted = true;
      }
    }
    if (CaptureAttributes.SNAPSHOT_OPEN.equals(attrs.get(CaptureAttributes.SNAPSHOT)) || !e.hasRange()) {
      s.text = new DocumentText(e.getText()); // the opening text, or a whole-document change
      s.incomplete = "";
      return;
    }
    if (s.text == null) {
      s.skipped++;
      return;
    }
    TextRange r = e.getRange();
    s.text.replace(r.getStart().getLine(), r.getStart().getCharacter(), r.getEnd().getLine(), r.getEnd().getCharacter(), e.getText());
    s.edits++;
  }

  private static void save(Action a, State s) {
    Map<String, String> attrs = attributes(a);
    s.saves++;
    s.incomplete = attrs.getOrDefault(CaptureAttributes.INCOMPLETE, "");
    String expected = attrs.get(CaptureAttributes.SHA256);
    if (s.text != null) {
      s.savedText = s.text.toString();
      s.savedMatched = expected == null ? null : expected.equals(PrivacyPolicy.sha256(s.savedText));
    }
  }

  private static Document result(String uri, State s) {
    if (s.text == null) {
      return new Document(uri, "", Outcome.NO_OPENING_TEXT, s.edits, s.saves,
          "the text it was opened with is not in the session" + (s.skipped > 0 ? " (" + s.skipped + " edits unusable)" : ""));
    }
    if (s.saves == 0 || s.savedText == null) {
      return new Document(uri, s.text.toString(), Outcome.NOT_SAVED, s.edits, s.saves, "never saved while recorded");
    }
    if (!s.incomplete.isEmpty()) {
      return new Document(uri, s.savedText, Outcome.INCOMPLETE, s.edits, s.saves,
          "the session's record of it is incomplete: " + s.incomplete);
    }
    if (s.savedMatched == null) {
      return new Document(uri, s.savedText, Outcome.NOT_SAVED, s.edits, s.saves, "its save carries no content hash");
    }
    if (!s.savedMatched) {
      return new Document(uri, s.savedText, Outcome.MISMATCHED, s.edits, s.saves,
          s.redacted ? "some of its text was redacted before storage" : "the rebuilt text differs from the saved text");
    }
    return new Document(uri, s.savedText, Outcome.MATCHED, s.edits, s.saves, "");
  }

  private static String uri(Action a) {
    if (a.hasTarget() && a.getTarget().getLocatorsCount() > 0 && a.getTarget().getLocators(0).hasTextLocation()) {
      return a.getTarget().getLocators(0).getTextLocation().getUri();
    }
    return a.getSource().getDocument();
  }

  private static Map<String, String> attributes(Action a) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Attribute at : a.getAttributesList()) {
      m.put(at.getKey(), at.getValue());
    }
    return m;
  }

  /**
   * Where a document goes under an output directory, as a relative path: a {@code file:} URI's path without
   * its root, anything else under its scheme; every name made safe ({@code ..} and odd characters replaced).
   */
  public static String relativePath(String uri) {
    String path;
    int colon = uri.indexOf(':');
    if (uri.regionMatches(true, 0, "file:", 0, 5)) {
      try {
        path = java.net.URI.create(uri).getPath();
      } catch (IllegalArgumentException e) {
        path = null;
      }
      if (path == null) {
        path = uri.substring(5);
      }
    } else {
      path = (colon > 0 ? uri.substring(0, colon) + "/" + uri.substring(colon + 1) : uri);
    }
    StringBuilder out = new StringBuilder();
    for (String name : path.split("/")) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      String safe = name.equals("..") ? "_" : name.replaceAll("[^A-Za-z0-9._+@-]", "_");
      out.append(out.length() == 0 ? "" : "/").append(safe);
    }
    return out.length() == 0 ? "document" : out.toString();
  }
}
