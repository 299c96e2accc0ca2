package dev.understudy.plugins.office.agent.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {
  @Test
  void framesRoundTripAndACleanEndBetweenFramesIsNull() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wire.writeFrame(out, "{\"a\":\"é\"}");
    Wire.writeFrame(out, "{}");
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    assertThat(Wire.readFrame(in, 100)).isEqualTo("{\"a\":\"é\"}");
    assertThat(Wire.readFrame(in, 100)).isEqualTo("{}");
    assertThat(Wire.readFrame(in, 100)).isNull();
  }

  @Test
  void refusesOversizedAndTruncatedFrames() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wire.writeFrame(out, "x".repeat(200));
    byte[] bytes = out.toByteArray();
    assertThatThrownBy(() -> Wire.readFrame(new ByteArrayInputStream(bytes), 100))
        .hasMessage("frame of 200 bytes exceeds the limit of 100");
    assertThatThrownBy(() -> Wire.readFrame(new ByteArrayInputStream(Arrays.copyOf(bytes, 50)), 1000))
        .hasMessage("stream ended inside a frame of 200 bytes");
    assertThatThrownBy(() -> Wire.readFrame(new ByteArrayInputStream(Arrays.copyOf(bytes, 2)), 1000))
        .hasMessage("stream ended inside a frame header");
  }

  @Test
  void theDefaultSocketIsInTheRuntimeDirectoryOrAPerUserTemporaryOne() {
    assertThat(Wire.defaultSocket(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "/tmp", "ada"))
        .isEqualTo(Path.of("/run/user/1000/understudy/office-agent.sock"));
    assertThat(Wire.defaultSocket(Map.of(), "/tmp", "ada")).isEqualTo(Path.of("/tmp/understudy-ada/office-agent.sock"));
  }
}
