package dev.understudy.core.retention;

import dev.understudy.api.CaptureClock;
import dev.understudy.core.store.SessionStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Applies a retention period: forgets every session that started longer ago than the retention,
 * with its exports. Meant to run when a recording starts (the policy's {@code retention}) and from
 * {@code understudy forget --expired}. Sessions being recorded are left.
 */
public final class RetentionSweeper {

  private RetentionSweeper() {}

  /** Forgets sessions older than {@code retention}, without export ledger (exports are left). */
  public static ForgetReport sweep(SessionStore store, Duration retention, CaptureClock clock) throws IOException {
    Objects.requireNonNull(store, "store");
    return forgetter(store, null).forget(expired(retention, clock), false);
  }

  /** Forgets sessions older than {@code retention} and the exports the ledger lists of them. */
  public static ForgetReport sweep(SessionStore store, ExportLedger ledger, Duration retention, CaptureClock clock)
      throws IOException {
    Objects.requireNonNull(ledger, "ledger");
    return forgetter(store, ledger).forget(expired(retention, clock), false);
  }

  /**
   * The sessions a retention period expires: started before now minus {@code retention}.
   *
   * @throws IllegalArgumentException when {@code retention} is not positive
   */
  public static SessionSelection expired(Duration retention, CaptureClock clock) {
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(clock, "clock");
    if (retention.isZero() || retention.isNegative()) {
      throw new IllegalArgumentException("retention must be positive, got " + retention);
    }
    Instant now = Instant.ofEpochSecond(0, clock.nowUnixNanos());
    return SessionSelection.startedBefore(now.minus(retention));
  }

  private static Forgetter forgetter(SessionStore store, ExportLedger ledger) {
    return ledger == null ? Forgetter.withoutLedger(store) : Forgetter.of(store, ledger);
  }
}
