package dev.understudy.plugins.lsp.capture;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@value #NAME} adapter: records what editors tell a {@link CaptureServer}. {@code understudy lsp-capture}
 * registers the provider on a recording and serves the editor on stdin/stdout with {@link #serve}; with the
 * configuration key {@value #PORT} the adapter itself listens on that loopback port while it runs and serves
 * every editor that connects (for {@code understudy record --adapter lsp-capture}).
 *
 * <p>Configuration (keys under {@code adapter.lsp-capture.}): {@value #IDLE_MS} (default 1000): how long typing
 * may pause and still join one edit; {@value #MAX_OPEN_CHARS} (default {@value CaptureServer#DEFAULT_MAX_OPEN_CHARS}):
 * longest document whose text at open is recorded; {@value #PORT}: listen on this loopback port (0 picks one,
 * logged).
 *
 * <p>One provider serves one recording. Thread-safe.
 */
public final class LspCaptureAdapterProvider implements AdapterProvider {
  /** The adapter id: {@value}. */
  public static final String NAME = "lsp-capture";
  /** Configuration key: the idle window in milliseconds. */
  public static final String IDLE_MS = "idle-ms";
  /** Configuration key: longest document text recorded at open, in characters. */
  public static final String MAX_OPEN_CHARS = "max-open-chars";
  /** Configuration key: a loopback port to listen on while the adapter runs. */
  public static final String PORT = "port";

  private static final Logger LOG = Logger.getLogger(LspCaptureAdapterProvider.class.getName());

  private final AtomicLong ignored = new AtomicLong();
  private volatile PauseControl pauseControl = PauseControl.NONE;
  private volatile Running running;

  /** The adapter's settings and context while it runs. */
  private record Running(CaptureContext context, Duration idle, int maxOpenChars) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT,
        Capability.CAPABILITY_FILE_NAMES, Capability.CAPABILITY_TITLES);
  }

  @Override
  public Set<String> configKeys() {
    return Set.of(IDLE_MS, MAX_OPEN_CHARS, PORT);
  }

  /** What {@code understudy/pause} does besides the server's own pause (the CLI pauses the recording). */
  public void pauseControl(PauseControl control) {
    this.pauseControl = Objects.requireNonNull(control, "control");
  }

  @Override
  public Adapter create(PluginConfig config) {
    int idleMs = config.getInt(IDLE_MS, (int) CaptureServer.DEFAULT_IDLE.toMillis());
    if (idleMs < 1) {
      throw new IllegalArgumentException("adapter." + NAME + "." + IDLE_MS + ": must be 1 or more, got " + idleMs);
    }
    int maxOpen = config.getInt(MAX_OPEN_CHARS, CaptureServer.DEFAULT_MAX_OPEN_CHARS);
    if (maxOpen < 0) {
      throw new IllegalArgumentException("adapter." + NAME + "." + MAX_OPEN_CHARS + ": must be 0 or more, got " + maxOpen);
    }
    int port = config.getInt(PORT, -1);
    if (port > 65_535 || port < -1) {
      throw new IllegalArgumentException("adapter." + NAME + "." + PORT + ": not a port: " + port);
    }
    return new CaptureAdapter(Duration.ofMillis(idleMs), maxOpen, port);
  }

  /**
   * Serves one editor on these streams with a new {@link CaptureServer} until it exits, recording into the
   * running adapter's session.
   *
   * @throws IllegalStateException if the adapter is not running (no consent, or the recording was closed)
   */
  public CaptureServer.Result serve(InputStream in, OutputStream out) throws InterruptedException {
    return server().run(in, out);
  }

  /** The port the adapter listens on, or -1 when it does not (no {@value #PORT} key, or not running). */
  public int port() {
    return listeningPort;
  }

  /** Actions that arrived while the adapter was not running, not recorded. */
  public long actionsIgnored() {
    return ignored.get();
  }

  private volatile int listeningPort = -1;

  private CaptureServer server() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("adapter '" + NAME + "' is not running");
    }
    return CaptureServer.builder(this::emit)
        .clock(r.context().clock())
        .pauseControl(PauseControl.of(() -> pauseControl.pause(), () -> pauseControl.resume()))
        .idle(r.idle())
        .maxOpenChars(r.maxOpenChars())
        .selectionText(r.context().policy().allows(Capability.CAPABILITY_TEXT_CONTENT))
        .build();
  }

  private void emit(Action a) {
    Running r = running;
    if (r == null) {
      ignored.incrementAndGet();
      return;
    }
    r.context().emitter().emit(a);
  }

  /** One session's adapter; with a port, it accepts editors until stopped. */
  private final class CaptureAdapter implements Adapter {
    private final Duration idle;
    private final int maxOpenChars;
    private final int port;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> servers = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    CaptureAdapter(Duration idle, int maxOpenChars, int port) {
      this.idle = idle;
      this.maxOpenChars = maxOpenChars;
      this.port = port;
    }

    @Override
    public void start(CaptureContext context) throws IOException {
      running = new Running(context, idle, maxOpenChars);
      if (port >= 0) {
        listener = new ServerSocket(port, 16, InetAddress.getLoopbackAddress());
        listeningPort = listener.getLocalPort();
        LOG.info("lsp-capture listening on 127.0.0.1:" + listeningPort);
        Thread acceptor = new Thread(this::accept, "understudy-lsp-capture-accept");
        acceptor.setDaemon(true);
        acceptor.start();
      }
    }

    private void accept() {
      while (!listener.isClosed()) {
        Socket socket;
        try {
          socket = listener.accept();
        } catch (IOException e) {
          return; // closed by stop()
        }
        connections.add(socket);
        Thread t = new Thread(() -> {
          try (socket) {
            CaptureServer.Result result = serve(socket.getInputStream(), socket.getOutputStream());
            LOG.info("lsp-capture: editor " + socket.getRemoteSocketAddress() + " left: " + result);
          } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "lsp-capture: connection failed", e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            connections.remove(socket);
          }
        }, "understudy-lsp-capture-connection");
        t.setDaemon(true);
        servers.add(t);
        t.start();
      }
    }

    @Override
    public void stop() throws IOException, InterruptedException {
      try {
        if (listener != null) {
          listener.close();
          for (Socket s : connections) {
            s.close(); // the server sees its input end and records what it was coalescing
          }
          for (Thread t : servers) {
            t.join(5_000);
          }
        }
      } finally {
        listeningPort = -1;
        running = null;
      }
    }
  }
}
