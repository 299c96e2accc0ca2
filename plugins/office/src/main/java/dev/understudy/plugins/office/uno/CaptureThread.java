package dev.understudy.plugins.office.uno;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The uno backend's one capture thread: everything LibreOffice reports is described and translated
 * here, in arrival order. Bounded: past {@value #DEFAULT_CAPACITY} queued tasks a new one is dropped and
 * counted instead (the count becomes a gap record), so a flood of events never grows memory or blocks
 * LibreOffice's callbacks. Thread-safe.
 */
final class CaptureThread extends ScheduledThreadPoolExecutor {
  /** Queued tasks beyond which new ones are dropped. */
  static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  CaptureThread(String name, int capacity) {
    super(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.setContextClassLoader(CaptureThread.class.getClassLoader());
      return t;
    });
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public void execute(Runnable task) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    try {
      super.execute(() -> {
        queued.decrementAndGet();
        task.run();
      });
    } catch (RuntimeException e) {
      queued.decrementAndGet();
      throw e;
    }
  }

  /** Tasks dropped since the last call. */
  long takeDropped() {
    return dropped.getAndSet(0);
  }
}
