package dev.understudy.bench.desktop;

import dev.understudy.api.ActionEmitter;
import dev.understudy.api.CaptureClock;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.api.Policy;
import dev.understudy.plugins.office.atspi.AtspiBackend;
import dev.understudy.plugins.office.atspi.FakeAccessibleApp;
import dev.understudy.plugins.office.desktop.DbusSession;
import dev.understudy.plugins.office.desktop.Xvfb;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * AT-SPI flood handling: an application on a real accessibility bus (private Xvfb and D-Bus session)
 * sends state changes at a fixed rate — nine in ten are noise ("showing", what an application's
 * start-up is made of), one in ten focus moves among {@value #OBJECTS} buttons — for
 * {@value #SECONDS} s per rate, into the atspi backend with its default queue. For each rate: the
 * events handled per second from the first sent to the last handled, the largest backlog the backend's
 * queue reached (its high-water mark, over the run and the drain), the
 * backlog when sending stopped, how long it took to drain, queue drops, all events reported lost as
 * gaps (drops, and events whose objects could not be described in time) and the actions emitted. The rate a desktop
 * can absorb is the highest one with no drops and a backlog that does not grow.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.understudy.bench.desktop.AtspiFloodRate [rate,rate,...]}.
 * Needs Xvfb, dbus-daemon and at-spi2-core.
 */
public final class AtspiFloodRate {
  static final int[] DEFAULT_RATES = {1_000, 2_000, 5_000, 10_000, 20_000, 50_000};
  static final int SECONDS = 4;
  static final int OBJECTS = 200;

  private AtspiFloodRate() {}

  public static void main(String[] args) throws Exception {
    int[] rates = args.length > 0
        ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray() : DEFAULT_RATES;
    try (Xvfb x = Xvfb.start(); DbusSession bus = DbusSession.start(x.env())) {
      String session = bus.address();
      String a11y = FakeAccessibleApp.a11yAddress(session);
      AtomicLong actions = new AtomicLong();
      AtomicLong lost = new AtomicLong();
      AtspiBackend backend = new AtspiBackend(PluginConfig.of("adapter.office.", Map.of(AtspiBackend.BUS_KEY, session)));
      try (FakeAccessibleApp app = new FakeAccessibleApp(a11y, OBJECTS, 0)) {
        backend.start(context(actions, lost));
        // Every object described once, so the rates measure event handling rather than first descriptions.
        for (int i = 0; i < OBJECTS; i++) {
          app.state(i, "focused", true);
        }
        waitQuiet(backend, OBJECTS, 30);
        System.out.printf("AT-SPI flood into the atspi backend (queue %d), %d s per rate, 90%% noise / 10%% focus on %d objects%n",
            AtspiBackend.DEFAULT_QUEUE, SECONDS, OBJECTS);
        System.out.printf("%10s %12s %12s %12s %12s %10s %10s %10s%n", "offered/s", "handled/s", "max backlog",
            "end backlog", "drained ms", "dropped", "gaps", "actions");
        for (int rate : rates) {
          run(app, backend, rate, actions, lost);
        }
      } finally {
        backend.stop();
      }
    }
  }

  private static void run(FakeAccessibleApp app, AtspiBackend backend, int rate, AtomicLong actions, AtomicLong lost)
      throws Exception {
    AtspiBackend.Stats before = backend.stats();
    long actionsBefore = actions.get();
    long total = (long) rate * SECONDS;
    long start = System.nanoTime();
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    long lostBefore = lost.get();
    backend.takeQueueHighWater();
    for (long i = 0; i < total; i++) {
      long due = start + i * period;
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(Math.min(due - System.nanoTime(), 200_000));
      }
      app.state((int) (i % OBJECTS), i % 10 == 9 ? "focused" : "showing", true);
    }
    long sent = System.nanoTime();
    int endBacklog = backend.stats().queued();
    long received = waitQuiet(backend, before.received() + total, 60);
    long drained = System.nanoTime();
    // Gaps are reported once a second: wait for the report covering the last drops.
    Thread.sleep(1500);
    int maxBacklog = backend.takeQueueHighWater();
    AtspiBackend.Stats after = backend.stats();
    System.out.printf("%10d %12.0f %12d %12d %12.0f %10d %10d %10d%n", rate,
        (received - before.received()) / ((drained - start) / 1e9), maxBacklog, endBacklog, (drained - sent) / 1e6,
        after.dropped() - before.dropped(), lost.get() - lostBefore, actions.get() - actionsBefore);
  }

  // Waits until the backend has seen this many signals and its queue is empty; returns what it saw.
  private static long waitQuiet(AtspiBackend backend, long expected, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while ((backend.stats().received() < expected || backend.stats().queued() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return backend.stats().received();
  }

  private static CaptureContext context(AtomicLong actions, AtomicLong lost) {
    ActionEmitter emitter = new ActionEmitter() {
      @Override
      public boolean emit(Action action) {
        actions.incrementAndGet();
        return true;
      }

      @Override
      public void reportLoss(long count, String detail) {
        lost.addAndGet(count);
      }
    };
    Policy policy = new Policy() {
      @Override
      public boolean allows(Capability capability) {
        return true;
      }

      @Override
      public String hash() {
        return "bench";
      }
    };
    return new CaptureContext() {
      @Override
      public ActionEmitter emitter() {
        return emitter;
      }

      @Override
      public PluginConfig config() {
        return PluginConfig.empty();
      }

      @Override
      public CaptureClock clock() {
        return CaptureClock.system();
      }

      @Override
      public Policy policy() {
        return policy;
      }
    };
  }
}
