package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.beans.PropertyValue;
import com.sun.star.frame.DispatchHelper;
import com.sun.star.frame.XComponentLoader;
import com.sun.star.frame.XDispatchHelper;
import com.sun.star.frame.XDispatchProvider;
import com.sun.star.frame.XModel;
import com.sun.star.lang.XComponent;
import com.sun.star.sheet.XCellRangeAddressable;
import com.sun.star.sheet.XSheetCellCursor;
import com.sun.star.sheet.XSpreadsheet;
import com.sun.star.sheet.XSpreadsheetDocument;
import com.sun.star.sheet.XUsedAreaCursor;
import com.sun.star.table.CellRangeAddress;
import com.sun.star.table.XCell;
import com.sun.star.text.XTextDocument;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.util.XCloseable;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.uno.ReplayStep;
import dev.understudy.plugins.office.uno.UnoReplay;
import dev.understudy.plugins.office.uno.UnoReplayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Dispatches replay steps into new documents over one connection. Not thread-safe. */
public final class ReplayConnection implements UnoReplayer {
  private static final Logger LOG = Logger.getLogger(ReplayConnection.class.getName());

  private Connection connection;
  private final List<XComponent> opened = new ArrayList<>();

  /** For {@link dev.understudy.plugins.office.uno.BridgeLoader}. */
  public ReplayConnection() {}

  @Override
  public void connect(String connect, Duration timeout) throws BackendException {
    connection = Connection.open(connect, timeout, "start it with soffice --accept=\"" + connect + ";urp;\"");
  }

  @Override
  public String replay(String factory, List<ReplayStep> steps, UnoReplay.StepListener listener) throws BackendException {
    try {
      XComponent document = load(factory, false);
      XModel model = UnoRuntime.queryInterface(XModel.class, document);
      XDispatchProvider frame = UnoRuntime.queryInterface(XDispatchProvider.class,
          model.getCurrentController().getFrame());
      XDispatchHelper dispatcher = DispatchHelper.create(connection.context);
      for (int i = 0; i < steps.size(); i++) {
        ReplayStep step = steps.get(i);
        Optional<String> error;
        try {
          // The result says nothing for most commands (a default event): only an exception is a failure.
          dispatcher.executeDispatch(frame, step.command(), "", 0, Values.properties(step.arguments()));
          error = Optional.empty();
        } catch (RuntimeException e) {
          if (e instanceof com.sun.star.lang.DisposedException) {
            throw e;
          }
          error = Optional.of(e.toString());
        }
        listener.replayed(i, step, error);
      }
      return text(document);
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      throw new BackendException("replay into " + factory + " failed: " + e, e);
    }
  }

  /** Opens a stored document, hidden, and returns its text as {@link #replay} does. */
  public String documentText(String url) throws BackendException {
    try {
      return text(load(url, true));
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      throw new BackendException("could not read " + url + ": " + e, e);
    }
  }

  private XComponent load(String url, boolean hidden) throws com.sun.star.uno.Exception {
    XComponentLoader loader = UnoRuntime.queryInterface(XComponentLoader.class,
        com.sun.star.frame.Desktop.create(connection.context));
    PropertyValue hide = new PropertyValue();
    hide.Name = "Hidden";
    hide.Value = hidden;
    XComponent document = loader.loadComponentFromURL(url, "_blank", 0, new PropertyValue[] {hide});
    opened.add(document);
    return document;
  }

  private static String text(XComponent document) throws com.sun.star.uno.Exception {
    XTextDocument text = UnoRuntime.queryInterface(XTextDocument.class, document);
    if (text != null) {
      return text.getText().getString();
    }
    XSpreadsheetDocument sheets = UnoRuntime.queryInterface(XSpreadsheetDocument.class, document);
    if (sheets != null) {
      StringBuilder out = new StringBuilder();
      for (String name : sheets.getSheets().getElementNames()) {
        XSpreadsheet sheet = UnoRuntime.queryInterface(XSpreadsheet.class, sheets.getSheets().getByName(name));
        XSheetCellCursor cursor = sheet.createCursor();
        UnoRuntime.queryInterface(XUsedAreaCursor.class, cursor).gotoEndOfUsedArea(false);
        CellRangeAddress end = UnoRuntime.queryInterface(XCellRangeAddressable.class, cursor).getRangeAddress();
        for (int row = 0; row <= end.EndRow; row++) {
          List<String> cells = new ArrayList<>();
          for (int col = 0; col <= end.EndColumn; col++) {
            XCell cell = sheet.getCellByPosition(col, row);
            cells.add(cell.getFormula());
          }
          out.append(String.join("\t", cells)).append('\n');
        }
      }
      return out.toString();
    }
    return "";
  }

  @Override
  public void close() {
    for (XComponent document : opened) {
      try {
        XCloseable closeable = UnoRuntime.queryInterface(XCloseable.class, document);
        if (closeable != null) {
          closeable.close(true);
        } else {
          document.dispose();
        }
      } catch (Exception e) {
        LOG.log(Level.FINE, "closing a replayed document", e);
      }
    }
    opened.clear();
    if (connection != null) {
      connection.close();
    }
  }
}
