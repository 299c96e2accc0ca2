package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.beans.PropertyValue;
import com.sun.star.beans.XPropertySet;
import com.sun.star.container.XNamed;
import com.sun.star.document.UndoManagerEvent;
import com.sun.star.document.XUndoManager;
import com.sun.star.document.XUndoManagerListener;
import com.sun.star.document.XUndoManagerSupplier;
import com.sun.star.frame.XController;
import com.sun.star.frame.XDispatch;
import com.sun.star.frame.XFrame;
import com.sun.star.frame.XModel;
import com.sun.star.frame.XStorable;
import com.sun.star.frame.XTitle;
import com.sun.star.lang.EventObject;
import com.sun.star.lang.XServiceInfo;
import com.sun.star.lib.uno.helper.WeakBase;
import com.sun.star.sheet.XCellRangeAddressable;
import com.sun.star.sheet.XSheetCellRange;
import com.sun.star.sheet.XSpreadsheetView;
import com.sun.star.table.CellRangeAddress;
import com.sun.star.uno.AnyConverter;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.util.ChangesEvent;
import com.sun.star.util.ElementChange;
import com.sun.star.util.URL;
import com.sun.star.util.XChangesListener;
import com.sun.star.util.XChangesNotifier;
import dev.understudy.plugins.office.uno.FrameContext;
import dev.understudy.plugins.office.uno.UnoArgument;
import dev.understudy.plugins.office.uno.UnoEvent;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Everything placed in one document frame: the dispatch recorder, the undo manager listener and, in
 * Calc, the cell change listener; and the frame's context (app, title, document), read when the hooks
 * are placed and again when the document's title or storage changes. Callbacks copy their values and
 * post the rest to the capture thread. Thread-safe.
 */
final class FrameHooks {
  private static final Logger LOG = Logger.getLogger(FrameHooks.class.getName());
  private static final String SUPPLIER = "DispatchRecorderSupplier";
  /** Calc commands whose action names the active sheet. */
  private static final Set<String> SHEET_COMMANDS = Set.of(".uno:GoToCell", ".uno:EnterString");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\d");

  final String id;
  final XFrame frame;
  final XModel model;
  final String appId;
  private final BridgeSession session;
  private final XPropertySet frameProperties;
  private final Recorder recorder = new Recorder(this);
  private final UndoWatch undoWatch = new UndoWatch();
  private final CellWatch cellWatch = new CellWatch();
  private volatile FrameContext context;
  private volatile boolean recording;
  /** The document's URL when a save-as began (capture thread only). */
  String urlBeforeSaveAs;
  private XUndoManager undoManager;
  private XChangesNotifier changes;

  FrameHooks(BridgeSession session, String id, XFrame frame, XModel model) {
    this.session = session;
    this.id = id;
    this.frame = frame;
    this.model = model;
    this.appId = appId(model);
    this.frameProperties = UnoRuntime.queryInterface(XPropertySet.class, frame);
    this.context = new FrameContext(id, appId, "", "", "");
  }

  static String appId(XModel model) {
    XServiceInfo info = UnoRuntime.queryInterface(XServiceInfo.class, model);
    if (info == null) {
      return FrameContext.UNKNOWN_APP;
    }
    if (info.supportsService("com.sun.star.sheet.SpreadsheetDocument")) {
      return "libreoffice-calc";
    }
    if (info.supportsService("com.sun.star.presentation.PresentationDocument")) {
      return "libreoffice-impress";
    }
    if (info.supportsService("com.sun.star.drawing.DrawingDocument")) {
      return "libreoffice-draw";
    }
    if (info.supportsService("com.sun.star.text.TextDocument")) {
      return "libreoffice-writer";
    }
    if (info.supportsService("com.sun.star.formula.FormulaProperties")) {
      return "libreoffice-math";
    }
    return FrameContext.UNKNOWN_APP;
  }

  FrameContext context() {
    return context;
  }

  boolean isCalc() {
    return appId.equals("libreoffice-calc");
  }

