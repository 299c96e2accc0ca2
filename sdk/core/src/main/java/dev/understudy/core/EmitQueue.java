package dev.understudy.core;

import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded queue between emitters (the host application's threads) and the pipeline.
 *
 * <p>Lock-free, so an emitter never waits for the pipeline and never parks: a slot is reserved with
 * one atomic add, and a full queue refuses at once. It never signals the consumer either; the
 * pipeline polls on a timer (see {@link Pipeline}), because waking a parked thread would cost the
 * emitting thread microseconds.
 *
 * <p>Threading: {@link #offer} from any number of threads; {@link #poll} and {@link #drainTo} from the
 * single consumer.
 */
final class EmitQueue<E> {

  private final ConcurrentLinkedQueue<E> items = new ConcurrentLinkedQueue<>();
  private final AtomicInteger reserved = new AtomicInteger();
  private final int capacity;

  EmitQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds the element unless the queue is full; never blocks. */
  boolean offer(E element) {
    if (reserved.getAndIncrement() >= capacity) {
      reserved.getAndDecrement();
      return false;
    }
    items.offer(element);
    return true;
  }

  /** The oldest element, or null when empty. Consumer only. */
  E poll() {
    E element = items.poll();
    if (element != null) {
      reserved.getAndDecrement();
    }
    return element;
  }

  /** Moves up to {@code max} elements into {@code sink}, oldest first. Consumer only. */
  int drainTo(Collection<? super E> sink, int max) {
    int n = 0;
    E element;
    while (n < max && (element = items.poll()) != null) {
      sink.add(element);
      n++;
    }
    if (n > 0) {
      reserved.getAndAdd(-n);
    }
    return n;
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Elements queued (or being added) now. */
  int size() {
    return Math.min(capacity, Math.max(0, reserved.get()));
  }
}
