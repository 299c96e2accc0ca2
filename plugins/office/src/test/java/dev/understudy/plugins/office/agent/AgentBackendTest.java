package dev.understudy.plugins.office.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.testing.RecordingCaptureContext;
import dev.understudy.testing.ReportedLoss;
import dev.understudy.testing.TestPolicy;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AgentBackendTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String INVOKE = "{\"type\":\"event\",\"seq\":1,\"kind\":\"invoke\",\"time\":5,\"app\":\"demo-App\","
      + "\"window\":\"Demo\",\"target\":{\"role\":\"push button\",\"name\":\"Submit\"},\"body\":{\"method\":\"click\"}}";
  private static final String SNAPSHOT = "{\"type\":\"event\",\"seq\":2,\"kind\":\"snapshot\",\"time\":6,\"app\":\"demo-App\","
      + "\"window\":\"Demo\",\"body\":{\"of\":1,\"tree\":{\"nodes\":1,\"root\":{\"role\":\"frame\"}}}}";

  @TempDir Path dir;
  private AgentBackend backend;

  @AfterEach
  void stop() {
    if (backend != null) {
      backend.stop();
    }
  }

  private RecordingCaptureContext start(Map<String, String> config, TestPolicy policy) throws Exception {
    Map<String, String> all = new HashMap<>(config);
    all.putIfAbsent(AgentBackend.SOCKET_KEY, dir.resolve("s/agent.sock").toString());
    PluginConfig pc = PluginConfig.of("adapter.office.", all);
    backend = new AgentBackend(pc);
    RecordingCaptureContext ctx = RecordingCaptureContext.builder().config(pc).policy(policy).build();
    backend.start(ctx);
    return ctx;
  }

  @Test
  void answersHelloWithItsConfigurationAndEmitsWhatTheAgentSends() throws Exception {
    RecordingCaptureContext ctx = start(Map.of(), TestPolicy.permissive());
    try (FakeAgent agent = FakeAgent.connect(backend.socket())) {
      assertThat(agent.hello("demo-App")).isEqualTo("{\"type\":\"config\",\"snapshots\":false,\"focus\":true}");
      agent.send(INVOKE);
      agent.send(SNAPSHOT);
      agent.send(INVOKE.replace("\"seq\":1", "\"seq\":3"));
      List<Action> actions = ctx.awaitActions(2, WAIT);
      assertThat(actions).extracting(Action::hasInvoke).containsExactly(true, true);
      assertThat(actions.get(0).getTarget().getName()).isEqualTo("Submit");
      assertThat(actions.get(0).getSource().getAppId()).isEqualTo("demo-App");
    }
    assertThat(backend.agentsGreeted()).isEqualTo(1);
  }

  @Test
  void sendsSnapshotsOnlyWhenAskedForAndAllowedByThePolicy() throws Exception {
    RecordingCaptureContext refused = start(Map.of("snapshots", "true", "agent.focus", "false"),
        TestPolicy.allowing(Capability.CAPABILITY_INTERACTIONS));
    try (FakeAgent agent = FakeAgent.connect(backend.socket())) {
      assertThat(agent.hello("demo-App")).isEqualTo("{\"type\":\"config\",\"snapshots\":false,\"focus\":false}");
      agent.send(SNAPSHOT);
      agent.send(INVOKE);
      assertThat(refused.awaitActions(1, WAIT)).noneMatch(Action::hasObservation);
    }
    backend.stop();

    RecordingCaptureContext allowed = start(Map.of("snapshots", "true"), TestPolicy.permissive());
    try (FakeAgent agent = FakeAgent.connect(backend.socket())) {
      assertThat(agent.hello("demo-App")).contains("\"snapshots\":true");
      agent.send(SNAPSHOT);
      assertThat(allowed.awaitActions(1, WAIT).get(0).getObservation().getText())
          .isEqualTo("{\"nodes\":1,\"root\":{\"role\":\"frame\"}}");
    }
  }

  @Test
  void turnsTheAgentsDropsUnreadableFramesAndABrokenConnectionIntoGaps() throws Exception {
    RecordingCaptureContext ctx = start(Map.of(), TestPolicy.permissive());
    try (FakeAgent agent = FakeAgent.connect(backend.socket())) {
      agent.hello("demo-App");
      agent.send("{\"type\":\"loss\",\"count\":7,\"detail\":\"agent queue full (1024 events)\"}");
      agent.send("{not json");
      agent.send("{\"type\":\"event\",\"seq\":9,\"kind\":\"teleport\"}");
      agent.send(INVOKE);
      // The application dies inside a frame: a header promising 100 bytes, then 3.
      agent.raw(new byte[] {0, 0, 0, 100, '{', '"', 't'});
    }
    List<ReportedLoss> losses = ctx.awaitLosses(4, WAIT);
    assertThat(losses.get(0)).isEqualTo(new ReportedLoss(7, "agent (pid 4242): agent queue full (1024 events)"));
    assertThat(losses.get(1).detail()).startsWith("unreadable agent frame");
    assertThat(losses.get(2).detail()).isEqualTo("agent event of unknown kind 'teleport'");
    assertThat(losses.get(3).detail()).contains("agent connection (pid 4242) broke").contains("inside a frame of 100 bytes");
    assertThat(ctx.actions()).hasSize(1);
  }

  @Test
  void refusesToShareASocketWithARunningRecorderButReplacesAStaleOne() throws Exception {
    Path socket = dir.resolve("s/agent.sock");
    start(Map.of(), TestPolicy.permissive());
    AgentBackend second = new AgentBackend(PluginConfig.of("adapter.office.", Map.of(AgentBackend.SOCKET_KEY, socket.toString())));
    assertThatThrownBy(() -> second.start(RecordingCaptureContext.create()))
        .isInstanceOf(BackendException.class).hasMessageContaining("another recorder is already listening");
    second.stop();
    backend.stop();
    assertThat(socket).doesNotExist();

    // A recorder that died leaves its socket file behind.
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();
    RecordingCaptureContext ctx = start(Map.of(), TestPolicy.permissive());
    try (FakeAgent agent = FakeAgent.connect(socket)) {
      agent.hello("demo-App");
      agent.send(INVOKE);
      assertThat(ctx.awaitActions(1, WAIT)).hasSize(1);
    }
  }

  @Test
  void refusesASocketDirectoryOthersCanWriteTo() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> start(Map.of(AgentBackend.SOCKET_KEY, shared.resolve("a.sock").toString()), TestPolicy.permissive()))
        .isInstanceOf(BackendException.class).hasMessageContaining("writable by others");
  }

  @Test
  void failsClearlyWhenTheProcessToAttachToIsNotThere() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    assertThatThrownBy(() -> start(Map.of(AgentBackend.ATTACH_KEY, Long.toString(gone.pid())), TestPolicy.permissive()))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("adapter.office.agent.attach: cannot attach to process " + gone.pid());
  }

  @Test
  void rejectsBadConfigurationNamingTheKey() {
    assertThatThrownBy(() -> new AgentBackend(PluginConfig.of("adapter.office.", Map.of("agent.attach", "12,abc"))))
        .hasMessage("adapter.office.agent.attach: expected process ids separated by commas, got 'abc'");
    assertThatThrownBy(() -> new AgentBackend(PluginConfig.of("adapter.office.", Map.of("agent.focus", "maybe"))))
        .hasMessageContaining("adapter.office.agent.focus");
  }
}