  /** Places the hooks. Call from a thread that is not a LibreOffice callback. */
  void install() throws com.sun.star.uno.Exception {
    refresh();
    Object current = frameProperties.getPropertyValue(SUPPLIER);
    if (isSet(current)) {
      LOG.warning("frame '" + context.windowTitle() + "' already has a macro recording running: its UNO commands are"
          + " not captured until that recording stops and the frame is opened again");
    } else {
      // The macro recorder makes the views report typed text and shows its "Stop Recording" toolbar (so
      // the person sees that commands are recorded); then our recorder takes the place of its own.
      session.dispatch(frame, ".uno:MacroRecorder");
      frameProperties.setPropertyValue(SUPPLIER, recorder);
      recording = true;
    }
    XUndoManagerSupplier undo = UnoRuntime.queryInterface(XUndoManagerSupplier.class, model);
    if (undo != null) {
      undoManager = undo.getUndoManager();
      undoManager.addUndoManagerListener(undoWatch);
    }
    if (isCalc()) {
      changes = UnoRuntime.queryInterface(XChangesNotifier.class, model);
      if (changes != null) {
        changes.addChangesListener(cellWatch);
      }
    }
  }

  private static boolean isSet(Object value) {
    if (value == null || AnyConverter.isVoid(value)) {
      return false;
    }
    try {
      return AnyConverter.toObject(supplierType(), value) != null;
    } catch (com.sun.star.lang.IllegalArgumentException e) {
      return false;
    }
  }

  private static com.sun.star.uno.Type supplierType() {
    return new com.sun.star.uno.Type(com.sun.star.frame.XDispatchRecorderSupplier.class);
  }

  /** Reads the frame's title and document again. Not from a callback. */
  void refresh() {
    try {
      String title = AnyConverter.toString(frameProperties.getPropertyValue("Title"));
      String url = model.getURL();
      XTitle documentTitle = UnoRuntime.queryInterface(XTitle.class, model);
      context = new FrameContext(id, appId, title, url == null ? "" : url,
          documentTitle == null ? "" : documentTitle.getTitle());
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      LOG.log(Level.FINE, "could not read the context of frame " + id, e);
    }
  }

