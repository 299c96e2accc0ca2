package dev.understudy.plugins.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameQueueTest {
  private static LspFrame frame(String body) {
    byte[] b = body.getBytes(StandardCharsets.US_ASCII);
    return LspFrame.of(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), b);
  }

  private static String body(LspFrame f) {
    return new String(f.body(), StandardCharsets.US_ASCII);
  }

  @Test
  void handsOverEveryFrameNotDroppedOnceAndInEachProducersOrderAcrossManyTurnsOfTheRing() throws Exception {
    List<String> seen = new ArrayList<>();
    // Capacity 3 in a ring of 4 slots: the ring turns thousands of times and is often full.
    FrameQueue queue = new FrameQueue((d, f) -> seen.add(d.name().charAt(0) + body(f)), 3, "test-tap");
    queue.start();
    int perProducer = 20_000;
    List<Thread> producers = new ArrayList<>();
    for (Direction d : Direction.values()) {
      Thread t = new Thread(() -> {
        for (int i = 0; i < perProducer; i++) {
          queue.offer(d, frame(Integer.toString(i)));
        }
      });
      producers.add(t);
      t.start();
    }
    for (Thread t : producers) {
      t.join(TimeUnit.MINUTES.toMillis(2));
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(queue.awaitIdle(TimeUnit.MINUTES.toMillis(1))).isTrue();
    queue.close();
    assertThat(queue.awaitClosed(TimeUnit.MINUTES.toMillis(1))).isTrue();
    assertThat(seen.size() + queue.drops()).isEqualTo(2L * perProducer);
    assertThat(queue.delivered()).isEqualTo(seen.size());
    for (Direction d : Direction.values()) {
      char c = d.name().charAt(0);
      List<Integer> numbers = seen.stream().filter(s -> s.charAt(0) == c).map(s -> Integer.parseInt(s.substring(1))).toList();
      assertThat(numbers).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void dropsAndCountsWhenTheWaitingFramesHoldTheirBytes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    List<String> seen = new ArrayList<>();
    LspFrame kib = frame("x".repeat(1000)); // 1,020 bytes with its header
    FrameQueue queue = new FrameQueue((d, f) -> {
      first.countDown();
      awaitQuietly(release);
      seen.add(body(f).substring(0, 1));
    }, 100, 2_500, "test-tap");
    queue.start();
    queue.offer(Direction.EDITOR_TO_SERVER, frame("held by the tap"));
    assertThat(first.await(1, TimeUnit.MINUTES)).isTrue();
    queue.offer(Direction.EDITOR_TO_SERVER, kib);
    queue.offer(Direction.EDITOR_TO_SERVER, kib);
    queue.offer(Direction.EDITOR_TO_SERVER, kib); // 2,040 bytes wait: still under the bound, taken
    queue.offer(Direction.EDITOR_TO_SERVER, kib); // 3,060 bytes wait: dropped
    assertThat(queue.drops()).isEqualTo(1);
    release.countDown();
    assertThat(queue.awaitIdle(TimeUnit.MINUTES.toMillis(1))).isTrue();
    assertThat(seen).containsExactly("h", "x", "x", "x");
    queue.offer(Direction.EDITOR_TO_SERVER, kib); // all handed over: room again
    assertThat(queue.awaitIdle(TimeUnit.MINUTES.toMillis(1))).isTrue();
    assertThat(seen).hasSize(5);
    queue.close();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
