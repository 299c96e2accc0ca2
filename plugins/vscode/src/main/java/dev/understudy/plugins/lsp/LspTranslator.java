package dev.understudy.plugins.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Argument;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Observation;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextLocation;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns LSP frames (JSON-RPC bodies, both directions) into semantic actions.
 *
 * <p>Notifications from the editor map directly: document open/change/save/close and file
 * create/rename/delete become file events and text edits, {@code workspace/executeCommand} an invoke.
 * Requests are remembered by id, per direction, until their response arrives; the pair becomes one
 * action with its outcome (hover, definition/references as a jump, rename with the edits it produced,
 * code actions offered, formatting). A completion is held until the next change of its document shows
 * which item, if any, was accepted. Server diagnostics become {@code DIAGNOSTICS} observations.
 *
 * <p>Causal links: the runtime assigns action ids, so an edit caused by a rename or code action carries
 * the attribute {@value #CAUSE} = {@code "rename:<request id>"} (or {@code codeAction:<id>}) instead of a
 * {@code parent_id}.
 *
 * <p>Malformed JSON and unexpected shapes are counted ({@link #errors()}) and yield no action; this class
 * never throws from {@link #translate}. Thread-safe: the two proxy pipes call it from their tap threads.
 */
public final class LspTranslator {
  /** Attribute naming the request that caused an action: {@code rename:<id>} or {@code codeAction:<id>}. */
  public static final String CAUSE = "lsp.cause";
  /** Attribute with the label of the accepted completion item. */
  public static final String ACCEPTED = "lsp.completion.accepted";
  /** Attribute with the language id of the document. */
  public static final String LANGUAGE = "lsp.languageId";
  /** Attribute saying what became of a request: {@code offered}, {@code chosen}, {@code empty}, ... */
  public static final String OUTCOME = "lsp.outcome";
  /** Most requests remembered per direction while awaiting their response: 1024. */
  static final int MAX_PENDING = 1024;
  private static final int MAX_DIAGNOSTIC_LINES = 3;
  private static final int MAX_MESSAGE_CHARS = 160;

  private static final Logger LOG = Logger.getLogger(LspTranslator.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Pending(String method, JsonNode params) {}

  /** A completion answered but not yet known to be accepted or not. */
  private record HeldCompletion(String id, String uri, JsonNode position, List<String[]> items) {}

  /** Code actions offered by one response: title and command per action, plus edits by uri. */
  private record Offer(String id, String title, String command, List<JsonNode> edits) {}

  private final String appId;
  private final AtomicLong errors = new AtomicLong();
  private final Map<Direction, Map<String, Pending>> pending = new HashMap<>();
  private final Map<String, String> languages = new HashMap<>();
  private HeldCompletion heldCompletion;
  private List<Offer> offers = List.of();

  /** A translator stamping {@code appId} (e.g. {@code "lsp"}) as the source application. */
  public LspTranslator(String appId) {
    this.appId = java.util.Objects.requireNonNull(appId, "appId");
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

  /** The actions one frame body gives, in order; empty for malformed input (counted). Never throws. */
  public synchronized List<Action> translate(Direction direction, byte[] body) {
    List<Action> out = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(body);
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
      return List.of();
    }
  }

  /** What is still held at the end of the session (a completion whose acceptance is unknown). */
  public synchronized List<Action> finish() {
    List<Action> out = new ArrayList<>();
    releaseCompletion(null, out);
    return out;
  }

  private void message(Direction direction, JsonNode m, List<Action> out) {
    String method = m.path("method").asText("");
    JsonNode id = m.get("id");
    JsonNode params = m.path("params");
    if (!method.isEmpty() && id != null) {
      request(direction, id.toString(), method, params, out);
      pending.get(direction).put(id.toString(), new Pending(method, params));
    } else if (!method.isEmpty()) {
      notification(direction, method, params, out);
    } else if (id != null) {
      // A response travels the other way from its request.
      Direction requestDirection =
          direction == Direction.SERVER_TO_EDITOR ? Direction.EDITOR_TO_SERVER : Direction.SERVER_TO_EDITOR;
      Pending p = pending.get(requestDirection).remove(id.toString());
      if (p != null && requestDirection == Direction.EDITOR_TO_SERVER && !m.has("error")) {
        response(id.toString(), p, m.path("result"), out);
      }
    }
  }

  private void request(Direction direction, String id, String method, JsonNode params, List<Action> out) {
    if (direction != Direction.EDITOR_TO_SERVER) {
      return;
    }
    switch (method) {
      case "workspace/executeCommand" -> executeCommand(params, out);
      case "codeAction/resolve" -> {
        Offer offer = offerTitled(params.path("title").asText(""));
        if (offer != null) {
          out.add(codeActionChosen(offer));
        }
      }
      case "textDocument/completion" -> releaseCompletion(null, out);
      default -> { }
    }
  }

  private void notification(Direction direction, String method, JsonNode params, List<Action> out) {
    if (direction == Direction.SERVER_TO_EDITOR) {
      if (method.equals("textDocument/publishDiagnostics")) {
        out.add(diagnostics(params));
      }
      return;
    }
    JsonNode doc = params.path("textDocument");
    String uri = doc.path("uri").asText("");
    switch (method) {
      case "textDocument/didOpen" -> {
        String language = doc.path("languageId").asText("");
        languages.put(uri, language);
        out.add(fileEvent(FileOperation.FILE_OPERATION_OPEN, uri, ""));
      }
      case "textDocument/didChange" -> didChange(uri, doc.path("version").asLong(0), params.path("contentChanges"), out);
      case "textDocument/didSave" -> out.add(fileEvent(FileOperation.FILE_OPERATION_SAVE, uri, ""));
      case "textDocument/didClose" -> {
        out.add(fileEvent(FileOperation.FILE_OPERATION_CLOSE, uri, ""));
        languages.remove(uri);
      }
      case "workspace/didCreateFiles" -> files(params, FileOperation.FILE_OPERATION_CREATE, out);
      case "workspace/didDeleteFiles" -> files(params, FileOperation.FILE_OPERATION_DELETE, out);
      case "workspace/didRenameFiles" -> {
        for (JsonNode f : params.path("files")) {
          out.add(fileEvent(FileOperation.FILE_OPERATION_RENAME, f.path("oldUri").asText(""), f.path("newUri").asText("")));
        }
      }
      default -> { }
    }
  }

  private void files(JsonNode params, FileOperation op, List<Action> out) {
    for (JsonNode f : params.path("files")) {
      out.add(fileEvent(op, f.path("uri").asText(""), ""));
    }
  }

  private void didChange(String uri, long version, JsonNode changes, List<Action> out) {
    releaseCompletion(uri, changesText(changes), out);
    for (JsonNode change : changes) {
      String text = change.path("text").asText("");
      TextEdit.Builder edit = TextEdit.newBuilder().setText(text).setDocumentVersion(version)
          .setLanguageId(languages.getOrDefault(uri, ""));
      if (change.has("range")) {
        TextRange range = range(change.path("range"));
        boolean empty = range.getStart().equals(range.getEnd());
        edit.setRange(range).setOperation(text.isEmpty() ? EditOperation.EDIT_OPERATION_DELETE
            : empty ? EditOperation.EDIT_OPERATION_INSERT : EditOperation.EDIT_OPERATION_REPLACE);
      } else {
        edit.setOperation(EditOperation.EDIT_OPERATION_REPLACE);
      }
      Action.Builder a = action(uri, edit.hasRange() ? edit.getRange() : null).setTextEdit(edit);
      Offer chosen = offerWithEdit(uri, change);
      if (chosen != null) {
        out.add(codeActionChosen(chosen));
        a.addAttributes(attr(CAUSE, "codeAction:" + chosen.id()));
      }
      out.add(a.build());
    }
  }

  private static List<String> changesText(JsonNode changes) {
    List<String> texts = new ArrayList<>();
    changes.forEach(c -> texts.add(c.path("text").asText("")));
    return texts;
  }

  private void executeCommand(JsonNode params, List<Action> out) {
    String command = params.path("command").asText("");
    Invoke.Builder invoke = Invoke.newBuilder().setCommand(command).setMethod(InvokeMethod.INVOKE_METHOD_PROGRAMMATIC);
    int i = 0;
    for (JsonNode arg : params.path("arguments")) {
      invoke.addArguments(Argument.newBuilder().setName("arg" + i++).setValue(arg.isTextual() ? arg.asText() : arg.toString()));
    }
    Action.Builder a = Action.newBuilder().setSource(source("")).setInvoke(invoke);
    for (Offer offer : offers) {
      if (!offer.command().isEmpty() && offer.command().equals(command)) {
        a.addAttributes(attr(CAUSE, "codeAction:" + offer.id())).addAttributes(attr("lsp.codeAction.title", offer.title()));
        break;
      }
    }
    out.add(a.build());
  }

  private void response(String id, Pending p, JsonNode result, List<Action> out) {
    JsonNode params = p.params();
    String uri = params.path("textDocument").path("uri").asText("");
    JsonNode position = params.path("position");
    switch (p.method()) {
      case "textDocument/completion" -> {
        JsonNode items = result.isArray() ? result : result.path("items");
        List<String[]> candidates = new ArrayList<>();
        for (JsonNode item : items) {
          String label = item.path("label").asText("");
          String text = item.path("textEdit").path("newText").asText(item.path("insertText").asText(label));
          candidates.add(new String[] {label, text});
        }
        releaseCompletion(null, out);
        heldCompletion = new HeldCompletion(id, uri, position, candidates);
      }
      case "textDocument/hover" -> out.add(invoke("textDocument/hover", uri, position)
          .addAttributes(attr(OUTCOME, result.isNull() || result.isMissingNode() ? "empty" : "shown")).build());
      case "textDocument/definition", "textDocument/declaration", "textDocument/typeDefinition",
          "textDocument/implementation", "textDocument/references" -> jump(p.method(), uri, position, result, out);
      case "textDocument/rename" -> rename(id, uri, position, params.path("newName").asText(""), result, out);
      case "textDocument/codeAction" -> codeActions(id, uri, params.path("range"), result, out);
      case "textDocument/formatting", "textDocument/rangeFormatting", "textDocument/onTypeFormatting" -> {
        Action.Builder a = invoke(p.method(), uri, params.has("range") ? params.path("range") : position);
        out.add(a.addAttributes(attr("lsp.edits", Integer.toString(result.size()))).build());
      }
      default -> { }
    }
  }

  private void jump(String method, String uri, JsonNode position, JsonNode result, List<Action> out) {
    JsonNode first = result.isArray() ? result.path(0) : result;
    String targetUri = first.has("targetUri") ? first.path("targetUri").asText("") : first.path("uri").asText("");
    JsonNode targetRange = first.has("targetSelectionRange") ? first.path("targetSelectionRange") : first.path("range");
    Action.Builder a = action(uri, position(position)).addAttributes(attr("lsp.method", method))
        .addAttributes(attr("lsp.results", Integer.toString(result.isArray() ? result.size() : result.isObject() ? 1 : 0)));
    Navigate.Builder nav = Navigate.newBuilder().setNavigationType(NavigationType.NAVIGATION_TYPE_JUMP).setUrl(targetUri);
    if (!targetUri.isEmpty()) {
      TextRange r = range(targetRange);
      a.addAttributes(attr("lsp.jump.line", Integer.toString(r.getStart().getLine())))
          .addAttributes(attr("lsp.jump.character", Integer.toString(r.getStart().getCharacter())));
    } else {
      a.addAttributes(attr(OUTCOME, "empty"));
    }
    out.add(a.setNavigate(nav).build());
  }

  private void rename(String id, String uri, JsonNode position, String newName, JsonNode result, List<Action> out) {
    Action.Builder a = invoke("textDocument/rename", uri, position);
    a.getInvokeBuilder().addArguments(Argument.newBuilder().setName("newName").setValue(newName));
    a.addAttributes(attr("lsp.request", id));
    out.add(a.build());
    workspaceEdit(result).forEach((editUri, edits) -> {
      for (JsonNode e : edits) {
        String text = e.path("newText").asText("");
        TextRange range = range(e.path("range"));
        out.add(action(editUri, range).addAttributes(attr(CAUSE, "rename:" + id)).setTextEdit(TextEdit.newBuilder()
            .setRange(range).setText(text).setLanguageId(languages.getOrDefault(editUri, ""))
            .setOperation(text.isEmpty() ? EditOperation.EDIT_OPERATION_DELETE
                : range.getStart().equals(range.getEnd()) ? EditOperation.EDIT_OPERATION_INSERT
                : EditOperation.EDIT_OPERATION_REPLACE)).build());
      }
    });
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

  private void codeActions(String id, String uri, JsonNode range, JsonNode result, List<Action> out) {
    List<Offer> offered = new ArrayList<>();
    StringBuilder titles = new StringBuilder();
    for (JsonNode item : result) {
      String title = item.path("title").asText("");
      // A bare Command has a string "command"; a CodeAction has a Command object there.
      JsonNode cmd = item.path("command");
      String command = cmd.isTextual() ? cmd.asText() : cmd.path("command").asText("");
      List<JsonNode> edits = new ArrayList<>();
      workspaceEdit(item.path("edit")).forEach((u, es) -> es.forEach(e -> edits.add(withUri(u, e))));
      offered.add(new Offer(id, title, command, edits));
      titles.append(titles.length() == 0 ? "" : "\n").append(title);
    }
    offers = List.copyOf(offered);
    Action.Builder a = invoke("textDocument/codeAction", uri, range);
    a.getInvokeBuilder().addArguments(Argument.newBuilder().setName("offered").setValue(titles.toString()));
    out.add(a.addAttributes(attr(OUTCOME, "offered")).addAttributes(attr("lsp.offered", Integer.toString(offered.size())))
        .addAttributes(attr("lsp.request", id)).build());
  }

  private static JsonNode withUri(String uri, JsonNode edit) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = edit.deepCopy();
    copy.put("uri", uri);
    return copy;
  }

  private Offer offerTitled(String title) {
    return offers.stream().filter(o -> o.title().equals(title)).findFirst().orElse(null);
  }

  private Offer offerWithEdit(String uri, JsonNode change) {
    for (Offer o : offers) {
      for (JsonNode e : o.edits()) {
        if (e.path("uri").asText("").equals(uri) && e.path("range").equals(change.path("range"))
            && e.path("newText").asText("").equals(change.path("text").asText(""))) {
          offers = List.of(); // one choice per offer
          return o;
        }
      }
    }
    return null;
  }

  private Action codeActionChosen(Offer offer) {
    Action.Builder a = Action.newBuilder().setSource(source(""))
        .setInvoke(Invoke.newBuilder().setCommand("textDocument/codeAction").setMethod(InvokeMethod.INVOKE_METHOD_PROGRAMMATIC)
            .addArguments(Argument.newBuilder().setName("title").setValue(offer.title())));
    return a.addAttributes(attr(OUTCOME, "chosen")).addAttributes(attr(CAUSE, "codeAction:" + offer.id())).build();
  }

  private void releaseCompletion(String changedUri, List<Action> out) {
    releaseCompletion(changedUri, List.of(), out);
  }

  /** Emits a held completion; when a change of its document inserted one of its items, names that item. */
  private void releaseCompletion(String changedUri, List<String> insertedTexts, List<Action> out) {
    HeldCompletion held = heldCompletion;
    if (held == null) {
      return;
    }
    if (changedUri != null && !changedUri.equals(held.uri())) {
      return;
    }
    heldCompletion = null;
    Action.Builder a = invoke("textDocument/completion", held.uri(), held.position())
        .addAttributes(attr("lsp.request", held.id()))
        .addAttributes(attr("lsp.offered", Integer.toString(held.items().size())));
    String accepted = accepted(held, insertedTexts);
    if (accepted != null) {
      a.addAttributes(attr(ACCEPTED, accepted)).addAttributes(attr(OUTCOME, "accepted"));
    }
    out.add(a.build());
  }

  private static String accepted(HeldCompletion held, List<String> inserted) {
    for (String text : inserted) {
      for (String[] item : held.items()) {
        if (!text.isEmpty() && (text.equals(item[1]) || text.equals(item[0]))) {
          return item[0];
        }
      }
    }
    // A client may insert only the part not yet typed: the item's text ends with it.
    for (String text : inserted) {
      for (String[] item : held.items()) {
        if (text.length() >= 2 && item[1].endsWith(text)) {
          return item[0];
        }
      }
    }
    return null;
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
            .append(msg.length() > MAX_MESSAGE_CHARS ? msg.substring(0, MAX_MESSAGE_CHARS) + "…" : msg);
      }
    }
    String summary = bySeverity[1] + " errors, " + bySeverity[2] + " warnings, " + (bySeverity[3] + bySeverity[4]) + " hints";
    return action(uri, null).setObservation(Observation.newBuilder()
        .setObservationKind(ObservationKind.OBSERVATION_KIND_DIAGNOSTICS).setMediaType("text/plain")
        .setText(summary + lines)).build();
  }

  private Action fileEvent(FileOperation op, String uri, String newUri) {
    Action.Builder a = action(uri, null).setFileEvent(FileEvent.newBuilder().setOperation(op).setPath(path(uri))
        .setNewPath(newUri.isEmpty() ? "" : path(newUri)));
    String language = languages.getOrDefault(uri, "");
    if (!language.isEmpty()) {
      a.addAttributes(attr(LANGUAGE, language));
    }
    return a.build();
  }

  private Action.Builder invoke(String command, String uri, JsonNode rangeOrPosition) {
    TextRange range = rangeOrPosition.has("start") ? range(rangeOrPosition) : position(rangeOrPosition);
    return action(uri, range).setInvoke(Invoke.newBuilder().setCommand(command).setMethod(InvokeMethod.INVOKE_METHOD_PROGRAMMATIC));
  }

  private Action.Builder action(String uri, TextRange range) {
    TextLocation.Builder loc = TextLocation.newBuilder().setUri(uri);
    if (range != null) {
      loc.setRange(range);
    }
    return Action.newBuilder().setSource(source(uri))
        .setTarget(Target.newBuilder().setRole("document").addLocators(Locator.newBuilder().setTextLocation(loc)));
  }

  private dev.understudy.proto.v1.Source source(String uri) {
    return dev.understudy.proto.v1.Source.newBuilder().setAppId(appId).setDocument(uri).build();
  }

  /** A file path for {@code file:} URIs (so path-based policy globs apply), else the URI as given. */
  static String path(String uri) {
    if (uri.startsWith("file:")) {
      try {
        return Path.of(URI.create(uri)).toString();
      } catch (RuntimeException e) {
        return uri;
      }
    }
    return uri;
  }

  private static TextRange position(JsonNode position) {
    TextPosition p = pos(position);
    return TextRange.newBuilder().setStart(p).setEnd(p).build();
  }

  private static TextRange range(JsonNode range) {
    return TextRange.newBuilder().setStart(pos(range.path("start"))).setEnd(pos(range.path("end"))).build();
  }

  private static TextPosition pos(JsonNode p) {
    return TextPosition.newBuilder().setLine(Math.max(0, p.path("line").asInt(0)))
        .setCharacter(Math.max(0, p.path("character").asInt(0))).build();
  }

  private static Attribute attr(String key, String value) {
    return Attribute.newBuilder().setKey(key).setValue(value).build();
  }
}
