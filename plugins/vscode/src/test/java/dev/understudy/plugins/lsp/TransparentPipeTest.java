package dev.understudy.plugins.lsp;

import static dev.understudy.plugins.lsp.Frames.ascii;
import static dev.understudy.plugins.lsp.Frames.concat;
import static dev.understudy.plugins.lsp.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TransparentPipeTest {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private static byte[] manyFrames(int n) {
    byte[][] frames = new byte[n][];
    for (int i = 0; i < n; i++) {
      frames[i] = frame("{\"jsonrpc\":\"2.0\",\"id\":" + i + "}");
    }
    return concat(frames);
  }

  @Test
  void forwardsEveryByteExactlyAndTapsEachBody() throws InterruptedException {
    byte[] input = concat(
        frame("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n", "{\"id\":1,\"text\":\"世界\"}"),
        ascii("content-length:2\r\nX-Extra: kept\r\n\r\n{}"),
        frame(""),
        frame("{\"method\":\"exit\"}"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> tapped = new CopyOnWriteArrayList<>();
    TransparentPipe pipe = TransparentPipe.builder(Direction.EDITOR_TO_SERVER, new ByteArrayInputStream(input), out)
        .tap((d, body) -> tapped.add(d + " " + new String(body, StandardCharsets.UTF_8)))
        .build();

    TransparentPipe.Result result = assertTimeoutPreemptively(LIMIT, pipe::run);

    assertThat(result.end()).isEqualTo(TransparentPipe.End.INPUT_CLOSED);
    assertThat(result.error()).isNull();
    assertThat(out.toByteArray()).isEqualTo(input);
    assertThat(pipe.frames()).isEqualTo(4);
    assertThat(pipe.bytes()).isEqualTo(input.length);
    assertThat(pipe.awaitTap(LIMIT.toMillis())).isTrue();
    assertThat(tapped).containsExactly(
        "EDITOR_TO_SERVER {\"id\":1,\"text\":\"世界\"}",
        "EDITOR_TO_SERVER {}",
        "EDITOR_TO_SERVER ",
        "EDITOR_TO_SERVER {\"method\":\"exit\"}");
    assertThat(pipe.tapDrops()).isZero();
    assertThat(pipe.tapErrors()).isZero();
  }

  @Test
  void forwardsTheFramesBeforeMalformedInputThenStopsAndReportsIt() {
    byte[] good = frame("{\"id\":1}");
    byte[] input = concat(good, ascii("Content-Length: -5\r\n\r\n"), frame("{\"id\":2}"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TransparentPipe pipe =
        TransparentPipe.builder(Direction.SERVER_TO_EDITOR, new ByteArrayInputStream(input), out).build();

    TransparentPipe.Result result = assertTimeoutPreemptively(LIMIT, pipe::run);

    assertThat(result.end()).isEqualTo(TransparentPipe.End.MALFORMED_INPUT);
    assertThat(result.error()).isInstanceOfSatisfying(LspFrameException.class,
        e -> assertThat(e.reason()).isEqualTo(LspFrameException.Reason.NEGATIVE_CONTENT_LENGTH));
    assertThat(out.toByteArray()).isEqualTo(good);
    assertThat(pipe.frames()).isEqualTo(1);
  }

  @Test
  void aTapThatThrowsDoesNotStopForwardingAndIsCounted() throws InterruptedException {
    byte[] input = manyFrames(5);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TransparentPipe pipe = TransparentPipe.builder(Direction.EDITOR_TO_SERVER, new ByteArrayInputStream(input), out)
        .tap((d, body) -> {
          throw new IllegalStateException("tap broke");
        })
        .build();

    TransparentPipe.Result result = assertTimeoutPreemptively(LIMIT, pipe::run);

    assertThat(result.end()).isEqualTo(TransparentPipe.End.INPUT_CLOSED);
    assertThat(out.toByteArray()).isEqualTo(input);
    assertThat(pipe.awaitTap(LIMIT.toMillis())).isTrue();
    assertThat(pipe.tapErrors()).isEqualTo(5);
    assertThat(pipe.tapDelivered()).isEqualTo(5);
  }

  @Test
  void aBlockedTapDropsAndCountsCopiesWhileForwardingGoesOn() throws InterruptedException {
    int n = 20;
    byte[] input = manyFrames(n);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CountDownLatch release = new CountDownLatch(1);
    TransparentPipe pipe = TransparentPipe.builder(Direction.SERVER_TO_EDITOR, new ByteArrayInputStream(input), out)
        .tapQueueCapacity(2)
        .tap((d, body) -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        })
        .build();

    TransparentPipe.Result result;
    try {
      result = assertTimeoutPreemptively(LIMIT, pipe::run);
    } finally {
      release.countDown();
    }

    assertThat(result.end()).isEqualTo(TransparentPipe.End.INPUT_CLOSED);
    assertThat(out.toByteArray()).isEqualTo(input);
    assertThat(pipe.awaitTap(LIMIT.toMillis())).isTrue();
    // At most the one frame the tap held plus a full queue got through; every other copy was dropped.
    assertThat(pipe.tapDrops()).isBetween((long) n - 3, (long) n - 2);
    assertThat(pipe.tapDrops() + pipe.tapDelivered()).isEqualTo(n);
  }

  @Test
  void reportsAFailingOutput() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    TransparentPipe pipe =
        TransparentPipe.builder(Direction.EDITOR_TO_SERVER, new ByteArrayInputStream(manyFrames(2)), broken).build();

    TransparentPipe.Result result = assertTimeoutPreemptively(LIMIT, pipe::run);

    assertThat(result.end()).isEqualTo(TransparentPipe.End.OUTPUT_FAILED);
    assertThat(result.error()).hasMessage("Broken pipe");
    assertThat(pipe.frames()).isZero();
  }
}
