package dev.understudy.plugins.lsp.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.Adapter;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Action;
import dev.understudy.testing.RecordingCaptureContext;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lsp-capture adapter: its configuration, and editors served on a loopback port while it runs. */
class LspCaptureAdapterProviderTest {

  private static PluginConfig config(Map<String, String> values) {
    return PluginConfig.of("adapter.lsp-capture.", values);
  }

  @Test
  void refusesBadConfigurationNamingTheKey() {
    LspCaptureAdapterProvider provider = new LspCaptureAdapterProvider();
    assertThat(provider.configKeys()).containsExactlyInAnyOrder("idle-ms", "max-open-chars", "port");
    assertThatThrownBy(() -> provider.create(config(Map.of("idle-ms", "0")))).hasMessageContaining("adapter.lsp-capture.idle-ms");
    assertThatThrownBy(() -> provider.create(config(Map.of("port", "70000")))).hasMessageContaining("adapter.lsp-capture.port");
    assertThatThrownBy(() -> provider.create(config(Map.of("max-open-chars", "many")))).hasMessageContaining("max-open-chars");
  }

  @Test
  void servesNothingUnlessRunning() {
    assertThatThrownBy(() -> new LspCaptureAdapterProvider().serve(java.io.InputStream.nullInputStream(), OutputStream.nullOutputStream()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
  }

  @Test
  void recordsEditorsThatConnectToItsPortUntilStopped() throws Exception {
    LspCaptureAdapterProvider provider = new LspCaptureAdapterProvider();
    Adapter adapter = provider.create(config(Map.of("port", "0")));
    RecordingCaptureContext context = RecordingCaptureContext.create();
    adapter.start(context);
    try {
      assertThat(provider.port()).isPositive();
      try (Socket editor = new Socket(InetAddress.getLoopbackAddress(), provider.port())) {
        String open = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
            + "{\"uri\":\"file:///w/a.sh\",\"languageId\":\"sh\",\"version\":1,\"text\":\"ls\\n\"}}}";
        byte[] body = open.getBytes(StandardCharsets.UTF_8);
        editor.getOutputStream().write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        editor.getOutputStream().write(body);
        editor.getOutputStream().flush();
        List<Action> actions = context.awaitActions(2, Duration.ofSeconds(20));
        assertThat(actions.get(0).getFileEvent().getPath()).isEqualTo("/w/a.sh");
        assertThat(actions.get(1).getTextEdit().getText()).isEqualTo("ls\n");
      }
    } finally {
      adapter.stop();
    }
    assertThat(provider.port()).isEqualTo(-1);
  }
}
