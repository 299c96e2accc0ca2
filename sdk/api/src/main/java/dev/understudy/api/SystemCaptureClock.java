package dev.understudy.api;

import java.time.Instant;

/** The default {@link CaptureClock}. */
enum SystemCaptureClock implements CaptureClock {
  INSTANCE;

  @Override
  public long nowUnixNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
