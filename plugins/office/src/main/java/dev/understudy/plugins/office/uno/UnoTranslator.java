package dev.understudy.plugins.office.uno;

import dev.understudy.api.ActionEmitter;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Argument;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Bounds;
import dev.understudy.proto.v1.ContextElement;
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
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Turns what the bridge saw ({@link UnoEvent}) into semantic actions:
 *
 * <ul>
 *   <li>{@code .uno:InsertText} one character at a time becomes one {@link TextEdit} per run of typing
 *       (ended by a pause of the typing idle window, any other command, or stop); {@code .uno:SwBackspace}
 *       inside a run takes back its last character.
 *   <li>Other commands become {@link Invoke}s with their arguments; a toolbar item or menu item that took
 *       the focus just before makes it a toolbar or menu invocation with that element as target and the
 *       menu path; the undo title LibreOffice gave the edit goes along as {@value #ATTR_UNDO}.
 *   <li>Calc's {@code .uno:EnterString}, with the cell its entry changed, becomes a {@link ValueChange} of
 *       that cell ({@code Sheet1.B5}); {@code .uno:GoToCell} a {@link Selection}.
 *   <li>Document events become {@link FileEvent}s (new, open, save, save-as, close) and
 *       {@link WindowSwitch}es between documents; dialogs opening and closing become window switches too;
 *       dialog fields become {@link Focus} and {@link ValueChange} actions (never a value for a password
 *       field).
 *   <li>An undo title no command claimed within {@value #UNDO_CLAIM_MILLIS} ms (an edit finished by a
 *       dialog, such as Insert Table) becomes a {@link TextEdit} with only its undo title.
 * </ul>
 *
 * <p>Threading: the capture thread only (it also runs the scheduled flushes); not thread-safe.
 */
final class UnoTranslator {
  /** The UNO command an action came from. */
  static final String ATTR_COMMAND = "uno.command";
  /** The types of the Invoke's arguments, comma-separated, in order (for replay). */
  static final String ATTR_ARG_TYPES = "uno.arg-types";
  /** Understudy's id of the frame (two untitled documents have the same title). */
  static final String ATTR_FRAME = "uno.frame";
  /** The undo title of the edit a command made. */
  static final String ATTR_UNDO = "uno.undo";
  /** {@code comment}: LibreOffice recorded the command as not done by itself (it opened a dialog). */
  static final String ATTR_RECORDED = "uno.recorded";
  /**
   * {@code dialog-opened} or {@code dialog-closed} on a window switch; {@code dialog-button} on the invoke
   * of the button that closed a dialog.
   */
  static final String ATTR_WINDOW = "uno.window";
  /** The LibreOffice document event a file event came from. */
  static final String ATTR_EVENT = "uno.event";
  /** The filter a document was saved with. */
  static final String ATTR_FILTER = "uno.filter";

  static final long UNDO_CLAIM_MILLIS = 500;
  static final long TOOLBAR_WINDOW_MILLIS = 1_500;
  static final long MENU_WINDOW_MILLIS = 2_000;
  static final long CELL_WINDOW_MILLIS = 2_000;
  static final long SAVE_WINDOW_MILLIS = 3_000;

  static final String INSERT_TEXT = ".uno:InsertText";
  static final String BACKSPACE = ".uno:SwBackspace";
  static final String ENTER_STRING = ".uno:EnterString";
  static final String GO_TO_CELL = ".uno:GoToCell";
  /** Commands a file event already describes. */
  private static final Set<String> SAVES = Set.of(".uno:Save", ".uno:SaveAs", ".uno:SaveAll");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][-+]?\\d+)?");
  private static final Map<String, String> MEDIA_TYPES = Map.of(
      "writer8", "application/vnd.oasis.opendocument.text",
      "calc8", "application/vnd.oasis.opendocument.spreadsheet",
      "impress8", "application/vnd.oasis.opendocument.presentation",
      "draw8", "application/vnd.oasis.opendocument.graphics",
      "MS Word 2007 XML", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Calc MS Excel 2007 XML", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Text", "text/plain",
      "Text (encoded)", "text/plain",
      "writer_pdf_Export", "application/pdf",
      "Text - txt - csv (StarCalc)", "text/csv");

  private final ActionEmitter emitter;
  private final ScheduledExecutorService scheduler;
  private final long typingIdleNanos;
  private final LongSupplier monotonic;
  private final LongSupplier takeDropped;

  private final Map<String, TypingRun> runs = new HashMap<>();
  private final Deque<PendingUndo> undos = new ArrayDeque<>();
  private final Map<String, UnoEvent.Cells> changedCells = new HashMap<>();
  private final Map<String, Long> lastSave = new HashMap<>();
  private UnoEvent.Accessible toolbarItem;
  private UnoEvent.Accessible menuItem;
  private FrameContext focused;

  /**
   * @param scheduler the capture thread, for the typing and undo deadlines
   * @param monotonic a monotonic clock in nanoseconds (deadlines)
   * @param takeDropped events dropped before they reached here since the last call
   */
  UnoTranslator(ActionEmitter emitter, ScheduledExecutorService scheduler, long typingIdleNanos,
      LongSupplier monotonic, LongSupplier takeDropped) {
    this.emitter = emitter;
    this.scheduler = scheduler;
    this.typingIdleNanos = typingIdleNanos;
    this.monotonic = monotonic;
    this.takeDropped = takeDropped;
  }

  /** Translates one event. */
  void on(UnoEvent event) {
    long dropped = takeDropped.getAsLong();
    if (dropped > 0) {
      emitter.reportLoss(dropped, "LibreOffice events dropped: the uno capture queue was full");
    }
    if (event instanceof UnoEvent.Dispatch d) {
      dispatch(d);
    } else if (event instanceof UnoEvent.Undo u) {
      undo(u);
    } else if (event instanceof UnoEvent.Cells c) {
      changedCells.put(c.frame().frameId(), c);
    } else if (event instanceof UnoEvent.Document d) {
      document(d);
    } else if (event instanceof UnoEvent.Accessible a) {
      accessible(a);
    } else if (event instanceof UnoEvent.Dialog d) {
      dialog(d);
    } else if (event instanceof UnoEvent.Lost l) {
      flushAll();
      emitter.reportLoss(1, l.reason());
    } else if (event instanceof UnoEvent.Dropped d) {
      emitter.reportLoss(d.count(), d.reason());
    }
  }

  /** Emits everything held back: runs of typing, unclaimed undo titles. At stop. */
  void flushAll() {
    for (String frame : new ArrayList<>(runs.keySet())) {
      flushRun(frame);
    }
    while (!undos.isEmpty()) {
      emitUndo(undos.removeFirst());
    }
  }

  // --- commands ---

  private void dispatch(UnoEvent.Dispatch d) {
    String frame = d.frame().frameId();
    if (d.command().equals(INSERT_TEXT) && !d.comment()) {
      type(d);
      return;
    }
    TypingRun run = runs.get(frame);
    if (d.command().equals(BACKSPACE) && run != null && run.text.length() > 0) {
      run.backspace(monotonic.getAsLong());
      return;
    }
    flushRun(frame);
    String undo = claimUndo(frame, d.unixNanos());
    if (d.command().equals(ENTER_STRING)) {
      enteredInCell(d, undo);
    } else if (d.command().equals(GO_TO_CELL)) {
      selectedCell(d);
    } else if (SAVES.contains(d.command()) && savedJustNow(frame, d.unixNanos())) {
      return; // the file event said it already, with the file
    } else {
      invoke(d, undo);
    }
  }

  private void type(UnoEvent.Dispatch d) {
    String frame = d.frame().frameId();
    TypingRun run = runs.get(frame);
    if (run == null) {
      run = new TypingRun(d.frame(), d.unixNanos(), monotonic.getAsLong());
      runs.put(frame, run);
      scheduleIdleCheck(frame, typingIdleNanos);
    }
    run.append(d.argument("Text"), d.frame(), monotonic.getAsLong());
  }

  private void scheduleIdleCheck(String frame, long delayNanos) {
    scheduler.schedule(() -> {
      TypingRun run = runs.get(frame);
      if (run == null) {
        return;
      }
      long idle = monotonic.getAsLong() - run.lastMonotonic;
      if (idle >= typingIdleNanos) {
        flushRun(frame);
      } else {
        scheduleIdleCheck(frame, typingIdleNanos - idle);
      }
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void flushRun(String frame) {
    TypingRun run = runs.remove(frame);
    if (run == null || run.text.length() == 0) {
      return; // typed and erased again: nothing changed
    }
    Action.Builder a = base(run.context, run.firstUnixNanos, INSERT_TEXT)
        .setTarget(documentTarget(run.context, INSERT_TEXT))
        .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_INSERT).setText(run.text.toString()));
    emitter.emit(a.build());
  }

  private void invoke(UnoEvent.Dispatch d, String undo) {
    Invoke.Builder invoke = Invoke.newBuilder().setCommand(d.command());
    List<String> types = new ArrayList<>();
    for (UnoArgument arg : d.arguments()) {
      if (!arg.isObject() && !arg.type().equals("void")) {
        invoke.addArguments(Argument.newBuilder().setName(arg.name()).setValue(arg.value()));
        types.add(arg.type());
      }
    }
    Target.Builder target = Target.newBuilder();
    long t = d.unixNanos();
    if (recent(toolbarItem, t, TOOLBAR_WINDOW_MILLIS)) {
      invoke.setMethod(InvokeMethod.INVOKE_METHOD_TOOLBAR);
      target = elementTarget(toolbarItem.element());
      toolbarItem = null;
      menuItem = null;
    } else if (recent(menuItem, t, MENU_WINDOW_MILLIS)) {
      invoke.setMethod(InvokeMethod.INVOKE_METHOD_MENU);
      for (UnoElement.Container c : menuItem.element().context()) {
        if (c.role().equals("menu")) {
          invoke.addMenuPath(c.name());
        }
      }
      invoke.addMenuPath(menuItem.element().name());
      target = elementTarget(menuItem.element());
      menuItem = null;
      toolbarItem = null;
    } else {
      target.setName(d.command().startsWith(".uno:") ? d.command().substring(5) : d.command());
    }
    target.addLocators(Locator.newBuilder().setCommandUrl(d.command()));
    Action.Builder a = base(d.frame(), t, d.command()).setTarget(target).setInvoke(invoke);
    if (!types.isEmpty()) {
      a.addAttributes(attribute(ATTR_ARG_TYPES, String.join(",", types)));
    }
    if (d.comment()) {
      a.addAttributes(attribute(ATTR_RECORDED, "comment"));
    }
    if (undo != null) {
      a.addAttributes(attribute(ATTR_UNDO, undo));
    }
    emitter.emit(a.build());
  }

  private static boolean recent(UnoEvent.Accessible e, long t, long windowMillis) {
    return e != null && t - e.unixNanos() <= TimeUnit.MILLISECONDS.toNanos(windowMillis) && t >= e.unixNanos() - 50_000_000L;
  }

  // --- Calc ---

  private void enteredInCell(UnoEvent.Dispatch d, String undo) {
    String value = d.argument("StringName");
    UnoEvent.Cells cells = changedCells.remove(d.frame().frameId());
    String cell = "";
    if (cells != null && d.unixNanos() - cells.unixNanos() <= TimeUnit.MILLISECONDS.toNanos(CELL_WINDOW_MILLIS)) {
      cell = cellName(cells.sheet(), cells.range());
    }
    Target.Builder target = Target.newBuilder().setRole("cell").setName(cell)
        .addLocators(Locator.newBuilder().setCommandUrl(ENTER_STRING));
    Action.Builder a = base(d.frame(), d.unixNanos(), ENTER_STRING).setTarget(target)
        .setValueChange(ValueChange.newBuilder().setValue(value).setValueKind(valueKind(value)));
    if (undo != null) {
      a.addAttributes(attribute(ATTR_UNDO, undo));
    }
    emitter.emit(a.build());
  }

  private void selectedCell(UnoEvent.Dispatch d) {
    String point = d.argument("ToPoint").replace("$", "");
    String sheet = d.sheet();
    int dot = point.lastIndexOf('.');
    if (dot >= 0) {
      sheet = point.substring(0, dot);
      point = point.substring(dot + 1);
    }
    Target.Builder target = Target.newBuilder().setRole("cell").setName(cellName(sheet, point))
        .addLocators(Locator.newBuilder().setCommandUrl(GO_TO_CELL));
    Action.Builder a = base(d.frame(), d.unixNanos(), GO_TO_CELL).setTarget(target)
        .setSelection(Selection.newBuilder().setReference(point).setItemCount(point.contains(":") ? 0 : 1));
    a.addAttributes(attribute(ATTR_ARG_TYPES, "string"));
    emitter.emit(a.build());
  }

  private static String cellName(String sheet, String range) {
    return sheet.isEmpty() ? range : sheet + "." + range;
  }

  static ValueKind valueKind(String value) {
    if (value.startsWith("=")) {
      return ValueKind.VALUE_KIND_FORMULA;
    }
    if (NUMBER.matcher(value.trim()).matches()) {
      return ValueKind.VALUE_KIND_NUMBER;
    }
    return ValueKind.VALUE_KIND_TEXT;
  }

  // --- undo titles ---

  private void undo(UnoEvent.Undo u) {
    String frame = u.frame().frameId();
    if (runs.containsKey(frame)) {
      return; // "Typing": the run of typing says it, with the text
    }
    PendingUndo pending = new PendingUndo(u.frame(), u.title(), u.unixNanos());
    undos.addLast(pending);
    scheduler.schedule(() -> {
      if (undos.remove(pending)) {
        emitUndo(pending);
      }
    }, UNDO_CLAIM_MILLIS, TimeUnit.MILLISECONDS);
  }

  private String claimUndo(String frame, long t) {
    Iterator<PendingUndo> it = undos.descendingIterator();
    while (it.hasNext()) {
      PendingUndo u = it.next();
      if (u.frame.frameId().equals(frame) && t - u.unixNanos <= TimeUnit.MILLISECONDS.toNanos(UNDO_CLAIM_MILLIS)) {
        it.remove();
        return u.title;
      }
    }
    return null;
  }

  private void emitUndo(PendingUndo u) {
    emitter.emit(base(u.frame, u.unixNanos, "").setTarget(documentTarget(u.frame, ""))
        .setTextEdit(TextEdit.newBuilder().setUndoTitle(u.title)).build());
  }

  // --- documents and windows ---

  private void document(UnoEvent.Document d) {
    FrameContext f = d.frame();
    FileEvent.Builder file = FileEvent.newBuilder();
    switch (d.name()) {
      case "OnNew":
        file.setOperation(FileOperation.FILE_OPERATION_CREATE);
        break;
      case "OnLoad":
        file.setOperation(FileOperation.FILE_OPERATION_OPEN).setPath(f.documentUrl());
        break;
      case "OnSaveDone":
        file.setOperation(FileOperation.FILE_OPERATION_SAVE).setPath(f.documentUrl());
        break;
      case "OnSaveAsDone":
        file.setOperation(FileOperation.FILE_OPERATION_SAVE_AS).setPath(d.previousUrl()).setNewPath(f.documentUrl());
        break;
      case "OnUnload":
        flushRun(f.frameId());
        file.setOperation(FileOperation.FILE_OPERATION_CLOSE).setPath(f.documentUrl());
        break;
      case "OnFocus":
        switchedTo(f, d.unixNanos());
        return;
      default:
        return;
    }
    if (d.name().startsWith("OnSave")) {
      flushRun(f.frameId());
      lastSave.put(f.frameId(), d.unixNanos());
      String media = MEDIA_TYPES.get(d.filter());
      if (media != null) {
        file.setMediaType(media);
      }
    }
    Action.Builder a = base(f, d.unixNanos(), "").setTarget(documentTarget(f, "")).setFileEvent(file)
        .addAttributes(attribute(ATTR_EVENT, d.name()));
    if (!d.filter().isEmpty()) {
      a.addAttributes(attribute(ATTR_FILTER, d.filter()));
    }
    emitter.emit(a.build());
  }

  private boolean savedJustNow(String frame, long t) {
    Long saved = lastSave.get(frame);
    return saved != null && t - saved <= TimeUnit.MILLISECONDS.toNanos(SAVE_WINDOW_MILLIS);
  }

  private void switchedTo(FrameContext to, long t) {
    FrameContext from = focused;
    focused = to;
    if (from == null || from.frameId().equals(to.frameId())) {
      return;
    }
    flushRun(from.frameId());
    emitter.emit(base(to, t, "").setTarget(documentTarget(to, ""))
        .setWindowSwitch(WindowSwitch.newBuilder().setFrom(window(from.appId(), from.windowTitle()))
            .setTo(window(to.appId(), to.windowTitle()))).build());
  }

  private void dialog(UnoEvent.Dialog d) {
    FrameContext f = d.frame() != null ? d.frame() : focused;
    String app = f == null ? FrameContext.UNKNOWN_APP : f.appId();
    String document = f == null ? "" : f.windowTitle();
    if (f != null) {
      flushRun(f.frameId());
    }
    WindowRef dialog = window(app, d.title());
    WindowRef owner = window(app, document);
    Action.Builder a = Action.newBuilder().setTimeUnixNano(d.unixNanos())
        .setSource(Source.newBuilder().setAppId(app).setWindowTitle(d.title()).setDocument(f == null ? "" : f.documentUrl()))
        .setTarget(Target.newBuilder().setRole("dialog").setName(d.title()))
        .setWindowSwitch(d.opened() ? WindowSwitch.newBuilder().setFrom(owner).setTo(dialog)
            : WindowSwitch.newBuilder().setFrom(dialog).setTo(owner))
        .addAttributes(attribute(ATTR_WINDOW, d.opened() ? "dialog-opened" : "dialog-closed"));
    if (f != null) {
      a.addAttributes(attribute(ATTR_FRAME, f.frameId()));
    }
    emitter.emit(a.build());
  }

  // --- accessibility ---

  private void accessible(UnoEvent.Accessible e) {
    UnoElement element = e.element();
    switch (e.change()) {
      case TOOLBAR_ITEM:
        toolbarItem = e;
        return;
      case MENU_ITEM:
        menuItem = e;
        return;
      default:
        break;
    }
    Action.Builder a = fieldAction(e);
    switch (e.change()) {
      case FOCUSED:
        a.setFocus(Focus.getDefaultInstance());
        break;
      case VALUE:
        ValueChange.Builder v = ValueChange.newBuilder()
            .setValueKind(element.role().equals("spinbutton") ? ValueKind.VALUE_KIND_NUMBER : ValueKind.VALUE_KIND_TEXT);
        if (element.secure()) {
          v.setValueOmitted(true);
        } else {
          v.setValue(e.value());
        }
        a.setValueChange(v);
        break;
      case CHECKED:
      case UNCHECKED:
        a.setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_CHECKED)
            .setValue(Boolean.toString(e.change() == UnoEvent.Change.CHECKED)));
        break;
      case OPTION:
        a.setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_OPTION).setValue(e.value()));
        break;
      case CLOSED_DIALOG:
        a.setInvoke(Invoke.newBuilder().setMethod(e.value().equals("click") ? InvokeMethod.INVOKE_METHOD_CLICK
            : InvokeMethod.INVOKE_METHOD_KEYBOARD));
        a.addAttributes(attribute(ATTR_WINDOW, "dialog-button"));
        break;
      default:
        return;
    }
    emitter.emit(a.build());
  }

  private Action.Builder fieldAction(UnoEvent.Accessible e) {
    FrameContext f = e.frame() != null ? e.frame() : focused;
    String window = e.element().inside("dialog").or(() -> e.element().inside("alertdialog"))
        .map(UnoElement.Container::name).orElse(f == null ? "" : f.windowTitle());
    Action.Builder a = Action.newBuilder().setTimeUnixNano(e.unixNanos())
        .setSource(Source.newBuilder().setAppId(f == null ? FrameContext.UNKNOWN_APP : f.appId())
            .setWindowTitle(window).setDocument(f == null ? "" : f.documentUrl()))
        .setTarget(elementTarget(e.element()));
    if (f != null) {
      a.addAttributes(attribute(ATTR_FRAME, f.frameId()));
    }
    return a;
  }

  static Target.Builder elementTarget(UnoElement element) {
    Target.Builder t = Target.newBuilder().setRole(element.role()).setName(element.name()).setSecure(element.secure());
    StringBuilder path = new StringBuilder();
    for (UnoElement.Container c : element.context()) {
      t.addContext(ContextElement.newBuilder().setRole(c.role()).setName(c.name()));
      path.append(c.role()).append("[name=").append(c.name()).append("]/");
    }
    path.append(element.role()).append("[name=").append(element.name()).append(']');
    t.addLocators(Locator.newBuilder().setAccessibilityPath(path.toString()));
    if (element.bounds().size() == 4) {
      t.setBounds(Bounds.newBuilder().setXPx(element.bounds().get(0)).setYPx(element.bounds().get(1))
          .setWidthPx(element.bounds().get(2)).setHeightPx(element.bounds().get(3)));
    }
    return t;
  }

  // --- building blocks ---

  private static Action.Builder base(FrameContext f, long t, String command) {
    Action.Builder a = Action.newBuilder().setTimeUnixNano(t)
        .setSource(Source.newBuilder().setAppId(f.appId()).setWindowTitle(f.windowTitle()).setDocument(f.documentUrl()));
    if (!command.isEmpty()) {
      a.addAttributes(attribute(ATTR_COMMAND, command));
    }
    return a.addAttributes(attribute(ATTR_FRAME, f.frameId()));
  }

  private static Target.Builder documentTarget(FrameContext f, String command) {
    Target.Builder t = Target.newBuilder().setRole("document").setName(f.documentTitle());
    if (!command.isEmpty()) {
      t.addLocators(Locator.newBuilder().setCommandUrl(command));
    }
    return t;
  }

  private static WindowRef window(String app, String title) {
    return WindowRef.newBuilder().setAppId(app).setTitle(title).build();
  }

  static Attribute attribute(String key, String value) {
    return Attribute.newBuilder().setKey(key).setValue(value).build();
  }

  /** Typed text held back for one frame. */
  private static final class TypingRun {
    final long firstUnixNanos;
    FrameContext context;
    long lastMonotonic;
    final StringBuilder text = new StringBuilder();

    TypingRun(FrameContext context, long firstUnixNanos, long monotonic) {
      this.context = context;
      this.firstUnixNanos = firstUnixNanos;
      this.lastMonotonic = monotonic;
    }

    void append(String typed, FrameContext latest, long monotonic) {
      text.append(typed);
      context = latest;
      lastMonotonic = monotonic;
    }

    void backspace(long monotonic) {
      int last = text.offsetByCodePoints(text.length(), -1);
      text.setLength(last);
      lastMonotonic = monotonic;
    }
  }

  /** An undo title waiting for the command that made it. */
  private record PendingUndo(FrameContext frame, String title, long unixNanos) {}
}
