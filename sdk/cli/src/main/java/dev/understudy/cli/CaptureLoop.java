package dev.understudy.cli;

import dev.understudy.core.PluginState;
import dev.understudy.core.PluginStats;
import dev.understudy.core.Recording;
import dev.understudy.core.RecordingStats;
import dev.understudy.proto.v1.EndReason;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a started recording until Ctrl-C, a duration, or (for scripted demos) idleness, showing a live
 * counter of actions and drops per adapter, then closes it so the session ends cleanly.
 */
final class CaptureLoop {

  private static final long TICK_MILLIS = 250;
  private static final long PLAIN_STATUS_EVERY_MILLIS = 5_000;

  private final Understudy root;
  private final Duration duration;
  private final Duration idleStop;
  private final Control control;

  /**
   * @param duration stop after this long; null for no limit
   * @param idleStop stop once no action has been emitted for this long; null to never stop for that
   */
  CaptureLoop(Understudy root, Duration duration, Duration idleStop) {
    this(root, duration, idleStop, null);
  }

  /** As above, following pause and resume requests through {@code control} (null for none). */
  CaptureLoop(Understudy root, Duration duration, Duration idleStop, Control control) {
    this.root = root;
    this.duration = duration;
    this.idleStop = idleStop;
    this.control = control;
  }

  /** Runs the recording to its end. Returns the exit code. */
  int run(Recording recording) throws InterruptedException {
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopRequested.countDown();
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "understudy-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    EndReason reason = EndReason.END_REASON_STOPPED;
    try {
      RecordingStats first = recording.stats();
      String adapters = first.plugins().stream().filter(p -> p.kind().equals("adapter") && p.state() == PluginState.RUNNING)
          .map(PluginStats::name).collect(Collectors.joining(", "));
      if (adapters.isEmpty()) {
        root.err.println(root.style.red("understudy: no adapter started; nothing can be captured:"));
        first.plugins().stream().filter(p -> p.kind().equals("adapter"))
            .forEach(p -> root.err.println("  " + p.name() + ": " + p.state() + " " + p.lastError()));
        recording.close();
        return ExitCodes.CAPTURE_FAILED;
      }
      root.err.println(root.style.red("● RECORDING") + " session " + recording.sessionIdText() + " — capturing: " + adapters
          + (idleStop != null ? " until the script has played." : duration == null ? ". Press Ctrl-C to stop."
              : " for " + duration.toSeconds() + "s. Press Ctrl-C to stop sooner."));
      root.err.println("  " + (recording.consentIds().isEmpty() ? "consent: not required by the embedding program"
          : "under consent " + String.join(", ", recording.consentIds()) + " (revoke: understudy consent revoke ID)")
          + "; policy " + recording.policy().hash().substring(0, 12)
          + (control != null ? "; pause: understudy pause" : ""));
      long start = System.nanoTime();
      long lastChange = start;
      long lastAccepted = -1;
      long lastPlain = start;
      while (true) {
        if (stopRequested.await(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
          break;
        }
        followControl(recording);
        long now = System.nanoTime();
        RecordingStats stats = recording.stats();
        long accepted = stats.plugins().stream().filter(p -> p.kind().equals("adapter")).mapToLong(PluginStats::accepted).sum();
        if (accepted != lastAccepted) {
          lastAccepted = accepted;
          lastChange = now;
        }
        String line = (recording.isPaused() ? root.style.yellow("PAUSED") + " " : "") + status(stats, now - start);
        if (root.style.enabled()) {
          root.err.print("\r\u001b[2K" + line);
          root.err.flush();
        } else if (now - lastPlain >= TimeUnit.MILLISECONDS.toNanos(PLAIN_STATUS_EVERY_MILLIS)) {
          root.err.println(line);
          lastPlain = now;
        }
        if (duration != null && now - start >= duration.toNanos()) {
          reason = EndReason.END_REASON_DURATION;
          break;
        }
        if (recording.isPaused()) {
          lastChange = now; // a paused recording is not idle
        }
        if (idleStop != null && accepted > 0 && now - lastChange >= idleStop.toNanos()) {
          recording.flush(Duration.ofSeconds(5));
          break;
        }
        boolean anyRunning = stats.plugins().stream().anyMatch(p -> p.kind().equals("adapter") && p.state() == PluginState.RUNNING);
        if (!anyRunning) {
          if (stats.plugins().stream().anyMatch(p -> p.kind().equals("adapter") && p.state() == PluginState.NO_CONSENT)) {
            reason = EndReason.END_REASON_CONSENT;
            if (root.style.enabled()) {
              root.err.println();
            }
            root.err.println(root.style.yellow("understudy: consent was revoked or expired; the recording stops."));
          }
          break;
        }
      }
      if (root.style.enabled()) {
        root.err.println();
      }
      recording.close(reason);
      RecordingStats end = recording.stats();
      root.err.println(root.style.green("■ stopped") + " — " + status(end, System.nanoTime() - start));
      return ExitCodes.OK;
    } finally {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for 'closed'.
      }
    }
  }

  /** Pauses or resumes as the control files ask; says so on a line of its own. */
  private void followControl(Recording recording) {
    if (control == null) {
      return;
    }
    boolean wanted = control.pauseRequested();
    if (wanted == recording.isPaused()) {
      return;
    }
    if (wanted) {
      recording.pause();
    } else {
      recording.resume();
    }
    if (root.style.enabled()) {
      root.err.print("\r\u001b[2K");
    }
    root.err.println(wanted ? root.style.yellow("❚❚ PAUSED") + " — nothing is captured until 'understudy resume'."
        : root.style.red("● RECORDING") + " — resumed.");
  }

  static String status(RecordingStats stats, long elapsedNanos) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(elapsedNanos);
    String perAdapter = stats.plugins().stream().filter(p -> p.kind().equals("adapter"))
        .map(p -> p.name() + " " + p.accepted() + " actions, " + p.dropped() + " dropped"
            + (p.state() == PluginState.RUNNING || p.state() == PluginState.STOPPED ? "" : " (" + p.state().name().toLowerCase(Locale.ROOT) + ")"))
        .collect(Collectors.joining(" | "));
    return String.format(Locale.ROOT, "%02d:%02d  %s  — written %d, lost %d", seconds / 60, seconds % 60, perAdapter,
        stats.written(), stats.lost());
  }
}
