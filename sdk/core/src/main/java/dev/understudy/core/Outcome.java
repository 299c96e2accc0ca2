package dev.understudy.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of calling plugin code on a thread of its own with a time limit, so that plugin code that
 * throws or hangs cannot take the runtime with it. A call that times out is abandoned: its thread is a
 * daemon and is left to finish or not.
 */
final class Outcome {

  /** Plugin code to run. */
  @FunctionalInterface
  interface Task {
    void run() throws Exception;
  }

  /** A call under way. */
  static final class Pending {
    private final CompletableFuture<Void> future;

    private Pending(CompletableFuture<Void> future) {
      this.future = future;
    }

    /** Waits for the call to end, at most the timeout. */
    Outcome await(Duration timeout) {
      try {
        future.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        return new Outcome(null, false);
      } catch (TimeoutException e) {
        return new Outcome(new TimeoutException("did not return within " + timeout.toMillis() + " ms"), true);
      } catch (ExecutionException e) {
        return new Outcome(e.getCause(), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(e, false);
      }
    }
  }

  private final Throwable error;
  private final boolean timedOut;

  private Outcome(Throwable error, boolean timedOut) {
    this.error = error;
    this.timedOut = timedOut;
  }

  /** Starts the task on a new daemon thread with this name. */
  static Pending begin(String threadName, Task task) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        task.run();
        future.complete(null);
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    }, threadName);
    thread.setDaemon(true);
    thread.start();
    return new Pending(future);
  }

  /** Runs the task on a new daemon thread and waits at most the timeout. */
  static Outcome run(String threadName, Task task, Duration timeout) {
    return begin(threadName, task).await(timeout);
  }

  boolean isSuccess() {
    return error == null;
  }

  boolean timedOut() {
    return timedOut;
  }

  Throwable error() {
    return error;
  }
}
