package dev.understudy.plugins.browser.nativehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  private static FrameReader reader(byte[] stream, int max) {
    return new FrameReader(new ByteArrayInputStream(stream), max, ByteOrder.LITTLE_ENDIAN);
  }

  private static FrameException rejection(FrameReader r) {
    try {
      r.next();
    } catch (FrameException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the frame was accepted");
  }

  @Test
  void readsFramesInOrderThenNullAtTheEnd() throws IOException {
    FrameReader r = reader(new Frames().json("{\"a\":1}").json("{\"b\":\"é\"}").bytes(), 100);
    assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":\"é\"}");
    assertThat(r.next()).isNull();
  }

  @Test
  void readsTheLengthInTheGivenByteOrder() throws IOException {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] bigEndian = new byte[] {0, 0, 0, 2, body[0], body[1]};
    FrameReader r = new FrameReader(new ByteArrayInputStream(bigEndian), 100, ByteOrder.BIG_ENDIAN);
    assertThat(r.next()).isEqualTo(body);
  }

  @Test
  void acceptsAFrameOfExactlyTheLimit() throws IOException {
    FrameReader r = reader(new Frames().json("\"1234\"").bytes(), 6);
    assertThat(r.next()).hasSize(6);
  }

  @Test
  void rejectsAZeroLengthAndReadsOn() throws IOException {
    FrameReader r = reader(new Frames().prefix(0).json("{}").bytes(), 100);
    FrameException e = rejection(r);
    assertThat(e.reason()).isEqualTo(HostError.ZERO_LENGTH);
    assertThat(e.fatal()).isFalse();
    assertThat(r.next()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void skipsAnOversizedFrameAndReadsOn() throws IOException {
    byte[] big = new byte[200_000];
    FrameReader r = reader(new Frames().frame(big).json("{}").bytes(), 1000);
    FrameException e = rejection(r);
    assertThat(e.reason()).isEqualTo(HostError.OVERSIZED);
    assertThat(e.fatal()).isFalse();
    assertThat(e).hasMessageContaining("200000").hasMessageContaining("1000");
    assertThat(r.next()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anOversizedFrameCutShortIsFatal() {
    FrameReader r = reader(new Frames().prefix(5000).raw(new byte[10]).bytes(), 1000);
    FrameException e = rejection(r);
    assertThat(e.reason()).isEqualTo(HostError.TRUNCATED);
    assertThat(e.fatal()).isTrue();
  }

  @Test
  void aLengthWithTheSignBitSetIsFatal() {
    FrameException e = rejection(reader(new Frames().prefix(-1).json("{}").bytes(), 100));
    assertThat(e.reason()).isEqualTo(HostError.NEGATIVE_LENGTH);
    assertThat(e.fatal()).isTrue();
    assertThat(e).hasMessageContaining("4294967295");
  }

  @Test
  void aStreamEndingInsideTheLengthPrefixIsTruncated() {
    FrameException e = rejection(reader(new byte[] {5, 0}, 100));
    assertThat(e.reason()).isEqualTo(HostError.TRUNCATED);
    assertThat(e.fatal()).isTrue();
  }

  @Test
  void aStreamEndingInsideTheBodyIsTruncated() {
    FrameException e = rejection(reader(new Frames().prefix(10).raw((byte) '{').bytes(), 100));
    assertThat(e.reason()).isEqualTo(HostError.TRUNCATED);
    assertThat(e).hasMessageContaining("1 of 10");
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> reader(new byte[0], 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessageBytes");
  }
}
