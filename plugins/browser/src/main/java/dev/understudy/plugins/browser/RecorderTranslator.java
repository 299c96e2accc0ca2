package dev.understudy.plugins.browser;

import static dev.understudy.plugins.browser.MessageFields.MAX_ITEMS;
import static dev.understudy.plugins.browser.MessageFields.MAX_LOCATOR;
import static dev.understudy.plugins.browser.MessageFields.MAX_NAME;
import static dev.understudy.plugins.browser.MessageFields.MAX_VALUE;
import static dev.understudy.plugins.browser.MessageFields.array;
import static dev.understudy.plugins.browser.MessageFields.bool;
import static dev.understudy.plugins.browser.MessageFields.integer;
import static dev.understudy.plugins.browser.MessageFields.number;
import static dev.understudy.plugins.browser.MessageFields.object;
import static dev.understudy.plugins.browser.MessageFields.oneOf;
import static dev.understudy.plugins.browser.MessageFields.optBool;
import static dev.understudy.plugins.browser.MessageFields.optInteger;
import static dev.understudy.plugins.browser.MessageFields.optObject;
import static dev.understudy.plugins.browser.MessageFields.optText;
import static dev.understudy.plugins.browser.MessageFields.schema;
import static dev.understudy.plugins.browser.MessageFields.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.api.ActionEmitter;
import dev.understudy.api.Policy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Clipboard;
import dev.understudy.proto.v1.ClipboardOperation;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.KeyShortcut;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.proto.v1.Scroll;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Validates recorder messages (docs/browser-recorder-messages.md) and turns each into one semantic action.
 * Every transport hands its messages here: the DevTools binding and the extension's native host.
 *
 * <p>A message that breaks a rule (size, JSON, version, recorder id, sequence order per recorder, schema)
 * is rejected: counted per {@link Rejection}, reported to the runtime as a loss so the session carries a
 * Gap record, and never passed on. Nothing of its content is logged or reported. The session goes on.
 *
 * <p>Threading: {@link #accept} may be called from any thread; calls are serialized (the per-recorder
 * sequence check and per-tab navigation state need one order). Never blocks on the application, never
 * throws.
 */
