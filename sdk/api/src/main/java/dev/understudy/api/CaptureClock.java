package dev.understudy.api;

/**
 * Wall-clock and monotonic time, injectable for tests. Implementations are thread-safe and never
 * block.
 */
public interface CaptureClock {

  /** Nanoseconds since the Unix epoch. */
  long nowUnixNanos();

  /** A monotonic reading for measuring intervals, as {@link System#nanoTime()}. */
  long nanoTime();

  /** The system clock: {@link java.time.Instant#now()} precision for wall time. */
  static CaptureClock system() {
    return SystemCaptureClock.INSTANCE;
  }
}
