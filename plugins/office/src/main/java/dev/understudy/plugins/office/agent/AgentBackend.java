package dev.understudy.plugins.office.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.Backend;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.a11y.Snapshots;
import dev.understudy.plugins.office.agent.inapp.Wire;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The {@value #NAME} backend: Swing and AWT applications through the Understudy agent running inside
 * them. It listens on a Unix-domain socket ({@code adapter.office.}{@value #SOCKET_KEY}, default
 * {@link Wire#defaultSocket()}) for agents started with {@code -javaagent:understudy-office-agent.jar}
 * and, for {@code adapter.office.}{@value #ATTACH_KEY} (comma-separated process ids), loads the agent
 * into those running applications itself. {@code adapter.office.}{@value #FOCUS_KEY} ({@code true} by
 * default) says whether focus moves are recorded.
 *
 * <p>Why a socket and not a recording inside the application: the agent then brings no library into
 * the application (no protobuf, no store, no policy engine to clash with the application's own), the
 * recording's consent, policy and store stay in the recorder's process, and one recorder serves every
 * application at once. The agent's bounded queue counts what it drops; those counts arrive as
 * {@code loss} frames and become gaps here.
 */
public final class AgentBackend implements Backend {
  private static final Logger LOG = Logger.getLogger(AgentBackend.class.getName());
  /** The backend's name in {@code adapter.office.backends}. */
  public static final String NAME = "agent";
  /** Key: the socket path. */
  public static final String SOCKET_KEY = "agent.socket";
  /** Key: process ids to attach to. */
  public static final String ATTACH_KEY = "agent.attach";
  /** Key: whether focus moves are recorded. */
  public static final String FOCUS_KEY = "agent.focus";
  /** Every key this backend reads. */
  public static final Set<String> CONFIG_KEYS = Set.of(SOCKET_KEY, ATTACH_KEY, FOCUS_KEY);

  private final Path socket;
  private final List<Long> attach;
  private final boolean focus;
  private final AgentTranslator translator = new AgentTranslator();
  private volatile CaptureContext context;
  private volatile boolean snapshots;
  private AgentServer server;
  private Path jarDir;

  /** A backend configured from the office adapter's configuration; bad values fail naming the key. */
  public AgentBackend(PluginConfig config) {
    this.socket = config.get(SOCKET_KEY).map(Path::of).orElseGet(Wire::defaultSocket);
    this.focus = config.getBoolean(FOCUS_KEY, true);
    this.attach = pids(config.get(ATTACH_KEY).orElse(""));
    if (!attach.isEmpty() && socket.toString().contains(",")) {
      throw new IllegalArgumentException("adapter.office." + SOCKET_KEY + ": a socket path for attaching cannot contain ','");
    }
  }

  private static List<Long> pids(String list) {
    List<Long> out = new ArrayList<>();
    for (String p : list.split(",")) {
      if (p.isBlank()) {
        continue;
      }
      try {
        out.add(Long.parseLong(p.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("adapter.office." + ATTACH_KEY + ": expected process ids separated by commas, got '"
            + p.trim() + "'");
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(CaptureContext ctx) throws BackendException {
    this.context = ctx;
    this.snapshots = Snapshots.enabled(ctx);
    server = AgentServer.open(socket, new Listener());
    if (!attach.isEmpty()) {
      Path jar;
      try {
        jarDir = Files.createTempDirectory("understudy-agent-");
        jar = AgentJar.write(jarDir);
      } catch (IOException e) {
        throw new BackendException("cannot write the agent jar for attaching: " + e.getMessage(), e);
      }
      for (long pid : attach) {
        Attacher.attach(pid, jar, "socket=" + socket.toAbsolutePath());
      }
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (jarDir != null) {
      try (Stream<Path> files = Files.walk(jarDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.fine("could not remove " + jarDir + ": " + e.getMessage());
      }
      jarDir = null;
    }
    context = null;
  }

  /** Agents that have said hello since start (tests wait for their application's agent). */
  public long agentsGreeted() {
    AgentServer s = server;
    return s == null ? 0 : s.greeted();
  }

  /** Where the backend listens. */
  public Path socket() {
    return socket;
  }

  private final class Listener implements AgentServer.Listener {
    @Override
    public String hello(AgentServer.Peer peer, JsonNode hello) {
      LOG.fine(() -> "agent connected: pid " + peer.pid() + ", app " + peer.app() + ", " + hello.path("how").asText());
      return "{\"type\":\"config\",\"snapshots\":" + snapshots + ",\"focus\":" + focus + "}";
    }

    @Override
    public void frame(AgentServer.Peer peer, JsonNode frame) {
      CaptureContext ctx = context;
      if (ctx == null) {
        return;
      }
      switch (frame.path("type").asText()) {
        case "event" -> {
          Optional<Action> action = translator.translate(frame, peer.app());
          if (action.isEmpty()) {
            ctx.emitter().reportLoss(1, "agent event of unknown kind '" + frame.path("kind").asText() + "'");
          } else if (!action.get().hasObservation() || snapshots) {
            ctx.emitter().emit(action.get());
          }
        }
        case "loss" -> ctx.emitter().reportLoss(frame.path("count").asLong(),
            "agent (pid " + peer.pid() + "): " + frame.path("detail").asText());
        default -> ctx.emitter().reportLoss(1, "agent frame of unknown type '" + frame.path("type").asText() + "'");
      }
    }

    @Override
    public void broken(AgentServer.Peer peer, String detail) {
      CaptureContext ctx = context;
      if (ctx != null) {
        ctx.emitter().reportLoss(1, detail);
      }
    }
  }
}