public final class RecorderTranslator implements RecorderMessageSink {
  private static final Logger LOG = Logger.getLogger(RecorderTranslator.class.getName());
  /** The largest message accepted, in UTF-8 bytes, unless configured otherwise: {@value}. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
  /** The application id of every action: {@value}. */
  public static final String APP_ID = "chromium";
  /** The message format this translator reads. */
  public static final int FORMAT_VERSION = 1;
  /** Recorders whose last sequence number is remembered; the least recently heard is forgotten first. */
  static final int MAX_RECORDERS = 4_096;
  /** Earliest and latest event times accepted, in ms since the epoch (2000 to 2200). */
  private static final double MIN_TIME_MS = 946_684_800_000d;
  private static final double MAX_TIME_MS = 7_258_118_400_000d;
  private static final Pattern RECORDER_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private final ActionEmitter emitter;
  private final int maxMessageBytes;
  private final Rules rules;
  private final AtomicLong deniedFrames = new AtomicLong();
  private final ObjectMapper json;
  private final Map<Rejection, AtomicLong> rejections = new EnumMap<>(Rejection.class);
  private final AtomicLong accepted = new AtomicLong();
  private final Map<String, Long> lastSeq = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_RECORDERS;
    }
  };
  private final Map<String, TabState> tabs = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, TabState> eldest) {
      return size() > MAX_RECORDERS;
    }
  };
  /**
   * The tab in front as far as the messages tell: the last to become visible, or a tab whose first page loaded
   * visible (a tab opened in front sends no activation); null before either. Messages without a tab share the id "".
   */
  private String activeTab;
  /** The title of the tab in front when it came to the front (for messages without a tab, whose state is shared). */
  private String activeTitle = "";
  /** The page of the tab in front when it came to the front (for messages without a tab). */
  private String activeDocument = "";
  private volatile BiConsumer<Action, TabContext> emitted;

  /** What the translator remembers about a tab to say how its next page was reached. */
  private static final class TabState {
    NavigationType expected = NavigationType.NAVIGATION_TYPE_UNSPECIFIED;
    NavigationType cause = NavigationType.NAVIGATION_TYPE_UNSPECIFIED;
    String url = "";
    String title = "";
  }

  /**
   * What the translator enforces itself, beyond what the runtime judges on every action.
   *
   * @param allowsDocument whether a frame's own URL may be recorded (the runtime judges only the tab's
   *     URL, {@code source.document}): messages from a frame it refuses make no action
   * @param maskValuesHosts host patterns ({@link HostGlobs}) on which no field value, file name or clipboard
   *     text is kept, whatever the page's recorder sent: the frame's host or the tab's
   */
  public record Rules(Predicate<String> allowsDocument, List<String> maskValuesHosts) {
    /** Nothing beyond the runtime's own checks. */
    public static final Rules NONE = new Rules(d -> true, List.of());

    /** Checks the parts are present. */
    public Rules {
      Objects.requireNonNull(allowsDocument, "allowsDocument");
      maskValuesHosts = List.copyOf(maskValuesHosts);
    }

    /** The rules of a session: its policy's document rules and these masked hosts. */
    public static Rules of(Policy policy, List<String> maskValuesHosts) {
      Objects.requireNonNull(policy, "policy");
      return new Rules(policy::allowsDocument, maskValuesHosts);
    }
  }

  /**
   * A translator emitting to this emitter.
   *
   * @param maxMessageBytes the size limit, in UTF-8 bytes
   */
  public RecorderTranslator(ActionEmitter emitter, int maxMessageBytes) {
    this(emitter, maxMessageBytes, Rules.NONE);
  }

  /**
   * A translator emitting to this emitter, enforcing these rules.
   *
   * @param maxMessageBytes the size limit, in UTF-8 bytes
   */
  public RecorderTranslator(ActionEmitter emitter, int maxMessageBytes, Rules rules) {
    this.emitter = Objects.requireNonNull(emitter, "emitter");
    this.rules = Objects.requireNonNull(rules, "rules");
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes: at least 1024, got " + maxMessageBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(maxMessageBytes).build())
        .build();
    this.json = new ObjectMapper(factory);
    for (Rejection r : Rejection.values()) {
      rejections.put(r, new AtomicLong());
    }
  }

  /** A translator with the default size limit, {@value #DEFAULT_MAX_MESSAGE_BYTES} bytes. */
  public RecorderTranslator(ActionEmitter emitter) {
    this(emitter, DEFAULT_MAX_MESSAGE_BYTES);
  }

  @Override
  public void accept(String transport, String json) {
    accept(transport, json, null);
  }

  /**
   * Accepts one message from a known tab: its title and URL become the action's window title and
   * document, also for messages from the tab's frames.
   *
   * @param tab the tab, or {@code null} when the transport does not know it
   */
  public synchronized void accept(String transport, String json, TabContext tab) {
    try {
      Action action = translate(transport == null ? "" : transport, json, tab);
      accepted.incrementAndGet();
      if (action == null) {
        return;
      }
      if (action.hasFileEvent()) {
        // One upload per chosen file (the recorder sends the names together).
        for (String name : action.getFileEvent().getPath().split("\n")) {
          emitter.emit(action.toBuilder().setFileEvent(action.getFileEvent().toBuilder().setPath(name)).build());
        }
      } else {
        emitter.emit(action);
      }
      BiConsumer<Action, TabContext> listener = emitted;
      if (listener != null) {
        listener.accept(action, tab);
      }
    } catch (RejectedMessageException e) {
      reject(e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "browser recorder message could not be translated", e);
      reject(Rejection.INTERNAL, e.getClass().getSimpleName());
    }
  }

  /**
   * Tells the listener of every action emitted, with its tab (null when unknown), on the thread that
   * called {@link #accept}; the listener must not block. Package-private: the DevTools transport's
   * observations use it.
   */
  void onEmitted(BiConsumer<Action, TabContext> listener) {
    this.emitted = listener;
  }

  /** The next page loaded in this tab was reached this way (a new tab, a popup, a location typed by the adapter). */
  public synchronized void expectNavigation(String tabId, NavigationType type) {
    tab(tabId).expected = Objects.requireNonNull(type, "type");
  }

  /** Messages rejected so far, per reason. */
  public synchronized Map<Rejection, Long> rejections() {
    Map<Rejection, Long> out = new EnumMap<>(Rejection.class);
    rejections.forEach((r, n) -> out.put(r, n.get()));
    return out;
  }

  /** Messages rejected so far, all reasons. */
  public long rejectedCount() {
    return rejections.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Messages from frames whose own URL the policy refuses, which made no action. */
  public long deniedFrameMessages() {
    return deniedFrames.get();
  }

  /** Messages accepted so far (including the few that make no action). */
  public long acceptedCount() {
    return accepted.get();
  }

  private void reject(Rejection reason, String detail) {
    rejections.get(reason).incrementAndGet();
    LOG.fine(() -> "browser recorder message rejected: " + reason + ": " + detail);
    emitter.reportLoss(1, "browser recorder message rejected: " + reason.name().toLowerCase(Locale.ROOT));
  }

  private TabState tab(String id) {
    return tabs.computeIfAbsent(id, k -> new TabState());
  }

  private Action translate(String transport, String text, TabContext tab) throws RejectedMessageException {
    if (text == null) {
      throw new RejectedMessageException(Rejection.NOT_JSON, "null");
    }
    if (text.length() > maxMessageBytes || (text.length() * 3L > maxMessageBytes
        && text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes)) {
      throw new RejectedMessageException(Rejection.OVERSIZED, "more than " + maxMessageBytes + " bytes");
    }
    JsonNode m;
    try {
      m = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RejectedMessageException(Rejection.NOT_JSON, "not JSON");
    }
    if (m == null || !m.isObject()) {
      throw new RejectedMessageException(Rejection.NOT_AN_OBJECT, "not an object");
    }
    JsonNode v = m.get("v");
    if (v == null || !v.isIntegralNumber() || v.intValue() != FORMAT_VERSION) {
      throw new RejectedMessageException(Rejection.VERSION, "format version");
    }
    JsonNode ridNode = m.get("rid");
    if (ridNode == null || !ridNode.isTextual() || !RECORDER_ID.matcher(ridNode.textValue()).matches()) {
      throw new RejectedMessageException(Rejection.RECORDER_ID, "recorder id");
    }
    long seq = integer(m, "seq", 1, Long.MAX_VALUE);
    double timeMs = number(m, "t", MIN_TIME_MS, MAX_TIME_MS);
    String type = oneOf(m, "type", "click", "value", "submit", "navigate", "key", "scroll", "clipboard", "drop", "focus", "activate");
    JsonNode frame = object(m, "frame");
    String frameUrl = text(frame, "url", MAX_LOCATOR * 4);
    boolean top = bool(frame, "top");
    String frameTitle = optText(frame, "title", MAX_NAME);
    array(frame, "path");
    if (!top && !rules.allowsDocument().test(frameUrl)) {
      // A frame from a site the policy refuses, inside a page it allows: nothing of the frame is recorded.
      checkSequence(ridNode.textValue(), seq);
      deniedFrames.incrementAndGet();
      return null;
    }

    // Build first, then take the sequence number: a message rejected for its body does not advance it.
    String tabId = tab != null ? tab.id() : "";
    TabState state = tab(tabId);
    long wholeMs = (long) Math.floor(timeMs); // whole and fraction apart: one double cannot hold ns since 1970
    Action.Builder a = Action.newBuilder().setTimeUnixNano(wholeMs * 1_000_000L + Math.round((timeMs - wholeMs) * 1_000_000d));
    // A frame's message is placed in its tab: the top page's title (as its own recorder last told it; the
    // browser's tab title lags) and the tab's URL.
    if (top) {
      state.title = frameTitle;
    }
    String title = top || tab == null ? frameTitle : !state.title.isEmpty() ? state.title : tab.title();
    String document = top || tab == null ? frameUrl : tab.url();
    a.setSource(Source.newBuilder().setAppId(APP_ID).setWindowTitle(title).setDocument(document));
    attribute(a, "browser.transport", transport);
    if (!top) {
      attribute(a, "browser.frame.url", frameUrl);
      if (!frame.has("path")) {
        attribute(a, "browser.frame.path", "unknown");
      }
    }
    boolean masked = HostGlobs.matchesUrl(rules.maskValuesHosts(), frameUrl)
        || tab != null && HostGlobs.matchesUrl(rules.maskValuesHosts(), tab.url());
    boolean built = switch (type) {
      case "navigate" -> navigate(a, m, state, top, tabId, title);
      case "activate" -> activate(a, title, tabId, document);
      default -> withTarget(a, m, frame, type, state, masked);
    };
    checkSequence(ridNode.textValue(), seq);
    return built ? a.build() : null;
  }

  private void checkSequence(String rid, long seq) throws RejectedMessageException {
    Long last = lastSeq.get(rid);
    long expected = last == null ? 1 : last + 1;
    if (last != null && seq <= last) {
      throw new RejectedMessageException(Rejection.SEQUENCE, "sequence " + seq + " after " + last);
    }
    lastSeq.put(rid, seq);
    if (seq > expected) {
      emitter.reportLoss(seq - expected, "browser recorder messages lost between the page and the adapter");
    }
  }

  private boolean withTarget(Action.Builder a, JsonNode m, JsonNode frame, String type, TabState state, boolean masked)
      throws RejectedMessageException {
    TargetMapper.Mapped mapped = TargetMapper.map(object(m, "target"), frame);
    Target target = mapped.target();
    a.setTarget(target);
    attribute(a, "browser.tag", mapped.tag());
    attribute(a, "browser.input.type", mapped.inputType());
    attribute(a, "browser.autocomplete", mapped.autocomplete());
    attribute(a, "browser.test_id.attr", mapped.testIdAttribute());
    if (mapped.countCap() > 0) {
      attribute(a, "browser.count.cap", Long.toString(mapped.countCap()));
    }
    state.cause = NavigationType.NAVIGATION_TYPE_UNSPECIFIED;
    switch (type) {
      case "click" -> {
        String method = oneOf(m, "method", "click", "double", "context", "keyboard");
        integer(m, "button", 0, 4);
        Invoke.Builder invoke = Invoke.newBuilder().setMethod(switch (method) {
          case "double" -> InvokeMethod.INVOKE_METHOD_DOUBLE_CLICK;
          case "context" -> InvokeMethod.INVOKE_METHOD_CONTEXT_CLICK;
          case "keyboard" -> InvokeMethod.INVOKE_METHOD_KEYBOARD;
          default -> InvokeMethod.INVOKE_METHOD_CLICK;
        });
        if (target.getRole().startsWith("menuitem") && !method.equals("context")) {
          invoke.setMethod(InvokeMethod.INVOKE_METHOD_MENU);
          target.getContextList().stream()
              .filter(c -> (c.getRole().equals("menu") || c.getRole().equals("menubar")) && !c.getName().isEmpty())
              .forEach(c -> invoke.addMenuPath(c.getName()));
          invoke.addMenuPath(target.getName());
        }
        if (target.getRole().equals("link")) {
          state.cause = NavigationType.NAVIGATION_TYPE_LINK;
        }
        a.setInvoke(invoke);
      }
      case "value" -> value(a, m, target, masked);
      case "submit" -> {
        JsonNode submitter = optObject(m, "submitter");
        if (submitter != null) {
          attribute(a, "browser.submitter.role", text(submitter, "role", 40));
          attribute(a, "browser.submitter.name", text(submitter, "name", MAX_NAME));
        }
        state.cause = NavigationType.NAVIGATION_TYPE_FORM_SUBMIT;
        a.setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_SUBMIT));
      }
      case "key" -> {
        KeyShortcut.Builder key = KeyShortcut.newBuilder().setKey(text(m, "key", 40));
        for (JsonNode mod : array(m, "modifiers")) {
          key.addModifiers(switch (mod.asText()) {
            case "ctrl" -> Modifier.MODIFIER_CTRL;
            case "shift" -> Modifier.MODIFIER_SHIFT;
            case "alt" -> Modifier.MODIFIER_ALT;
            case "meta" -> Modifier.MODIFIER_META;
            default -> throw schema("modifiers: unknown modifier");
          });
        }
        a.setKeyShortcut(key);
      }
      case "scroll" -> a.setScroll(Scroll.newBuilder()
          .setDeltaXPx((int) integer(m, "dx", Integer.MIN_VALUE, Integer.MAX_VALUE))
          .setDeltaYPx((int) integer(m, "dy", Integer.MIN_VALUE, Integer.MAX_VALUE))
          .setPositionPermille((int) integer(m, "permille", 0, 1000)));
      case "clipboard" -> {
        String op = oneOf(m, "op", "copy", "cut", "paste");
        Clipboard.Builder clip = Clipboard.newBuilder()
            .setOperation(op.equals("copy") ? ClipboardOperation.CLIPBOARD_OPERATION_COPY
                : op.equals("cut") ? ClipboardOperation.CLIPBOARD_OPERATION_CUT : ClipboardOperation.CLIPBOARD_OPERATION_PASTE)
            .setContentLength((int) integer(m, "length", 0, Integer.MAX_VALUE))
            .setMediaType(optText(m, "mediaType", 100));
        String content = optText(m, "content", MAX_VALUE);
        if (!target.getSecure() && !masked) {
          clip.setContent(content);
        }
        a.setClipboard(clip);
      }
      case "drop" -> {
        JsonNode source = optObject(m, "source");
        if (source != null) {
          attribute(a, "browser.drag.source.role", text(source, "role", 40));
          attribute(a, "browser.drag.source.name", text(source, "name", MAX_NAME));
          for (JsonNode l : array(source, "locators")) {
            if ("text".equals(l.path("kind").asText())) {
              attribute(a, "browser.drag.source.text", text(l, "value", MAX_LOCATOR)); // roles like listitem have no name
            }
          }
        }
        long files = optInteger(m, "fileCount", 0, Integer.MAX_VALUE);
        if (files > 0) {
          attribute(a, "browser.file.count", Long.toString(files));
        }
        a.setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_DROP));
      }
      case "focus" -> {
        Focus.Builder focus = Focus.newBuilder();
        JsonNode previous = optObject(m, "previous");
        if (previous != null) {
          focus.setPreviousRole(text(previous, "role", 40)).setPreviousName(text(previous, "name", MAX_NAME));
        }
        a.setFocus(focus);
      }
      default -> throw schema("type: unknown");
    }
    return true;
  }

  private void value(Action.Builder a, JsonNode m, Target target, boolean masked) throws RejectedMessageException {
    String kind = oneOf(m, "valueKind", "text", "number", "date", "option", "checked", "file");
    boolean omitted = bool(m, "omitted");
    String value = optText(m, "value", MAX_VALUE);
    String previous = optText(m, "previousValue", MAX_VALUE);
    attribute(a, "browser.value.cause", oneOf(m, "cause", "change", "blur", "submit", "navigation", "key", "action"));
    if (optBool(m, "truncated")) {
      attribute(a, "browser.value.truncated", "true");
    }
    if (kind.equals("file")) {
      long count = optInteger(m, "fileCount", 0, Integer.MAX_VALUE);
      attribute(a, "browser.file.count", Long.toString(count));
      JsonNode names = array(m, "fileNames");
      List<String> checked = texts(names);
      if (masked) {
        // A file's name is a value like any other: on a masked site it is left out, whatever the recorder sent.
        attribute(a, "browser.value.masked", "true");
      } else if (names.size() > 0 && names.size() <= MAX_ITEMS) {
        // Split into one upload per file by accept(); file events need the file-names capability.
        a.setFileEvent(FileEvent.newBuilder().setOperation(FileOperation.FILE_OPERATION_UPLOAD)
            .setPath(String.join("\n", checked)));
        return;
      }
      a.setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_FILE).setValueOmitted(count > 0 || names.size() > 0));
      return;
    }
    ValueChange.Builder change = ValueChange.newBuilder().setValueKind(switch (kind) {
      case "number" -> ValueKind.VALUE_KIND_NUMBER;
      case "date" -> ValueKind.VALUE_KIND_DATE;
      case "option" -> ValueKind.VALUE_KIND_OPTION;
      case "checked" -> ValueKind.VALUE_KIND_CHECKED;
      default -> ValueKind.VALUE_KIND_TEXT;
    });
    if (omitted || target.getSecure() || masked) {
      if (masked) {
        attribute(a, "browser.value.masked", "true");
      }
      change.setValueOmitted(true);
    } else {
      change.setValue(value).setPreviousValue(previous);
    }
    a.setValueChange(change);
  }

  private static List<String> texts(JsonNode names) throws RejectedMessageException {
    List<String> out = new ArrayList<>();
    for (JsonNode n : names) {
      if (!n.isTextual() || n.textValue().isEmpty() || n.textValue().length() > 255 || n.textValue().indexOf('\n') >= 0) {
        throw schema("fileNames: expected file names");
      }
      out.add(n.textValue());
    }
    return out;
  }

  private boolean navigate(Action.Builder a, JsonNode m, TabState state, boolean top, String tabId, String title)
      throws RejectedMessageException {
    String url = text(m, "url", MAX_LOCATOR * 4);
    String referrer = optText(m, "previousUrl", MAX_LOCATOR * 4);
    String how = oneOf(m, "how", "load", "reload", "back_forward", "push", "replace", "traverse", "hash");
    boolean visible = optBool(m, "visible");
    if (!top) {
      return false; // frames load as part of their page; only the top frame's navigation is the person's
    }
    if (visible && how.equals("load") && state.url.isEmpty()) {
      front(tabId, title, url); // a tab opened in front says so only here: it never becomes visible, it starts so
    }
    NavigationType type = switch (how) {
      case "reload" -> NavigationType.NAVIGATION_TYPE_RELOAD;
      case "back_forward", "traverse" -> NavigationType.NAVIGATION_TYPE_BACK_FORWARD;
      case "push", "replace", "hash" -> NavigationType.NAVIGATION_TYPE_SAME_DOCUMENT;
      default -> state.expected != NavigationType.NAVIGATION_TYPE_UNSPECIFIED ? state.expected : state.cause;
    };
    String previous = how.equals("load") && !state.url.isEmpty() ? state.url : referrer;
    if (how.equals("load") || how.equals("reload") || how.equals("back_forward")) {
      state.expected = NavigationType.NAVIGATION_TYPE_UNSPECIFIED;
    }
    state.cause = NavigationType.NAVIGATION_TYPE_UNSPECIFIED;
    state.url = url;
    a.setNavigate(Navigate.newBuilder().setUrl(url).setPreviousUrl(previous).setNavigationType(type));
    return true;
  }

  private boolean activate(Action.Builder a, String title, String tabId, String document) {
    WindowSwitch.Builder sw = WindowSwitch.newBuilder().setTo(WindowRef.newBuilder().setAppId(APP_ID).setTitle(title));
    String from = frontTitle();
    if (!from.isEmpty()) {
      sw.setFrom(WindowRef.newBuilder().setAppId(APP_ID).setTitle(from));
    }
    front(tabId, title, document);
    a.setWindowSwitch(sw);
    return true;
  }

  private void front(String tabId, String title, String document) {
    activeTab = tabId;
    activeTitle = title;
    activeDocument = document;
  }

  /**
   * The title of the tab in front, as its page last told it; "" when unknown, or when the policy refuses the page it
   * shows now (a refused page's title is never named as where a switch came from).
   */
  private String frontTitle() {
    if (activeTab == null) {
      return "";
    }
    TabState state = activeTab.isEmpty() ? null : tabs.get(activeTab);
    String page = state != null && !state.url.isEmpty() ? state.url : activeDocument;
    if (!rules.allowsDocument().test(page)) {
      return "";
    }
    return state != null && !state.title.isEmpty() ? state.title : activeTitle;
  }

  private static void attribute(Action.Builder a, String key, String value) {
    if (value != null && !value.isEmpty()) {
      a.addAttributes(Attribute.newBuilder().setKey(key).setValue(value));
    }
  }
}
