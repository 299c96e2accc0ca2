package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.beans.PropertyValue;
import com.sun.star.beans.XPropertySet;
import com.sun.star.configuration.theDefaultProvider;
import com.sun.star.lang.XMultiServiceFactory;
import com.sun.star.uno.AnyConverter;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.uno.XComponentContext;
import com.sun.star.util.XChangesBatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * LibreOffice's {@code /org.openoffice.Office.Common/Misc/MacroRecorderMode} switch, which the macro
 * recorder (and so the dispatch recorder) needs. Turned on at start, set back to what it was at stop.
 * Not thread-safe; used from the backend's start and stop.
 */
final class MacroRecorderMode {
  private static final Logger LOG = Logger.getLogger(MacroRecorderMode.class.getName());
  private static final String NODE = "/org.openoffice.Office.Common/Misc";
  private static final String PROPERTY = "MacroRecorderMode";

  private final XPropertySet settings;
  private final boolean original;

  private MacroRecorderMode(XPropertySet settings, boolean original) {
    this.settings = settings;
    this.original = original;
  }

  static MacroRecorderMode enable(XComponentContext context) throws com.sun.star.uno.Exception {
    XMultiServiceFactory provider = theDefaultProvider.get(context);
    PropertyValue path = new PropertyValue();
    path.Name = "nodepath";
    path.Value = NODE;
    Object access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
        new Object[] {path});
    XPropertySet settings = UnoRuntime.queryInterface(XPropertySet.class, access);
    boolean original = AnyConverter.toBoolean(settings.getPropertyValue(PROPERTY));
    MacroRecorderMode mode = new MacroRecorderMode(settings, original);
    mode.set(true);
    return mode;
  }

  private void set(boolean on) throws com.sun.star.uno.Exception {
    settings.setPropertyValue(PROPERTY, on);
    UnoRuntime.queryInterface(XChangesBatch.class, settings).commitChanges();
  }

  /** Sets the switch back; never throws (LibreOffice may be gone). */
  void restore() {
    try {
      set(original);
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      LOG.log(Level.FINE, "could not set MacroRecorderMode back to " + original, e);
    }
  }
}
