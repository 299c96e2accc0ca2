package dev.understudy.core;

import dev.understudy.core.store.ActionLog;
import dev.understudy.proto.v1.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** An ActionLog in memory, with a gate that can hold the pipeline inside append. */
final class MemoryLog implements ActionLog {
  private final List<Action> pending = new ArrayList<>();
  private final List<Action> committed = new ArrayList<>();
  private volatile long acked;
  volatile CountDownLatch gate;
  final CountDownLatch enteredGate = new CountDownLatch(1);
  volatile boolean closed;

  @Override
  public void append(Action action) {
    CountDownLatch g = gate;
    if (g != null && action.hasValueChange()) {
      enteredGate.countDown();
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pending.add(action);
  }

  @Override
  public synchronized long commit() {
    committed.addAll(pending);
    if (!pending.isEmpty()) {
      acked = pending.get(pending.size() - 1).getSeq();
    }
    pending.clear();
    return acked;
  }

  @Override
  public long acknowledgedSeq() {
    return acked;
  }

  @Override
  public synchronized void close() {
    commit();
    closed = true;
  }

  synchronized List<Action> records() {
    return new ArrayList<>(committed);
  }

  Recording.LogFactory factory() {
    return (id, durability, clock) -> this;
  }
}
