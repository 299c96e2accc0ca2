package dev.understudy.core.consent;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches a consent ledger during a recording and reports each change of the consents in force: a
 * revocation written by another process, a grant, or an expiry coming due. Polls the file's size and
 * modification time every {@link #DEFAULT_PERIOD} on a daemon thread, so a revocation takes effect
 * within well under a second. A ledger that becomes unreadable counts as no consent at all (fail
 * closed).
 *
 * <p>Threading: the listener runs on the watcher's thread, one call at a time; it must not block long.
 */
public final class ConsentWatcher implements AutoCloseable {

  private static final Logger logger = Logger.getLogger(ConsentWatcher.class.getName());
  /** How often the ledger is checked: 200 ms. */
  public static final Duration DEFAULT_PERIOD = Duration.ofMillis(200);

  private final ConsentLedger ledger;
  private final Consumer<ConsentSet> listener;
  private final ScheduledExecutorService executor;
  private String stamp;
  private java.util.List<Consent> all;
  private ConsentSet last;
  private boolean failureLogged;

  private ConsentWatcher(ConsentLedger ledger, ConsentSet initial, Consumer<ConsentSet> listener) {
    this.ledger = ledger;
    this.listener = listener;
    this.last = initial;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "understudy-consent-watcher");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts watching.
   *
   * @param initial the consents the recording started under; the listener hears only of changes
   * @param listener told of each new set of consents in force
   */
  public static ConsentWatcher start(ConsentLedger ledger, ConsentSet initial, Duration period, Consumer<ConsentSet> listener) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(listener, "listener");
    ConsentWatcher w = new ConsentWatcher(ledger, initial, listener);
    w.executor.scheduleWithFixedDelay(w::check, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    return w;
  }

  private void check() {
    try {
      ConsentSet now;
      try {
        String current = ledger.stamp();
        if (all == null || !Objects.equals(current, stamp)) {
          all = ledger.list();
          stamp = current;
        }
        java.time.Instant t = ledger.clock().instant();
        now = new ConsentSet(all.stream().filter(c -> c.status(t) == Consent.Status.ACTIVE).toList());
        failureLogged = false;
      } catch (IOException | RuntimeException e) {
        if (!failureLogged) {
          failureLogged = true;
          logger.log(Level.SEVERE, "consent ledger unreadable; capture stops until it is readable", e);
        }
        all = null;
        now = ConsentSet.none();
      }
      if (!now.equals(last)) {
        last = now;
        listener.accept(now);
      }
    } catch (Throwable e) {
      logger.log(Level.SEVERE, "consent watcher failed", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
