package dev.understudy.plugins.office;

import dev.understudy.api.CaptureContext;

/**
 * One source of desktop actions behind the office adapter: LibreOffice through UNO, AT-SPI, the Java
 * accessibility agent, X11 window context.
 *
 * <p>Threading: {@link #start} and {@link #stop} are each called once, on the adapter's thread (never
 * the pipeline thread), and may block while connecting or disconnecting. After {@code start} returns the
 * backend emits through the context from threads of its own until {@code stop} returns. A backend never
 * calls back into the application synchronously from inside the application's own callback.
 *
 * <p>Errors: {@code start} throws {@link BackendException} with a message a person can act on (what is
 * missing and how to get it) when the application or bus is not there. {@code stop} removes every hook
 * the backend placed in the application, even after a failed start, and never throws for a vanished
 * application.
 */
public interface Backend {
  /** The backend's id in {@code adapter.office.backends}: {@code uno}, {@code atspi}, {@code x11}, ... */
  String name();

  /** Connects and begins capturing. */
  void start(CaptureContext context) throws BackendException;

  /** Stops capturing and removes every listener placed in the application. */
  void stop();
}
