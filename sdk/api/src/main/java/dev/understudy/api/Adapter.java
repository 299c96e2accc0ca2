package dev.understudy.api;

/**
 * Captures actions from one application and emits them through the {@link CaptureContext}.
 *
 * <p>Threading: {@link #start} and {@link #stop} are each called once, on a thread the runtime
 * dedicates to this adapter, never on the pipeline thread. They may block (to connect to the
 * application) for up to the runtime's start/stop timeout (see the runtime builder); past it the
 * runtime gives up on the adapter, counts the timeout, and goes on without it. After {@code start}
 * returns, the adapter emits from any threads it likes until {@code stop} returns.
 *
 * <p>Errors: an exception from {@code start} marks the adapter failed (counted, reported, the session
 * goes on without it); an exception from {@code stop} is counted and reported. Neither stops the
 * runtime or other adapters.
 */
public interface Adapter {

  /** Connects to the application and begins capturing. */
  void start(CaptureContext context) throws Exception;

  /** Stops capturing and releases every hook the adapter placed in the application. */
  void stop() throws Exception;
}
