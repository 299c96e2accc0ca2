package dev.understudy.testing;

import dev.understudy.api.CaptureClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CaptureClock} that moves only when the test moves it. Wall time and monotonic time advance
 * together. Thread-safe.
 */
public final class ManualClock implements CaptureClock {

  /** Where {@link #create()} starts: 2025-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  private final long startUnixNanos;
  private final AtomicLong elapsedNanos = new AtomicLong();

  private ManualClock(long startUnixNanos) {
    this.startUnixNanos = startUnixNanos;
  }

  /** A clock at {@link #DEFAULT_START}. */
  public static ManualClock create() {
    return startingAt(DEFAULT_START);
  }

  /** A clock at this instant. */
  public static ManualClock startingAt(Instant start) {
    Objects.requireNonNull(start, "start");
    return new ManualClock(start.getEpochSecond() * 1_000_000_000L + start.getNano());
  }

  /** Moves both readings forward; a negative duration fails. */
  public ManualClock advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: must not be negative, got " + duration);
    }
    elapsedNanos.addAndGet(duration.toNanos());
    return this;
  }

  @Override
  public long nowUnixNanos() {
    return startUnixNanos + elapsedNanos.get();
  }

  @Override
  public long nanoTime() {
    return elapsedNanos.get();
  }
}
