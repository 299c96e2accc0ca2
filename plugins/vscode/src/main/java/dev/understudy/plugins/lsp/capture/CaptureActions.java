package dev.understudy.plugins.lsp.capture;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Argument;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Selection;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextLocation;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.List;
import java.util.Locale;

/**
 * How each thing the capture server sees becomes an {@link Action}: the document as target (role
 * {@code document}, located by URI and range) and as source document, the editor as application. Stateless
 * apart from the application id, which the editor names in {@code initialize}.
 */
final class CaptureActions {

  /** The application id until the editor names itself: {@value}. */
  static final String DEFAULT_APP_ID = "lsp";

  private volatile String appId = DEFAULT_APP_ID;

  /** Takes the editor's name from {@code clientInfo} ("Neovim" becomes {@code neovim}). */
  void editorName(String name) {
    if (name != null && !name.isBlank()) {
      appId = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    }
  }

  String appId() {
    return appId;
  }

  Action textEdit(EditCoalescer.Edit e, String language) {
    TextRange range = range(e.startLine(), e.startCharacter(), e.endLine(), e.endCharacter());
    return document(e.uri(), range, e.timeUnixNanos())
        .setTextEdit(TextEdit.newBuilder().setOperation(e.operation()).setRange(range).setText(e.text())
            .setRemovedText(e.removed()).setDocumentVersion(e.version()).setLanguageId(language))
        .addAttributes(attr(CaptureAttributes.CHANGES, Integer.toString(e.changes()))).build();
  }

  /**
   * The text a document was opened with: a replace of the whole document (no range, as in LSP's full
   * sync). Not an insert, so that the runtime's keystroke coalescing never joins typing to it.
   */
  Action openText(String uri, String language, long version, String text, long timeUnixNanos) {
    return document(uri, null, timeUnixNanos)
        .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_REPLACE)
            .setText(text).setDocumentVersion(version).setLanguageId(language))
        .addAttributes(attr(CaptureAttributes.SNAPSHOT, CaptureAttributes.SNAPSHOT_OPEN)).build();
  }

  Action.Builder fileEvent(FileOperation op, String uri, String newUri, long timeUnixNanos) {
    return document(uri, null, timeUnixNanos).setFileEvent(FileEvent.newBuilder().setOperation(op)
        .setPath(filePath(uri)).setNewPath(newUri.isEmpty() ? "" : filePath(newUri)));
  }

  Action focus(String uri, String language, String previousUri, long timeUnixNanos) {
    Action.Builder a = document(uri, null, timeUnixNanos).setFocus(Focus.newBuilder()
        .setPreviousRole(previousUri.isEmpty() ? "" : "document").setPreviousName(previousUri));
    if (!language.isEmpty()) {
      a.addAttributes(attr(CaptureAttributes.LANGUAGE, language));
    }
    return a.build();
  }

  Action selection(String uri, List<TextRange> ranges, String text, String kind, long timeUnixNanos) {
    Action.Builder a = document(uri, ranges.isEmpty() ? null : ranges.get(0), timeUnixNanos)
        .setSelection(Selection.newBuilder().addAllRanges(ranges).setText(text));
    if (!kind.isEmpty()) {
      a.addAttributes(attr(CaptureAttributes.SELECTION_KIND, kind));
    }
    return a.build();
  }

  /** An invocation of {@code command}; {@code arguments} alternate name and value, empty values left out. */
  Action.Builder invoke(String command, InvokeMethod method, Target target, long timeUnixNanos, String... arguments) {
    Invoke.Builder invoke = Invoke.newBuilder().setCommand(command).setMethod(method);
    for (int i = 0; i + 1 < arguments.length; i += 2) {
      if (arguments[i + 1] != null && !arguments[i + 1].isEmpty()) {
        invoke.addArguments(Argument.newBuilder().setName(arguments[i]).setValue(arguments[i + 1]));
      }
    }
    Action.Builder a = Action.newBuilder().setTimeUnixNano(timeUnixNanos).setSource(source("")).setInvoke(invoke);
    if (target != null) {
      a.setTarget(target);
    }
    return a;
  }

  /** A target that is not a document: a terminal, a task, a debug session. */
  static Target named(String role, String name) {
    return Target.newBuilder().setRole(role).setName(name).build();
  }

  /** A document as target, located by URI and, when known, a range. */
  static Target documentTarget(String uri, TextRange range) {
    TextLocation.Builder location = TextLocation.newBuilder().setUri(uri);
    if (range != null) {
      location.setRange(range);
    }
    return Target.newBuilder().setRole("document").addLocators(Locator.newBuilder().setTextLocation(location)).build();
  }

  /** The editor window gained ({@code focused}) or lost focus. */
  Action windowFocus(boolean focused, long timeUnixNanos) {
    WindowRef editor = WindowRef.newBuilder().setAppId(appId).build();
    WindowSwitch.Builder change = focused ? WindowSwitch.newBuilder().setTo(editor) : WindowSwitch.newBuilder().setFrom(editor);
    return Action.newBuilder().setTimeUnixNano(timeUnixNanos).setSource(source("")).setWindowSwitch(change).build();
  }

  private Action.Builder document(String uri, TextRange range, long timeUnixNanos) {
    return Action.newBuilder().setTimeUnixNano(timeUnixNanos).setSource(source(uri)).setTarget(documentTarget(uri, range));
  }

  private Source source(String uri) {
    return Source.newBuilder().setAppId(appId).setDocument(uri).build();
  }

  /** The path of a {@code file:} URI, so that the policy's path globs apply to it; other URIs as they are. */
  static String filePath(String uri) {
    if (!uri.regionMatches(true, 0, "file:", 0, 5)) {
      return uri;
    }
    try {
      return java.nio.file.Paths.get(java.net.URI.create(uri)).toString();
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return uri;
    }
  }

  static TextRange range(int startLine, int startCharacter, int endLine, int endCharacter) {
    return TextRange.newBuilder().setStart(position(startLine, startCharacter)).setEnd(position(endLine, endCharacter)).build();
  }

  private static TextPosition position(int line, int character) {
    return TextPosition.newBuilder().setLine(Math.max(0, line)).setCharacter(Math.max(0, character)).build();
  }

  static Attribute attr(String key, String value) {
    return Attribute.newBuilder().setKey(key).setValue(value).build();
  }
}
