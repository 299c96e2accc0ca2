package dev.understudy.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * One-line warnings on standard error; stack traces only with UNDERSTUDY_DEBUG set. Progress that a
 * plugin logs at INFO under {@value #PROGRESS} ("starting LibreOffice...") is shown too, as it is.
 */
final class Logging {
  /** The logger (and its children) whose INFO records are progress for the person at the terminal. */
  static final String PROGRESS = "dev.understudy.progress";
  // Held: java.util.logging keeps loggers weakly, and would forget the level.
  private static final Logger PROGRESS_LOGGER = Logger.getLogger(PROGRESS);

  private Logging() {}

  static void configure(boolean debug) {
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(debug ? Level.FINE : Level.INFO);
    handler.setFormatter(new SimpleFormatter() {
      @Override
      public String format(LogRecord record) {
        String message = formatMessage(record);
        StringBuilder sb = new StringBuilder("understudy: ");
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          sb.append(record.getLevel() == Level.SEVERE ? "error: " : "warning: ");
        }
        sb.append(message);
        if (record.getThrown() != null) {
          sb.append(": ").append(record.getThrown());
          if (debug) {
            var w = new java.io.StringWriter();
            record.getThrown().printStackTrace(new java.io.PrintWriter(w));
            sb.append(System.lineSeparator()).append(w);
          }
        }
        return sb.append(System.lineSeparator()).toString();
      }
    });
    root.addHandler(handler);
    root.setLevel(debug ? Level.FINE : Level.WARNING);
    PROGRESS_LOGGER.setLevel(Level.INFO);
  }
}
