package dev.understudy.plugins.office.agent.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentArgsTest {
  @Test
  void readsSocketAppAndQueueWithDefaults() {
    AgentArgs args = AgentArgs.parse("socket=/tmp/u/a.sock, app=my-App ,queue=16");
    assertThat(args).isEqualTo(new AgentArgs(Path.of("/tmp/u/a.sock"), "my-App", 16));
    assertThat(AgentArgs.parse("/run/user/1000/understudy/office-agent.sock").socket())
        .isEqualTo(Path.of("/run/user/1000/understudy/office-agent.sock"));
    AgentArgs none = AgentArgs.parse(null);
    assertThat(none.socket()).isEqualTo(Wire.defaultSocket());
    assertThat(none.app()).isNull();
    assertThat(none.queue()).isEqualTo(Outbox.DEFAULT_CAPACITY);
  }

  @Test
  void failsNamingTheBadArgument() {
    assertThatThrownBy(() -> AgentArgs.parse("sockets=/x")).hasMessageContaining("unknown argument 'sockets'");
    assertThatThrownBy(() -> AgentArgs.parse("queue=0")).hasMessageContaining("queue: must be at least 1");
    assertThatThrownBy(() -> AgentArgs.parse("queue=many")).hasMessageContaining("queue: expected a whole number");
    assertThatThrownBy(() -> AgentArgs.parse("socket=/a,b")).hasMessageContaining("expected key=value, got 'b'");
  }

  @Test
  void derivesTheApplicationIdTheWayTheX11ToolkitNamesWindows() {
    assertThat(AppIds.fromCommand("com.example.Editor --open x.txt")).isEqualTo("com-example-Editor");
    assertThat(AppIds.fromCommand("")).isEqualTo("java");
  }
}
