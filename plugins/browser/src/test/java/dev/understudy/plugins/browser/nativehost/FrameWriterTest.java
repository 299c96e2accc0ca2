package dev.understudy.plugins.browser.nativehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameWriterTest {
  @Test
  void writesALittleEndianLengthThenTheBody() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out, ByteOrder.LITTLE_ENDIAN).write("{\"x\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(out.toByteArray()).startsWith(7, 0, 0, 0);
    assertThat(Frames.parse(out.toByteArray())).containsExactly("{\"x\":1}");
  }

  @Test
  void writesAMessageOfExactlyChromiumsLimit() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out, ByteOrder.LITTLE_ENDIAN).write(new byte[FrameWriter.MAX_HOST_MESSAGE_BYTES]);
    assertThat(out.size()).isEqualTo(FrameWriter.MAX_HOST_MESSAGE_BYTES + 4);
  }

  @Test
  void refusesAMessageOverChromiumsLimitWithoutWritingAByte() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter w = new FrameWriter(out, ByteOrder.LITTLE_ENDIAN);
    assertThatThrownBy(() -> w.write(new byte[FrameWriter.MAX_HOST_MESSAGE_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1048576");
    assertThatThrownBy(() -> w.write(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThat(out.size()).isZero();
  }
}
