package dev.understudy.plugins.office.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.plugins.office.BackendException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NativeThreadTest {
  @Test
  void startReturnsOnceTheThreadIsReadyAndStopWakesAndJoinsIt() throws Exception {
    CountDownLatch wake = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    NativeThread t = new NativeThread("native-test", "Test API");
    t.start(ready -> {
      ready.complete(null);
      try {
        wake.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ended.countDown();
    });
    assertThat(ended.getCount()).isEqualTo(1);
    t.stop(wake::countDown);
    assertThat(ended.await(0, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aBackendExceptionFromTheThreadPassesAsItIsAndOtherFailuresSayTheApiDidNotStart() {
    BackendException missing = new BackendException("the DLL was not found: install it");
    assertThatThrownBy(() -> new NativeThread("native-test", "Test API").start(ready -> ready.completeExceptionally(missing)))
        .isSameAs(missing);
    assertThatThrownBy(() -> new NativeThread("native-test", "Test API")
        .start(ready -> ready.completeExceptionally(new IllegalStateException("CoInitializeEx failed"))))
        .isInstanceOf(BackendException.class).hasMessage("Test API did not start: CoInitializeEx failed");
  }

  @Test
  void aThreadThatNeverGetsReadyFailsTheStartAndIsStillEndedByStop() throws Exception {
    CountDownLatch wake = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    NativeThread t = new NativeThread("native-test", "Test API", Duration.ofMillis(100));
    assertThatThrownBy(() -> t.start(ready -> {
      try {
        wake.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ended.countDown();
    })).isInstanceOf(BackendException.class).hasMessage("Test API did not start within 100 ms");
    t.stop(wake::countDown);
    assertThat(ended.await(0, TimeUnit.SECONDS)).isTrue();
  }
}
