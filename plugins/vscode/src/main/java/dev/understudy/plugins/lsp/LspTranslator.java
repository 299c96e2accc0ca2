package dev.understudy.plugins.lsp;

import static dev.understudy.plugins.lsp.LspActions.attr;
import static dev.understudy.plugins.lsp.LspActions.range;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.understudy.api.ActionRefs;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Argument;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Observation;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns LSP frames (JSON-RPC bodies, both directions) into semantic actions.
 *
 * <p>Notifications from the editor map directly: document open/change/save/close and file
 * create/rename/delete become file events and text edits (with the text a change removed, from a copy
 * of each open document), {@code workspace/executeCommand} an invoke. As the capture server does, an
 * open also gives the text the document was opened with and a save the SHA-256 of the text saved
 * ({@link #SNAPSHOT}, {@link #SHA256}), so {@code understudy replay} can rebuild and check proxy sessions. Requests are remembered by id,
 * per direction, until their response arrives; the pair becomes one action, timed at the request, with
 * its outcome: hover (and a one-line summary of what it showed), definition/references as a jump,
 * rename (new name, how many edits in how many files), code actions offered (unless the editor asked
 * for them on its own, {@code triggerKind} Automatic) and the one chosen,
 * formatting, or the error the server gave. A completion is held until the document shows which item,
 * if any, was accepted (see {@link CompletionWatch}). Server diagnostics become {@code DIAGNOSTICS}
 * observations.
 *
 * <p>Causal links: a rename, a formatting, a chosen code action and an accepted completion carry
 * {@link ActionRefs#REF}; the document changes the editor made to apply them, and the save that
 * follows (see {@link CausedEdits}), carry {@link ActionRefs#PARENT_REF}, which the runtime turns into
 * {@code parent_id}, plus the readable {@value #CAUSE} attribute ({@code rename:<request id>}).
 *
 * <p>Each frame's head ({@link JsonRpcHead}: id and method) is read first; only a frame an action needs
 * is parsed into a tree (the recorded requests and their responses, document and file notifications,
 * diagnostics, {@code workspace/applyEdit}), so a megabyte nobody records costs next to nothing. Malformed
 * JSON and unexpected shapes are counted ({@link #errors()}) and yield no action, except past the head
 * of a frame no action needs, which is not read; this class never throws from {@link #translate}. Thread-safe: the two proxy pipes call it from their tap threads.
 */
public final class LspTranslator {
  /** Attribute naming what caused an action: {@code rename:<id>}, {@code codeAction:<id>}, ... */
  public static final String CAUSE = "lsp.cause";
  /** Attribute with the label of the accepted completion item. */
  public static final String ACCEPTED = "lsp.completion.accepted";
  /** Attribute with the language id of the document. */
  public static final String LANGUAGE = "lsp.languageId";
  /** Attribute saying what became of a request: {@code shown}, {@code empty}, {@code offered}, {@code accepted}, {@code chosen}, {@code error}. */
  public static final String OUTCOME = "lsp.outcome";
  /** Attribute with the first line of what a hover showed. */
  public static final String HOVER = "lsp.hover";
  /** Attribute with the message of an error response. */
  public static final String ERROR = "lsp.error";
  /**
   * Attribute on the text edit carrying a document's text as it was opened: {@value #SNAPSHOT_OPEN}. The
   * same key and value as the capture server's ({@code CaptureAttributes}), which replay reads.
   */
  public static final String SNAPSHOT = "lsp.snapshot";
  /** Value of {@link #SNAPSHOT} for the text a document was opened with. */
  public static final String SNAPSHOT_OPEN = "didOpen";
  /** Attribute on a save: lowercase hex SHA-256 of the text saved (UTF-8), as the capture server writes it. */
  public static final String SHA256 = "lsp.sha256";
  /** Attribute on a save: why the record of the document is not complete ({@code too-large}). */
  public static final String INCOMPLETE = "lsp.incomplete";
  /** Most requests remembered per direction while awaiting their response: 1024. */
  static final int MAX_PENDING = 1024;
  private static final int MAX_DIAGNOSTIC_LINES = 3;
  private static final int MAX_MESSAGE_CHARS = 160;
  private static final int MAX_LISTED_ITEMS = 10;
  /** {@code CodeActionTriggerKind.Automatic}: the editor asked for code actions without the person asking. */
  private static final int CODE_ACTION_AUTOMATIC = 2;

  /** Requests whose responses become actions; an error response to one is recorded as such. */
  private static final Set<String> RECORDED_REQUESTS = Set.of("textDocument/completion", "textDocument/hover",
      "textDocument/definition", "textDocument/declaration", "textDocument/typeDefinition", "textDocument/implementation",
      "textDocument/references", "textDocument/rename", "textDocument/codeAction", "textDocument/formatting",
      "textDocument/rangeFormatting", "textDocument/onTypeFormatting");

  /** Requests from the editor whose params or result an action needs: the recorded ones and those that choose. */
  private static final Set<String> TREE_REQUESTS;

  static {
    Set<String> tree = new java.util.HashSet<>(RECORDED_REQUESTS);
    tree.addAll(List.of("codeAction/resolve", "workspace/executeCommand"));
    TREE_REQUESTS = Set.copyOf(tree);
  }

  /** Notifications from the editor whose params an action needs. */
  private static final Set<String> TREE_NOTIFICATIONS = Set.of("textDocument/didOpen", "textDocument/didChange",
      "textDocument/didSave", "textDocument/didClose", "workspace/didCreateFiles", "workspace/didDeleteFiles",
      "workspace/didRenameFiles");

  private static final Logger LOG = Logger.getLogger(LspTranslator.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Pending(String method, JsonNode params, long time) {}

  /** Code actions offered by one response: title and command per action, plus edits by uri. */
  private record Offer(String id, String title, String command, Map<String, List<JsonNode>> edits) {}

  private final LspActions actions;
  private final AtomicLong errors = new AtomicLong();
  private final Map<Direction, Map<String, Pending>> pending = new HashMap<>();
  private final Map<String, String> languages = new HashMap<>();
  private final TextDocuments documents = new TextDocuments();
  private final CausedEdits caused = new CausedEdits();
  private final CompletionWatch completion = new CompletionWatch();
  private List<Offer> offers = List.of();
  /** The code action chosen through codeAction/resolve, by resolve request id. */
  private final Map<String, Offer> resolving = new HashMap<>();
  /** What caused the command being executed (its code action, else the command itself), by request id. */
  private final Map<String, String> commands = new LinkedHashMap<>();
  private long now;

  /** A translator stamping {@code appId} (e.g. {@code "lsp"}) as the source application. */
  public LspTranslator(String appId) {
    this.actions = new LspActions(appId);
    for (Direction d : Direction.values()) {
      pending.put(d, new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
          return size() > MAX_PENDING;
        }
      });
    }
  }

  /** Frames that could not be translated (malformed JSON, unexpected shapes). */
  public long errors() {
    return errors.get();
  }

  /** As {@link #translate(Direction, byte[], long)} with no time: the runtime stamps the actions. */
  public List<Action> translate(Direction direction, byte[] body) {
    return translate(direction, body, 0);
  }

  /**
   * The actions one frame body gives, in order; empty for malformed input (counted). Never throws.
   *
   * @param timeUnixNano when the frame passed, stamped on the actions it gives (0: let the runtime stamp)
   */
  public List<Action> translate(Direction direction, byte[] body, long timeUnixNano) {
    return translate(direction, body, 0, body.length, JsonRpcHead.scan(body, 0, body.length), timeUnixNano);
  }

  /**
   * As {@link #translate(Direction, byte[], long)}, for the body in {@code frame[offset, offset + length)}
   * whose head is {@code head} (null when it is not one plain JSON-RPC object). A message whose params or
   * result no action needs (see {@link #needsTree}) is not parsed beyond its head.
   */
  synchronized List<Action> translate(Direction direction, byte[] frame, int offset, int length, JsonRpcHead head,
      long timeUnixNano) {
    Objects.requireNonNull(direction, "direction");
    now = timeUnixNano;
    List<Action> out = new ArrayList<>();
    if (head != null && !needsTree(direction, head)) {
      headOnly(direction, head, out);
      return out;
    }
    try {
      JsonNode root = JSON.readTree(frame, offset, length);
      if (root == null || !(root.isObject() || root.isArray())) {
        throw new IllegalArgumentException("not a JSON-RPC message");
      }
      if (root.isArray()) {
        for (JsonNode m : root) {
          message(direction, m, out);
        }
      } else {
        message(direction, root, out);
      }
      return out;
    } catch (Exception | StackOverflowError e) {
      errors.incrementAndGet();
      LOG.log(Level.FINE, "untranslatable LSP frame (" + direction + ")", e);
      return out; // what the messages before the bad one gave
    }
  }

  /**
   * Whether a message's params or result matter: it is a request, notification or response that
   * {@link #message} reads beyond its id and method. For any other, {@link #headOnly} does all it would.
   */
  private boolean needsTree(Direction direction, JsonRpcHead head) {
    String method = head.method();
    boolean fromEditor = direction == Direction.EDITOR_TO_SERVER;
    if (method != null && head.id() != null) {
      return fromEditor ? TREE_REQUESTS.contains(method) : method.equals("workspace/applyEdit");
    }
    if (method != null) {
      return fromEditor ? TREE_NOTIFICATIONS.contains(method) : method.equals("textDocument/publishDiagnostics");
    }
    if (head.id() != null && !fromEditor) {
      Pending p = pending.get(Direction.EDITOR_TO_SERVER).get(head.id());
      return p != null && TREE_REQUESTS.contains(p.method());
    }
    return false;
  }

  /** What {@link #message} does for a message whose params and result no action needs. */
  private void headOnly(Direction direction, JsonRpcHead head, List<Action> out) {
    String id = head.id();
    String method = head.method();
    if (method != null && id != null) {
      request(direction, id, method, MissingNode.getInstance(), out);
      pending.get(direction).put(id, new Pending(method, MissingNode.getInstance(), now));
    } else if (method == null && id != null) {
      pending.get(direction.opposite()).remove(id);
    }
  }

  /** What is still held at the end of the session (a completion whose acceptance is unknown). */
  public synchronized List<Action> finish() {
    return completion.release();
  }

  private void message(Direction direction, JsonNode m, List<Action> out) {
    if (!m.isObject()) {
      throw new IllegalArgumentException("a JSON-RPC message is an object");
    }
    String method = m.path("method").asText("");
    JsonNode id = m.get("id");
    JsonNode params = m.path("params");
    if (!method.isEmpty() && id != null) {
      request(direction, idText(id), method, params, out);
      pending.get(direction).put(idText(id), new Pending(method, params, now));
    } else if (!method.isEmpty()) {
      notification(direction, method, params, out);
    } else if (id != null) {
      // A response travels the other way from its request.
      Direction requestDirection = direction.opposite();
      Pending p = pending.get(requestDirection).remove(idText(id));
      if (p != null && requestDirection == Direction.EDITOR_TO_SERVER) {
        if (m.has("error")) {
          failed(idText(id), p, m.path("error"), out);
        } else {
          response(idText(id), p, m.path("result"), out);
        }
      }
    }
  }

  /** An id as {@link JsonRpcHead#id()} gives it: a string's value, an integer's digits. */
  private static String idText(JsonNode id) {
    return id.isTextual() || id.isIntegralNumber() ? id.asText() : id.toString();
  }

  private void request(Direction direction, String id, String method, JsonNode params, List<Action> out) {
    if (direction == Direction.SERVER_TO_EDITOR) {
      if (method.equals("workspace/applyEdit")) {
        // A server edits as part of a command it runs: the command's cause caused these edits.
        String cause = commands.isEmpty() ? null : commands.values().iterator().next();
        if (cause != null) {
          expect(cause, workspaceEdit(params.path("edit")));
        }
      }
      return;
    }
    if (!method.equals("completionItem/resolve")) {
      out.addAll(completion.release());
    }
    if (!method.equals("codeAction/resolve") && !method.equals("workspace/executeCommand")
        && !method.equals("completionItem/resolve")) {
      caused.close();
    }
    switch (method) {
      case "workspace/executeCommand" -> executeCommand(id, params, out);
      case "codeAction/resolve" -> {
        Offer offer = offerTitled(params.path("title").asText(""));
        if (offer != null) {
          out.add(stamp(codeActionChosen(offer)));
          resolving.put(id, offer);
        }
      }
      default -> { }
    }
    if (!method.equals("codeAction/resolve") && !method.equals("workspace/executeCommand")) {
      offers = List.of();
    }
  }

  private void notification(Direction direction, String method, JsonNode params, List<Action> out) {
    if (direction == Direction.SERVER_TO_EDITOR) {
      if (method.equals("textDocument/publishDiagnostics")) {
        out.add(stamp(diagnostics(params)));
      }
      return;
    }
    JsonNode doc = params.path("textDocument");
    String uri = doc.path("uri").asText("");
    switch (method) {
      case "textDocument/didOpen" -> {
        String language = doc.path("languageId").asText("");
        String text = doc.path("text").asText("");
        languages.put(uri, language);
        documents.open(uri, text);
        out.add(stamp(fileEvent(FileOperation.FILE_OPERATION_OPEN, uri, "")));
        if (documents.has(uri)) {
          out.add(stamp(openText(uri, language, doc.path("version").asLong(0), text)));
        }
      }
      case "textDocument/didChange" -> didChange(uri, doc.path("version").asLong(0), params.path("contentChanges"), out);
      case "textDocument/didSave" -> {
        out.addAll(completion.release());
        offers = List.of();
        Action.Builder save = fileEvent(FileOperation.FILE_OPERATION_SAVE, uri, "").toBuilder();
        String saved = documents.text(uri);
        if (saved != null) {
          save.addAttributes(attr(SHA256, PrivacyPolicy.sha256(saved)));
        } else if (documents.tooLarge(uri)) {
          save.addAttributes(attr(INCOMPLETE, "too-large"));
        }
        String cause = caused.saved(uri);
        if (cause != null) {
          save.addAttributes(attr(ActionRefs.PARENT_REF, cause)).addAttributes(attr(CAUSE, cause));
        }
        out.add(stamp(save.build()));
      }
      case "textDocument/didClose" -> {
        out.addAll(completion.release());
        out.add(stamp(fileEvent(FileOperation.FILE_OPERATION_CLOSE, uri, "")));
        languages.remove(uri);
        documents.close(uri);
        caused.forget(uri);
      }
      case "workspace/didCreateFiles" -> files(params, FileOperation.FILE_OPERATION_CREATE, out);
      case "workspace/didDeleteFiles" -> files(params, FileOperation.FILE_OPERATION_DELETE, out);
      case "workspace/didRenameFiles" -> {
        for (JsonNode f : params.path("files")) {
          out.add(stamp(fileEvent(FileOperation.FILE_OPERATION_RENAME, f.path("oldUri").asText(""), f.path("newUri").asText(""))));
        }
      }
      default -> { }
    }
  }

  private void files(JsonNode params, FileOperation op, List<Action> out) {
    for (JsonNode f : params.path("files")) {
      out.add(stamp(fileEvent(op, f.path("uri").asText(""), "")));
    }
  }

  private void didChange(String uri, long version, JsonNode changes, List<Action> out) {
    for (JsonNode change : changes) {
      String text = change.path("text").asText("");
      String before = offers.isEmpty() ? null : documents.text(uri); // to tell which offer a change applies
      TextEdit.Builder edit = TextEdit.newBuilder().setText(text).setDocumentVersion(version)
          .setLanguageId(languages.getOrDefault(uri, ""));
      int fromLine = -1;
      int toLine = -1;
      String removed;
      if (change.has("range")) {
        TextRange range = range(change.path("range"));
        fromLine = range.getStart().getLine();
        toLine = range.getEnd().getLine();
        boolean empty = range.getStart().equals(range.getEnd());
        edit.setRange(range).setOperation(text.isEmpty() ? EditOperation.EDIT_OPERATION_DELETE
            : empty ? EditOperation.EDIT_OPERATION_INSERT : EditOperation.EDIT_OPERATION_REPLACE);
        removed = documents.apply(uri, fromLine, range.getStart().getCharacter(), toLine, range.getEnd().getCharacter(), text);
      } else {
        edit.setOperation(EditOperation.EDIT_OPERATION_REPLACE);
        removed = documents.apply(uri, -1, 0, 0, 0, text);
      }
      if (removed != null && !removed.isEmpty()) {
        edit.setRemovedText(removed);
      }
      Action.Builder a = actions.action(uri, edit.hasRange() ? edit.getRange() : null).setTextEdit(edit);
      String cause = caused.changed(uri, text);
      if (cause == null && !offers.isEmpty()) {
        Offer chosen = offerWithEdit(uri, change, before);
        if (chosen != null) {
          out.addAll(completion.release());
          out.add(stamp(codeActionChosen(chosen)));
          // Its edits were written against the document as it was before this change.
          expect(codeActionRef(chosen), chosen.edits(), uri, before);
          cause = caused.changed(uri, text);
        }
      }
      if (cause != null) {
        out.addAll(completion.release());
        a.addAttributes(attr(ActionRefs.PARENT_REF, cause)).addAttributes(attr(CAUSE, cause));
        out.add(stamp(a.build()));
        continue;
      }
      offers = List.of();
      String lineText = completion.holding() && fromLine >= 0 ? documents.line(uri, fromLine) : null;
      out.addAll(completion.changed(uri, fromLine, toLine, text, stamp(a.build()), lineText));
    }
  }

  private void executeCommand(String id, JsonNode params, List<Action> out) {
    String command = params.path("command").asText("");
    Invoke.Builder invoke = Invoke.newBuilder().setCommand(command).setMethod(InvokeMethod.INVOKE_METHOD_PROGRAMMATIC);
    int i = 0;
    for (JsonNode arg : params.path("arguments")) {
      invoke.addArguments(Argument.newBuilder().setName("arg" + i++).setValue(arg.isTextual() ? arg.asText() : arg.toString()));
    }
    String ref = "command:" + id;
    Action.Builder a = actions.action("", null).setInvoke(invoke).addAttributes(attr(ActionRefs.REF, ref));
    String cause = ref;
    for (Offer offer : offers) {
      if (!offer.command().isEmpty() && offer.command().equals(command)) {
        cause = codeActionRef(offer);
        out.add(stamp(codeActionChosen(offer)));
        a.addAttributes(attr(ActionRefs.PARENT_REF, cause)).addAttributes(attr(CAUSE, cause))
            .addAttributes(attr("lsp.codeAction.title", offer.title()));
        offers = List.of();
        break;
      }
    }
    commands.put(id, cause);
    if (commands.size() > MAX_PENDING) {
      commands.remove(commands.keySet().iterator().next());
    }
    out.add(stamp(a.build()));
  }

  private void response(String id, Pending p, JsonNode result, List<Action> out) {
    JsonNode params = p.params();
    String uri = params.path("textDocument").path("uri").asText("");
    JsonNode position = params.path("position");
    switch (p.method()) {
      case "textDocument/completion" -> completion(id, p, uri, position, result, out);
      case "textDocument/hover" -> {
        boolean empty = result.isNull() || result.isMissingNode();
        Action.Builder a = actions.invoke("textDocument/hover", uri, position).addAttributes(attr(OUTCOME, empty ? "empty" : "shown"));
        String summary = empty ? "" : hoverSummary(result.path("contents"));
        if (!summary.isEmpty()) {
          a.addAttributes(attr(HOVER, summary));
        }
        out.add(at(a, p));
      }
      case "textDocument/definition", "textDocument/declaration", "textDocument/typeDefinition",
          "textDocument/implementation", "textDocument/references" -> out.add(at(jump(p.method(), uri, position, result), p));
      case "textDocument/rename" -> rename(id, p, uri, position, result, out);
      case "textDocument/codeAction" -> codeActions(id, p, uri, params.path("range"), result, out);
      case "codeAction/resolve" -> {
        Offer offer = resolving.remove(id);
        if (offer != null) {
          expect(codeActionRef(offer), workspaceEdit(result.path("edit")));
        }
      }
      case "workspace/executeCommand" -> commands.remove(id);
      case "textDocument/formatting", "textDocument/rangeFormatting", "textDocument/onTypeFormatting" -> {
        String ref = "formatting:" + id;
        Action.Builder a = actions.invoke(p.method(), uri, params.has("range") ? params.path("range") : position)
            .addAttributes(attr("lsp.edits", Integer.toString(result.size()))).addAttributes(attr(ActionRefs.REF, ref));
        out.add(at(a, p));
        List<JsonNode> edits = new ArrayList<>();
        result.forEach(edits::add);
        expect(ref, Map.of(uri, edits));
      }
      default -> { }
    }
  }

  /** An error response to a request that would have become an action: the action, with the error. */
  private void failed(String id, Pending p, JsonNode error, List<Action> out) {
    resolving.remove(id);
    commands.remove(id);
    if (!RECORDED_REQUESTS.contains(p.method())) {
      return;
    }
    JsonNode params = p.params();
    JsonNode where = params.has("range") ? params.path("range") : params.path("position");
    String message = error.path("message").asText("");
    Action.Builder a = actions.invoke(p.method(), params.path("textDocument").path("uri").asText(""), where)
        .addAttributes(attr(OUTCOME, "error"))
        .addAttributes(attr(ERROR, LspActions.shorten(error.path("code").asText("") + " " + message, MAX_MESSAGE_CHARS)))
        .addAttributes(attr("lsp.request", id));
    out.add(at(a, p));
  }

  private void completion(String id, Pending p, String uri, JsonNode position, JsonNode result, List<Action> out) {
    JsonNode items = result.isArray() ? result : result.path("items");
    int line = position.path("line").asInt(0);
    List<CompletionWatch.Item> candidates = new ArrayList<>();
    StringBuilder listed = new StringBuilder();
    for (JsonNode item : items) {
      String label = item.path("label").asText("");
      JsonNode textEdit = item.path("textEdit");
      String text = textEdit.path("newText").asText(item.path("insertText").asText(label));
      JsonNode editRange = textEdit.has("range") ? textEdit.path("range") : textEdit.path("replace");
      int start = editRange.path("start").path("line").asInt(-1) == line ? editRange.path("start").path("character").asInt(-1) : -1;
      candidates.add(new CompletionWatch.Item(label, text, start));
      if (candidates.size() <= MAX_LISTED_ITEMS) {
        listed.append(listed.length() == 0 ? "" : "\n").append(label);
      }
    }
    Action.Builder a = actions.invoke("textDocument/completion", uri, position)
        .addAttributes(attr("lsp.request", id))
        .addAttributes(attr("lsp.offered", Integer.toString(candidates.size())))
        .addAttributes(attr(ActionRefs.REF, "completion:" + id));
    a.getInvokeBuilder().addArguments(Argument.newBuilder().setName("items").setValue(listed.toString()));
    if (candidates.isEmpty()) {
      out.addAll(completion.release());
      out.add(at(a.addAttributes(attr(OUTCOME, "empty")), p));
      return;
    }
    out.addAll(completion.offered(at(a, p), uri, line, wordStart(uri, line, position.path("character").asInt(0)), candidates));
  }

  /** Where the word being completed starts: back from the cursor over word characters. */
  private int wordStart(String uri, int line, int character) {
    String text = documents.line(uri, line);
    if (text == null) {
      return character;
    }
    int s = Math.min(character, text.length());
    while (s > 0 && CompletionWatch.isWordChar(text.charAt(s - 1))) {
      s--;
    }
    return s;
  }

  /** The first line of what a hover shows, skipping code fences; empty when there is none. */
  static String hoverSummary(JsonNode contents) {
    JsonNode first = contents.isArray() ? contents.path(0) : contents;
    String text = first.isTextual() ? first.asText() : first.path("value").asText("");
    return text.lines().map(String::strip).filter(t -> !t.isEmpty() && !t.startsWith("```")).findFirst()
        .map(t -> LspActions.shorten(t, MAX_MESSAGE_CHARS)).orElse("");
  }

  private Action.Builder jump(String method, String uri, JsonNode position, JsonNode result) {
    JsonNode first = result.isArray() ? result.path(0) : result;
    String targetUri = first.has("targetUri") ? first.path("targetUri").asText("") : first.path("uri").asText("");
    JsonNode targetRange = first.has("targetSelectionRange") ? first.path("targetSelectionRange") : first.path("range");
    Action.Builder a = actions.action(uri, LspActions.position(position)).addAttributes(attr("lsp.method", method))
        .addAttributes(attr("lsp.results", Integer.toString(result.isArray() ? result.size() : result.isObject() ? 1 : 0)));
    Navigate.Builder nav = Navigate.newBuilder().setNavigationType(NavigationType.NAVIGATION_TYPE_JUMP).setUrl(targetUri);
    if (!targetUri.isEmpty()) {
      TextRange r = range(targetRange);
      a.addAttributes(attr("lsp.jump.line", Integer.toString(r.getStart().getLine())))
          .addAttributes(attr("lsp.jump.character", Integer.toString(r.getStart().getCharacter())));
    } else {
      a.addAttributes(attr(OUTCOME, "empty"));
    }
    return a.setNavigate(nav);
  }

  private void rename(String id, Pending p, String uri, JsonNode position, JsonNode result, List<Action> out) {
    String ref = "rename:" + id;
    Map<String, List<JsonNode>> edits = workspaceEdit(result);
    int count = edits.values().stream().mapToInt(List::size).sum();
    Action.Builder a = actions.invoke("textDocument/rename", uri, position);
    a.getInvokeBuilder().addArguments(Argument.newBuilder().setName("newName").setValue(p.params().path("newName").asText("")));
    a.addAttributes(attr("lsp.request", id)).addAttributes(attr("lsp.edits", Integer.toString(count)))
        .addAttributes(attr("lsp.files", Integer.toString(edits.size())))
        .addAttributes(attr(OUTCOME, result.isNull() || count == 0 ? "empty" : "edited"))
        .addAttributes(attr(ActionRefs.REF, ref));
    out.add(at(a, p));
    expect(ref, edits);
  }

  /** The edits of a WorkspaceEdit by document uri, from {@code changes} and {@code documentChanges}. */
  private static Map<String, List<JsonNode>> workspaceEdit(JsonNode edit) {
    Map<String, List<JsonNode>> byUri = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = edit.path("changes").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      e.getValue().forEach(x -> byUri.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(x));
    }
    for (JsonNode dc : edit.path("documentChanges")) {
      String uri = dc.path("textDocument").path("uri").asText("");
      dc.path("edits").forEach(x -> byUri.computeIfAbsent(uri, k -> new ArrayList<>()).add(x));
    }
    return byUri;
  }

  /** Tells {@link #caused} that these edits, by document uri, are about to be applied because of {@code ref}. */
  private void expect(String ref, Map<String, List<JsonNode>> edits) {
    expect(ref, edits, null, null);
  }

  /** As {@link #expect(String, Map)}, the edits of {@code baseUri} written against {@code baseText}. */
  private void expect(String ref, Map<String, List<JsonNode>> edits, String baseUri, String baseText) {
    Map<String, List<String>> texts = new HashMap<>();
    int count = 0;
    for (Map.Entry<String, List<JsonNode>> e : edits.entrySet()) {
      count += e.getValue().size();
      String base = e.getKey().equals(baseUri) && baseText != null ? baseText : documents.text(e.getKey());
      texts.put(e.getKey(), base != null
          ? List.of(TextDocuments.applied(base, rangesOf(e.getValue()), newTextsOf(e.getValue())))
          : newTextsOf(e.getValue()));
    }
    caused.expect(ref, count, texts);
  }

  private void codeActions(String id, Pending p, String uri, JsonNode range, JsonNode result, List<Action> out) {
    List<Offer> offered = new ArrayList<>();
    StringBuilder titles = new StringBuilder();
    for (JsonNode item : result) {
      String title = item.path("title").asText("");
      // A bare Command has a string "command"; a CodeAction has a Command object there.
      JsonNode cmd = item.path("command");
      String command = cmd.isTextual() ? cmd.asText() : cmd.path("command").asText("");
      offered.add(new Offer(id, title, command, workspaceEdit(item.path("edit"))));
      titles.append(titles.length() == 0 ? "" : "\n").append(title);
    }
    offers = List.copyOf(offered);
    if (p.params().path("context").path("triggerKind").asInt(1) == CODE_ACTION_AUTOMATIC) {
      return; // asked for by the editor on its own (a lightbulb), not by the person: kept to spot a choice only
    }
    Action.Builder a = actions.invoke("textDocument/codeAction", uri, range);
    a.getInvokeBuilder().addArguments(Argument.newBuilder().setName("offered").setValue(titles.toString()));
    out.add(at(a.addAttributes(attr(OUTCOME, offered.isEmpty() ? "empty" : "offered"))
        .addAttributes(attr("lsp.offered", Integer.toString(offered.size())))
        .addAttributes(attr("lsp.request", id)), p));
  }

  private Offer offerTitled(String title) {
    return offers.stream().filter(o -> o.title().equals(title)).findFirst().orElse(null);
  }

  /**
   * The offer whose edit this change applies. With the document's text known: the change leaves it as
   * one of the offer's edits (or all of them) would, whatever span the editor chose to report. Without:
   * the same range and text, or (two characters or more) text that is part of one of its edits.
   */
  private Offer offerWithEdit(String uri, JsonNode change, String before) {
    String after = before == null ? null : documents.text(uri);
    String text = change.path("text").asText("");
    for (Offer o : offers) {
      List<JsonNode> edits = o.edits().getOrDefault(uri, List.of());
      boolean chosen = false;
      if (after != null) {
        for (JsonNode e : edits) {
          chosen |= after.equals(TextDocuments.applied(before, rangesOf(List.of(e)), newTextsOf(List.of(e))));
        }
        chosen |= !edits.isEmpty() && after.equals(TextDocuments.applied(before, rangesOf(edits), newTextsOf(edits)));
      } else {
        for (JsonNode e : edits) {
          String newText = e.path("newText").asText("");
          chosen |= e.path("range").equals(change.path("range")) && newText.equals(text)
              || text.length() >= 2 && newText.contains(text);
        }
      }
      if (chosen) {
        offers = List.of(); // one choice per offer
        return o;
      }
    }
    return null;
  }

  private static List<int[]> rangesOf(List<JsonNode> edits) {
    List<int[]> ranges = new ArrayList<>();
    for (JsonNode e : edits) {
      TextRange r = range(e.path("range"));
      ranges.add(new int[] {r.getStart().getLine(), r.getStart().getCharacter(), r.getEnd().getLine(), r.getEnd().getCharacter()});
    }
    return ranges;
  }

  private static List<String> newTextsOf(List<JsonNode> edits) {
    List<String> texts = new ArrayList<>();
    edits.forEach(e -> texts.add(e.path("newText").asText("")));
    return texts;
  }

  private static String codeActionRef(Offer offer) {
    return "codeAction:" + offer.id();
  }

  private Action codeActionChosen(Offer offer) {
    Action.Builder a = actions.action("", null)
        .setInvoke(Invoke.newBuilder().setCommand("textDocument/codeAction").setMethod(InvokeMethod.INVOKE_METHOD_PROGRAMMATIC)
            .addArguments(Argument.newBuilder().setName("title").setValue(offer.title())));
    Iterator<String> uris = offer.edits().keySet().iterator();
    if (uris.hasNext()) {
      a.setSource(actions.source(uris.next()));
    }
    return a.addAttributes(attr(OUTCOME, "chosen")).addAttributes(attr(ActionRefs.REF, codeActionRef(offer))).build();
  }

  private Action diagnostics(JsonNode params) {
    String uri = params.path("uri").asText("");
    int[] bySeverity = new int[5];
    StringBuilder lines = new StringBuilder();
    int shown = 0;
    for (JsonNode d : params.path("diagnostics")) {
      int severity = d.path("severity").asInt(1);
      bySeverity[severity >= 1 && severity <= 4 ? severity : 1]++;
      if (shown++ < MAX_DIAGNOSTIC_LINES) {
        String msg = d.path("message").asText("").replace('\n', ' ');
        lines.append('\n').append(d.path("range").path("start").path("line").asInt() + 1).append(": ")
            .append(LspActions.shorten(msg, MAX_MESSAGE_CHARS));
      }
    }
    String summary = bySeverity[1] + " errors, " + bySeverity[2] + " warnings, " + (bySeverity[3] + bySeverity[4]) + " hints";
    return actions.action(uri, null).setObservation(Observation.newBuilder()
        .setObservationKind(ObservationKind.OBSERVATION_KIND_DIAGNOSTICS).setMediaType("text/plain")
        .setText(summary + lines)).build();
  }

  private Action fileEvent(FileOperation op, String uri, String newUri) {
    Action.Builder a = actions.action(uri, null).setFileEvent(FileEvent.newBuilder().setOperation(op).setPath(path(uri))
        .setNewPath(newUri.isEmpty() ? "" : path(newUri)));
    String language = languages.getOrDefault(uri, "");
    if (!language.isEmpty()) {
      a.addAttributes(attr(LANGUAGE, language));
    }
    return a.build();
  }

  /**
   * The text a document was opened with, as the capture server records it (so that {@code understudy
   * replay} rebuilds proxy sessions too): a replace of the whole document, with no range, so the runtime's
   * keystroke coalescing never joins typing to it.
   */
  private Action openText(String uri, String language, long version, String text) {
    return actions.action(uri, null).setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_REPLACE)
            .setText(text).setDocumentVersion(version).setLanguageId(language))
        .addAttributes(attr(SNAPSHOT, SNAPSHOT_OPEN)).build();
  }

  /** A file path for {@code file:} URIs (so path-based policy globs apply), else the URI as given. */
  static String path(String uri) {
    return LspActions.path(uri);
  }

  /** The action timed at the frame being translated. */
  private Action stamp(Action a) {
    return now == 0 || a.getTimeUnixNano() != 0 ? a : a.toBuilder().setTimeUnixNano(now).build();
  }

  /** The action timed at its request: when the person asked. */
  private static Action at(Action.Builder a, Pending p) {
    if (p.time() != 0) {
      a.setTimeUnixNano(p.time());
    }
    return a.build();
  }
}
