package dev.understudy.plugins.office.agent.inapp;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Carries events from the application's threads to the recorder: a bounded queue that the Swing
 * event thread offers to without ever blocking, and one daemon thread that connects to the backend's
 * socket, shakes hands and writes frames.
 *
 * <p>While no recorder is connected nothing is queued: an application nobody records is not losing
 * anything. While one is, an event offered to a full queue is dropped and counted, and the count
 * reaches the recorder as a {@code loss} frame so the session shows a gap. When the recorder goes away
 * the queue is cleared and the thread goes back to looking for the socket every
 * {@value #RETRY_MILLIS} ms (a file check, nothing more, while the socket does not exist).
 *
 * <p>Threading: {@link #offer} and {@link #active} from any thread; everything else on the sender.
 */
final class Outbox {
  /** Events held while the recorder is slower than the application: {@value}. */
  static final int DEFAULT_CAPACITY = 1024;
  /** How often the sender looks for the socket while disconnected: {@value} ms. */
  static final long RETRY_MILLIS = 250;
  /** How long the sender waits for the backend's configuration after its hello: {@value} ms. */
  static final long HANDSHAKE_MILLIS = 3000;
  /** How long the sender idles before it checks the recorder is still there: {@value} ms. */
  static final long IDLE_CHECK_MILLIS = 500;

  private final BlockingQueue<String> queue;
  private final int capacity;
  private final Supplier<String> hello;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private volatile Path socket;
  private volatile AgentConfig config;
  private volatile boolean stopped;

  Outbox(Path socket, int capacity, Supplier<String> hello) {
    this.socket = socket;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.capacity = capacity;
    this.hello = hello;
  }

  /** Starts the sender thread (a daemon: it never keeps the application alive). */
  void start() {
    Thread t = new Thread(this::run, "understudy-agent-sender");
    t.setDaemon(true);
    t.start();
  }

  /** Points the sender at another socket (a later attach); takes effect at the next connection. */
  void retarget(Path socket) {
    this.socket = socket;
  }

  /** The recorder's configuration while one is connected, else {@code null}. */
  AgentConfig active() {
    return config;
  }

  /** Offers an event; never blocks. Returns false when it was not taken (no recorder, or dropped). */
  boolean offer(String json) {
    if (config == null) {
      return false;
    }
    if (queue.offer(json)) {
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  /** Events written to a recorder so far. */
  long sent() {
    return sent.get();
  }

  /** Stops the sender at its next turn (tests). */
  void stop() {
    stopped = true;
  }

  private void run() {
    while (!stopped) {
      Path target = socket;
      if (!Files.exists(target)) {
        sleep(RETRY_MILLIS);
        continue;
      }
      try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        channel.connect(UnixDomainSocketAddress.of(target));
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
        Wire.writeFrame(out, hello.get());
        out.flush();
        config = AgentConfig.parse(handshake(channel));
        pump(channel, out);
      } catch (IOException | RuntimeException e) {
        // The recorder is gone or refused us: start over quietly.
      } finally {
        config = null;
        queue.clear();
        dropped.set(0);
      }
      sleep(RETRY_MILLIS);
    }
  }

  private void pump(SocketChannel channel, OutputStream out) throws IOException {
    List<String> batch = new ArrayList<>(64);
    while (!stopped) {
      String first;
      try {
        first = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (first == null) {
        if (closedByPeer(channel)) {
          return;
        }
        if (writeLoss(out)) {
          out.flush();
        }
        continue;
      }
      writeLoss(out);
      batch.add(first);
      queue.drainTo(batch, 63);
      for (String json : batch) {
        Wire.writeFrame(out, json);
      }
      out.flush();
      sent.addAndGet(batch.size());
      batch.clear();
    }
  }

  private boolean writeLoss(OutputStream out) throws IOException {
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      Wire.writeFrame(out, Json.object().put("type", "loss").put("count", lost)
          .put("detail", "agent queue full (" + capacity + " events)").toString());
    }
    return lost > 0;
  }

  // The backend never writes after its configuration, so readable means closed.
  private static boolean closedByPeer(SocketChannel channel) throws IOException {
    channel.configureBlocking(false);
    try {
      return channel.read(ByteBuffer.allocate(1)) != 0;
    } finally {
      channel.configureBlocking(true);
    }
  }

  private static String handshake(SocketChannel channel) throws IOException {
    channel.configureBlocking(false);
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer header = ByteBuffer.allocate(4);
      ByteBuffer body = null;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_MILLIS);
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new IOException("no configuration from the recorder within " + HANDSHAKE_MILLIS + " ms");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        ByteBuffer into = body == null ? header : body;
        if (channel.read(into) < 0) {
          throw new IOException("the recorder closed the connection during the handshake");
        }
        if (body == null && !header.hasRemaining()) {
          int length = header.flip().getInt();
          if (length < 0 || length > Wire.MAX_FRAME_BYTES) {
            throw new IOException("bad configuration frame length " + length);
          }
          body = ByteBuffer.allocate(length);
        }
        if (body != null && !body.hasRemaining()) {
          byte[] frame = new byte[4 + body.capacity()];
          header.rewind().get(frame, 0, 4);
          body.flip().get(frame, 4, body.capacity());
          return Wire.readFrame(new ByteArrayInputStream(frame), Wire.MAX_FRAME_BYTES);
        }
      }
    } finally {
      channel.configureBlocking(true);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
