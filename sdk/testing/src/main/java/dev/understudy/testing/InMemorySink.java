package dev.understudy.testing;

import dev.understudy.api.PluginConfig;
import dev.understudy.api.Sink;
import dev.understudy.api.SinkProvider;
import dev.understudy.proto.v1.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Sink} that keeps every action it receives, and its own {@link SinkProvider}: register it on
 * the runtime builder, run a session, then inspect what was delivered.
 *
 * <pre>{@code
 * InMemorySink sink = new InMemorySink();
 * // runtimeBuilder.sink(sink) ... record ...
 * List<Action> delivered = sink.awaitCount(12, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>{@link #create} returns this same instance, so every session it is used for delivers into one
 * list. Thread-safe: the runtime's delivery thread calls {@link #accept}, the test thread reads.
 */
public final class InMemorySink implements Sink, SinkProvider {

  /** The name {@link #InMemorySink()} uses. */
  public static final String DEFAULT_NAME = "memory";

  private final String name;
  private final Object lock = new Object();
  private final List<Action> received = new ArrayList<>();
  private int batches;
  private boolean closed;

  /** A sink named {@value #DEFAULT_NAME}. */
  public InMemorySink() {
    this(DEFAULT_NAME);
  }

  /** A sink with this name, for a test that needs two. */
  public InMemorySink(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public String name() {
    return name;
  }

  /** Returns this sink. */
  @Override
  public Sink create(PluginConfig config) {
    return this;
  }

  @Override
  public void accept(List<Action> batch) {
    Objects.requireNonNull(batch, "batch");
    synchronized (lock) {
      received.addAll(batch);
      batches++;
      lock.notifyAll();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  /** Every action received so far, in delivery order. */
  public List<Action> received() {
    synchronized (lock) {
      return List.copyOf(received);
    }
  }

  /** How many batches were delivered. */
  public int batchCount() {
    synchronized (lock) {
      return batches;
    }
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Waits until at least {@code count} actions were received and returns everything received so far.
   *
   * @throws AssertionError on timeout, saying how many arrived
   */
  public List<Action> awaitCount(int count, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    synchronized (lock) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (received.size() < count) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError("sink '" + name + "': expected at least " + count + " actions within "
              + timeout + " but received " + received.size());
        }
        TimeUnit.NANOSECONDS.timedWait(lock, remaining);
      }
      return List.copyOf(received);
    }
  }

  @Override
  public String toString() {
    return "InMemorySink[" + name + "]";
  }
}
