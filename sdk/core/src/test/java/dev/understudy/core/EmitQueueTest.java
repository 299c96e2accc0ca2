package dev.understudy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmitQueueTest {

  @Test
  void refusesWhenFullAndTakesAgainOnceDrained() {
    EmitQueue<Integer> q = new EmitQueue<>(3);
    assertThat(q.offer(1)).isTrue();
    assertThat(q.offer(2)).isTrue();
    assertThat(q.offer(3)).isTrue();
    assertThat(q.offer(4)).isFalse();
    assertThat(q.size()).isEqualTo(3);
    assertThat(q.poll()).isEqualTo(1);
    assertThat(q.offer(5)).isTrue();
    List<Integer> out = new ArrayList<>();
    assertThat(q.drainTo(out, 10)).isEqualTo(3);
    assertThat(out).containsExactly(2, 3, 5);
    assertThat(q.isEmpty()).isTrue();
    assertThat(q.size()).isZero();
    assertThat(q.poll()).isNull();
  }

  @Test
  void neverHoldsMoreThanItsCapacityUnderConcurrentOffers() throws Exception {
    EmitQueue<Integer> q = new EmitQueue<>(1000);
    int threads = 4;
    int perThread = 10_000;
    AtomicInteger accepted = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          if (q.offer(i)) {
            accepted.incrementAndGet();
          }
        }
      });
      producers.add(thread);
      thread.start();
    }
    go.countDown();
    for (Thread thread : producers) {
      thread.join();
    }
    assertThat(accepted.get()).isEqualTo(1000);
    List<Integer> out = new ArrayList<>();
    q.drainTo(out, Integer.MAX_VALUE);
    assertThat(out).hasSize(1000);
  }

  @Test
  void rejectsANonPositiveCapacity() {
    assertThatThrownBy(() -> new EmitQueue<>(0)).hasMessageContaining("capacity");
  }
}
