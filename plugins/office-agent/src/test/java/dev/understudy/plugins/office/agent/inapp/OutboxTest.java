package dev.understudy.plugins.office.agent.inapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class OutboxTest {
  private static final Pattern LOSS = Pattern.compile("\"type\":\"loss\",\"count\":(\\d+)");

  @TempDir Path dir;
  private Outbox outbox;

  @AfterEach
  void stop() {
    if (outbox != null) {
      outbox.stop();
    }
  }

  private static String config() {
    return "{\"type\":\"config\",\"snapshots\":true,\"focus\":false}";
  }

  private static void awaitActive(Outbox box, boolean active) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((box.active() != null) != active) {
      assertThat(System.nanoTime()).as("outbox active=" + active).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void queuesNothingWithoutARecorderAndDeliversInOrderOnceConnected() throws Exception {
    Path socket = dir.resolve("a.sock");
    outbox = new Outbox(socket, 8, () -> "{\"type\":\"hello\"}");
    outbox.start();
    assertThat(outbox.offer("{\"lost\":1}")).isFalse();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      try (SocketChannel c = server.accept()) {
        InputStream in = Channels.newInputStream(c);
        OutputStream out = Channels.newOutputStream(c);
        assertThat(Wire.readFrame(in, 1000)).isEqualTo("{\"type\":\"hello\"}");
        Wire.writeFrame(out, config());
        awaitActive(outbox, true);
        assertThat(outbox.active()).isEqualTo(new AgentConfig(true, false));
        for (int i = 0; i < 5; i++) {
          assertThat(outbox.offer("{\"n\":" + i + "}")).isTrue();
        }
        for (int i = 0; i < 5; i++) {
          assertThat(Wire.readFrame(in, 1000)).isEqualTo("{\"n\":" + i + "}");
        }
      }
    }
    awaitActive(outbox, false);
  }

  @Test
  void countsWhatAFullQueueDropsAndSendsTheCountSoNothingGoesMissingUnseen() throws Exception {
    Path socket = dir.resolve("a.sock");
    outbox = new Outbox(socket, 4, () -> "{\"type\":\"hello\"}");
    outbox.start();
    String big = "{\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
    int offered = 200;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      try (SocketChannel c = server.accept()) {
        InputStream in = Channels.newInputStream(c);
        Wire.readFrame(in, 1000);
        Wire.writeFrame(Channels.newOutputStream(c), config());
        awaitActive(outbox, true);
        // The recorder reads nothing yet: the socket buffer fills, then the queue, then events drop.
        for (int i = 0; i < offered; i++) {
          outbox.offer(big);
        }
        // Every offer is accounted for: delivered, or counted in a loss frame sent once the sender idles.
        int events = 0;
        long lost = 0;
        List<String> seen = new ArrayList<>();
        while (events + lost < offered) {
          String frame = Wire.readFrame(in, Wire.MAX_FRAME_BYTES);
          Matcher m = LOSS.matcher(frame);
          if (m.find()) {
            lost += Long.parseLong(m.group(1));
          } else {
            events++;
          }
          seen.add(frame.substring(0, Math.min(20, frame.length())));
        }
        assertThat(lost).as("frames: %s", seen).isPositive();
        assertThat(events + lost).isEqualTo(offered);
      }
    }
  }

  @Test
  void reconnectsToTheNextRecorder() throws Exception {
    Path socket = dir.resolve("a.sock");
    outbox = new Outbox(socket, 8, () -> "{\"type\":\"hello\"}");
    outbox.start();
    for (int round = 0; round < 2; round++) {
      Files.deleteIfExists(socket);
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        try (SocketChannel c = server.accept()) {
          InputStream in = Channels.newInputStream(c);
          assertThat(Wire.readFrame(in, 1000)).isEqualTo("{\"type\":\"hello\"}");
          Wire.writeFrame(Channels.newOutputStream(c), config());
          awaitActive(outbox, true);
          outbox.offer("{\"round\":" + round + "}");
          assertThat(Wire.readFrame(in, 1000)).isEqualTo("{\"round\":" + round + "}");
        }
      }
      awaitActive(outbox, false);
    }
  }
}
