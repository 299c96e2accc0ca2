package dev.understudy.plugins.lsp.capture;

import dev.understudy.plugins.lsp.LspTranslator;

/**
 * The {@code Action.attributes} keys the capture server writes, and replay reads. Values are text, as every
 * attribute value is (and, like every attribute value, pass through redaction).
 */
public final class CaptureAttributes {

  private CaptureAttributes() {}

  /** On a file event: the document's language id ({@code python}), as the editor named it. */
  public static final String LANGUAGE = LspTranslator.LANGUAGE;
  /** On a file event: the document's LSP version at that moment. */
  public static final String VERSION = "lsp.version";
  /**
   * On the text edit that carries a document's text as it was opened (a replace of the whole document:
   * no range): {@code didOpen}. Replay starts each document from it.
   */
  public static final String SNAPSHOT = "lsp.snapshot";
  /** Value of {@link #SNAPSHOT} for the text a document had when it was opened. */
  public static final String SNAPSHOT_OPEN = "didOpen";
  /** On a save: lowercase hex SHA-256 of the document's text (UTF-8) as saved, so replay can verify itself. */
  public static final String SHA256 = "lsp.sha256";
  /**
   * On a save: why the record of this document is not complete, so replay cannot match it: {@code paused}
   * (it changed while capture was paused), {@code too-large} (its text at open was too large to record).
   */
  public static final String INCOMPLETE = "lsp.incomplete";
  /** On a text edit: how many content changes the editor sent for it. */
  public static final String CHANGES = "lsp.changes";
  /** On a selection: how it was made ({@code keyboard}, {@code mouse}, {@code command}), when the editor said. */
  public static final String SELECTION_KIND = "lsp.selection.kind";
  /** On an edit a request caused (a rename's workspace edit, recorded by the proxy): what caused it. */
  public static final String CAUSE = LspTranslator.CAUSE;
  /** On a shell command, task or debug event: the exit code, when known. */
  public static final String EXIT_CODE = "editor.exitCode";
}