  /** The filter the document was last stored with ({@code writer8}), or empty. Not from a callback. */
  String filter() {
    try {
      for (PropertyValue p : model.getArgs()) {
        if ("FilterName".equals(p.Name) && p.Value instanceof String s) {
          return s;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "could not read the filter of frame " + id, e);
    }
    return "";
  }

  /** Whether the document was ever stored (it has a location). Not from a callback. */
  boolean stored() {
    XStorable storable = UnoRuntime.queryInterface(XStorable.class, model);
    return storable != null && storable.hasLocation();
  }

  // --- callbacks: copy, then post ---

  void recorded(String command, PropertyValue[] arguments, boolean comment) {
    long t = session.now();
    List<UnoArgument> args = Values.arguments(arguments);
    session.post(() -> {
      String sheet = isCalc() && SHEET_COMMANDS.contains(command) ? activeSheet() : "";
      session.markActive(this);
      session.emit(new UnoEvent.Dispatch(context, command, args, comment, sheet, t));
    });
  }

  void recordingEnded() {
    if (recording && !session.stopping()) {
      LOG.info("LibreOffice's recording was stopped in frame '" + context.windowTitle()
          + "' (Stop Recording): its UNO commands are no longer captured");
    }
    recording = false;
  }

  void dispatchLater(XDispatch dispatch, URL url, PropertyValue[] arguments) {
    session.post(() -> dispatch.dispatch(url, arguments));
  }

  private String activeSheet() {
    try {
      XController controller = model.getCurrentController();
      XSpreadsheetView view = UnoRuntime.queryInterface(XSpreadsheetView.class, controller);
      XNamed named = view == null ? null : UnoRuntime.queryInterface(XNamed.class, view.getActiveSheet());
      return named == null ? "" : named.getName();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * Removes the hooks: listeners, and the recorder through LibreOffice's own Stop Recording (which also
   * closes its toolbar). Never throws. Not from a callback.
   */
  void remove() {
    if (changes != null) {
      quietly(() -> changes.removeChangesListener(cellWatch));
    }
    if (undoManager != null) {
      quietly(() -> undoManager.removeUndoManagerListener(undoWatch));
    }
    if (recording) {
      quietly(() -> {
        Object current = frameProperties.getPropertyValue(SUPPLIER);
        Object ours = isSet(current) ? AnyConverter.toObject(supplierType(), current) : null;
        if (ours != null && UnoRuntime.areSame(ours, recorder)) {
          session.dispatch(frame, ".uno:StopRecording");
        }
        // Whatever happened above, our supplier must not stay behind.
        Object after = frameProperties.getPropertyValue(SUPPLIER);
        Object left = isSet(after) ? AnyConverter.toObject(supplierType(), after) : null;
        if (left != null && UnoRuntime.areSame(left, recorder)) {
          frameProperties.setPropertyValue(SUPPLIER, null);
        }
      });
      recording = false;
    }
  }

  private void quietly(UnoCall call) {
    try {
      call.run();
    } catch (Exception | LinkageError e) {
      LOG.log(Level.FINE, "removing a hook from frame " + id, e);
    }
  }

  @FunctionalInterface
  private interface UnoCall {
    void run() throws Exception;
  }

  /** Top-level undo actions, with their titles resolved (LibreOffice reports some as "Typing: $2"). */
  private final class UndoWatch extends WeakBase implements XUndoManagerListener {
    @Override
    public void undoActionAdded(UndoManagerEvent event) {
      if (event.UndoContextDepth == 0) {
        added(event.UndoActionTitle);
      }
    }

    @Override
    public void leftContext(UndoManagerEvent event) {
      if (event.UndoContextDepth == 0) {
        added(event.UndoActionTitle);
      }
    }

    private void added(String raw) {
      long t = session.now();
      session.post(() -> {
        String title = raw == null ? "" : raw;
        if (PLACEHOLDER.matcher(title).find() && undoManager != null) {
          try {
            title = undoManager.getCurrentUndoActionTitle();
          } catch (RuntimeException e) {
            // keep the raw title
          }
        }
        title = PLACEHOLDER.matcher(title).replaceAll("").trim();
        if (!title.isEmpty()) {
          session.emit(new UnoEvent.Undo(context, title, t));
        }
      });
    }

    @Override
    public void actionUndone(UndoManagerEvent event) {}

    @Override
    public void actionRedone(UndoManagerEvent event) {}

    @Override
    public void allActionsCleared(EventObject event) {}

    @Override
    public void redoActionsCleared(EventObject event) {}

    @Override
    public void resetAll(EventObject event) {}

    @Override
    public void enteredContext(UndoManagerEvent event) {}

    @Override
    public void enteredHiddenContext(UndoManagerEvent event) {}

    @Override
    public void leftHiddenContext(UndoManagerEvent event) {}

    @Override
    public void cancelledContext(UndoManagerEvent event) {}

    @Override
    public void disposing(EventObject event) {}
  }

  /** Calc's "cell-change" notifications: which cells an entry changed. */
  private final class CellWatch extends WeakBase implements XChangesListener {
    @Override
    public void changesOccurred(ChangesEvent event) {
      long t = session.now();
      for (ElementChange change : event.Changes) {
        if (!"cell-change".equals(change.Accessor)) {
          continue;
        }
        Object range = change.ReplacedElement;
        session.post(() -> {
          XCellRangeAddressable addressable = UnoRuntime.queryInterface(XCellRangeAddressable.class, range);
          if (addressable == null) {
            return;
          }
          CellRangeAddress a = addressable.getRangeAddress();
          XSheetCellRange sheetRange = UnoRuntime.queryInterface(XSheetCellRange.class, range);
          XNamed sheet = sheetRange == null ? null : UnoRuntime.queryInterface(XNamed.class, sheetRange.getSpreadsheet());
          String start = Cells.name(a.StartColumn, a.StartRow);
          String end = Cells.name(a.EndColumn, a.EndRow);
          session.emit(new UnoEvent.Cells(context, sheet == null ? "" : sheet.getName(),
              start.equals(end) ? start : start + ":" + end, t));
        });
      }
    }

    @Override
    public void disposing(EventObject event) {}
  }
}
