package dev.understudy.plugins.office.windows;

import dev.understudy.plugins.office.BackendException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The thread a Windows backend's native API lives on (the Access Bridge's message pump, UI
 * Automation's COM apartment): started by {@link #start}, which waits until the thread says it is
 * ready (default {@value #READY_SECONDS} s), and ended by {@link #stop}, which wakes it and waits for
 * it (at most {@value #JOIN_MILLIS} ms). Start failures all read "{@code <api> did not start...}",
 * except a {@link BackendException} the thread raised itself, which passes as it is.
 *
 * <p>Threading: {@code start} and {@code stop} from the backend's thread.
 */
final class NativeThread {
  /** Longest wait for the thread to be ready: {@value} s. */
  static final long READY_SECONDS = 10;
  /** Longest wait for the thread to end at stop: {@value} ms. */
  static final long JOIN_MILLIS = 5000;

  private final String name;
  private final String api;
  private final Duration readyWithin;
  private Thread thread;

  /**
   * @param name the thread's name
   * @param api what runs there, for messages ("UI Automation")
   */
  NativeThread(String name, String api) {
    this(name, api, Duration.ofSeconds(READY_SECONDS));
  }

  NativeThread(String name, String api, Duration readyWithin) {
    this.name = Objects.requireNonNull(name, "name");
    this.api = Objects.requireNonNull(api, "api");
    this.readyWithin = Objects.requireNonNull(readyWithin, "readyWithin");
  }

  /**
   * Runs {@code body} on a daemon thread; returns once the body completed its ready future. When this
   * throws, the thread may still run: {@link #stop} ends it as usual.
   */
  void start(Consumer<CompletableFuture<Void>> body) throws BackendException {
    Objects.requireNonNull(body, "body");
    CompletableFuture<Void> ready = new CompletableFuture<>();
    thread = new Thread(() -> body.accept(ready), name);
    thread.setDaemon(true);
    thread.start();
    try {
      ready.get(readyWithin.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof BackendException be ? be : new BackendException(api + " did not start: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      long ms = readyWithin.toMillis();
      throw new BackendException(api + " did not start within " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while starting " + api);
    }
  }

  /** Runs {@code wake} (which makes the thread's loop end) and waits for the thread. */
  void stop(Runnable wake) {
    wake.run();
    if (thread == null) {
      return;
    }
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
