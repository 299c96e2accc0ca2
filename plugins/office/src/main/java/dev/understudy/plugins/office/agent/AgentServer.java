package dev.understudy.plugins.office.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.agent.inapp.Wire;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Unix-domain socket agents connect to: one accept thread, one reader thread per agent (at most
 * {@value #MAX_AGENTS}), frames parsed as JSON and handed to a {@link Listener}. The socket's
 * directory is created readable by its owner only; a socket file left by a recorder that died is
 * replaced, one that still answers is not (another recorder is running).
 *
 * <p>The server never blocks an agent beyond the socket's own buffer: the agent's bounded queue is
 * where pressure turns into counted drops. Threading: {@link #open} and {@link #close} on the
 * backend's thread; the listener is called on reader threads, one per agent, concurrently.
 */
final class AgentServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AgentServer.class.getName());
  /** Agents connected at once, at most: {@value}. More are turned away. */
  static final int MAX_AGENTS = 16;
  /** How long {@link #close} waits for each thread: {@value} ms. */
  static final long JOIN_MILLIS = 2000;

  /** What the server reports, on reader threads. */
  interface Listener {
    /** An agent said hello; returns the configuration frame to answer with. */
    String hello(Peer peer, JsonNode hello);

    /** A frame after the hello. */
    void frame(Peer peer, JsonNode frame);

    /** The connection failed mid-stream (not a clean close): frames may have been lost. */
    void broken(Peer peer, String detail);
  }

  /** One connected agent. {@code pid} and {@code app} come from its hello. */
  record Peer(long id, long pid, String app) {}

  private final ObjectMapper json = new ObjectMapper();
  private final Path socket;
  private final ServerSocketChannel server;
  private final Listener listener;
  private final CopyOnWriteArrayList<SocketChannel> open = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Thread> threads = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong greeted = new AtomicLong();
  private volatile boolean closed;

  private AgentServer(Path socket, ServerSocketChannel server, Listener listener) {
    this.socket = socket;
    this.server = server;
    this.listener = listener;
  }

  /** Binds the socket and starts accepting. */
  static AgentServer open(Path socket, Listener listener) throws BackendException {
    Objects.requireNonNull(listener, "listener");
    Path dir = socket.toAbsolutePath().getParent();
    try {
      privateDirectory(dir);
      if (Files.exists(socket)) {
        if (answers(socket)) {
          throw new BackendException("another recorder is already listening for agents at " + socket
              + "; stop it or set adapter.office.agent.socket to another path");
        }
        Files.delete(socket);
      }
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      AgentServer s = new AgentServer(socket, server, listener);
      s.start("understudy-agent-accept", s::acceptLoop);
      return s;
    } catch (IOException e) {
      throw new BackendException("cannot listen for agents at " + socket + ": " + e.getMessage()
          + " (set adapter.office.agent.socket to a path in a directory you own)", e);
    }
  }

  private static void privateDirectory(Path dir) throws IOException, BackendException {
    Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(ownerOnly));
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
    if (perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)) {
      throw new BackendException("the agent socket directory " + dir + " is writable by others ("
          + PosixFilePermissions.toString(perms) + "); use a private directory (adapter.office.agent.socket)");
    }
  }

  private static boolean answers(Path socket) {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Where the server listens. */
  Path socket() {
    return socket;
  }

  /** Agents that completed a hello so far. */
  long greeted() {
    return greeted.get();
  }

  /** Agents connected now. */
  int connected() {
    return open.size();
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "agent socket stopped accepting: " + e.getMessage());
        }
        return;
      }
      if (open.size() >= MAX_AGENTS) {
        LOG.warning("turned an agent away: " + MAX_AGENTS + " are connected already");
        closeQuietly(channel);
        continue;
      }
      open.add(channel);
      long id = ids.incrementAndGet();
      start("understudy-agent-reader-" + id, () -> read(id, channel));
    }
  }

  private void read(long id, SocketChannel channel) {
    Peer peer = new Peer(id, 0, "");
    try (InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024)) {
      OutputStream out = Channels.newOutputStream(channel);
      String first = Wire.readFrame(in, Wire.MAX_FRAME_BYTES);
      if (first == null) {
        return;
      }
      JsonNode hello = json.readTree(first);
      if (!"hello".equals(hello.path("type").asText())) {
        throw new IOException("expected a hello frame, got type '" + hello.path("type").asText() + "'");
      }
      peer = new Peer(id, hello.path("pid").asLong(), hello.path("app").asText(""));
      Wire.writeFrame(out, listener.hello(peer, hello));
      out.flush();
      greeted.incrementAndGet();
      String frame;
      while ((frame = Wire.readFrame(in, Wire.MAX_FRAME_BYTES)) != null) {
        JsonNode node;
        try {
          node = json.readTree(frame);
        } catch (IOException e) {
          listener.broken(peer, "unreadable agent frame: " + e.getMessage());
          continue;
        }
        listener.frame(peer, node);
      }
    } catch (IOException e) {
      if (!closed) {
        listener.broken(peer, "agent connection (pid " + peer.pid() + ") broke: " + e.getMessage());
      }
    } finally {
      open.remove(channel);
      closeQuietly(channel);
    }
  }

  private void start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** Stops accepting, closes every agent connection, removes the socket file and waits for the threads. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    open.forEach(AgentServer::closeQuietly);
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not remove " + socket, e);
    }
    for (Thread t : threads) {
      try {
        t.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Closing: nothing left to do.
    }
  }
}
