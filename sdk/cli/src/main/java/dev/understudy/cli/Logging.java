package dev.understudy.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One-line warnings on standard error; stack traces only with UNDERSTUDY_DEBUG set. */
final class Logging {

  private Logging() {}

  static void configure(boolean debug) {
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(debug ? Level.FINE : Level.WARNING);
    handler.setFormatter(new SimpleFormatter() {
      @Override
      public String format(LogRecord record) {
        String message = formatMessage(record);
        StringBuilder sb = new StringBuilder("understudy: ")
            .append(record.getLevel() == Level.SEVERE ? "error: " : "warning: ").append(message);
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
  }
}
