package dev.understudy.plugins.lsp;

import static dev.understudy.plugins.lsp.Frames.ascii;
import static dev.understudy.plugins.lsp.Frames.concat;
import static dev.understudy.plugins.lsp.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LspFrameReaderTest {

  private static LspFrameReader reader(byte[] data) {
    return new LspFrameReader(new ByteArrayInputStream(data));
  }

  private static void assertFails(byte[] data, LspFrameException.Reason reason) {
    assertThatThrownBy(() -> reader(data).next())
        .isInstanceOfSatisfying(LspFrameException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(reason.name());
  }

  @Test
  void readsFramesBackToBackThenNullAtCleanEnd() throws IOException {
    byte[] a = frame("{\"id\":1}");
    byte[] b = frame("{}");
    byte[] empty = frame("");
    LspFrameReader r = reader(concat(a, b, empty));

    LspFrame first = r.next();
    assertThat(first.raw()).isEqualTo(a);
    assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
    assertThat(r.next().raw()).isEqualTo(b);
    LspFrame last = r.next();
    assertThat(last.raw()).isEqualTo(empty);
    assertThat(last.bodyLength()).isZero();
    assertThat(r.next()).isNull();
    assertThat(r.next()).isNull();
  }

  @Test
  void readsFramesFromAStreamGivingOneByteAtATime() throws IOException {
    byte[] a = frame("{\"method\":\"initialized\"}");
    byte[] b = frame("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n", "{\"id\":2}");
    LspFrameReader r = new LspFrameReader(Frames.oneByteAtATime(concat(a, b)));

    assertThat(r.next().raw()).isEqualTo(a);
    assertThat(r.next().raw()).isEqualTo(b);
    assertThat(r.next()).isNull();
  }

  @Test
  void countsContentLengthInBytesForMultiByteUtf8() throws IOException {
    String body = "{\"text\":\"héllo → 世界 😀\"}";
    byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
    assertThat(utf8.length).isGreaterThan(body.length());
    byte[] next = frame("{}");
    LspFrameReader r = reader(concat(frame(body), next));

    LspFrame f = r.next();
    assertThat(f.body()).isEqualTo(utf8);
    assertThat(f.headerLength()).isEqualTo(("Content-Length: " + utf8.length + "\r\n\r\n").length());
    assertThat(r.next().raw()).isEqualTo(next);
  }

  @Test
  void keepsUnusualHeaderOrderAndCaseExactlyAsRead() throws IOException {
    byte[] raw = ascii("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:   2 \r\n\r\n{}");
    LspFrame f = reader(raw).next();
    assertThat(f.raw()).isEqualTo(raw);
    assertThat(f.body()).isEqualTo(ascii("{}"));
  }

  @Test
  void rejectsAHeaderWithoutContentLength() {
    assertFails(ascii("Content-Type: application/vscode-jsonrpc\r\n\r\n{}"), LspFrameException.Reason.MISSING_CONTENT_LENGTH);
  }

  @Test
  void rejectsADuplicateContentLength() {
    assertFails(ascii("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}"), LspFrameException.Reason.DUPLICATE_CONTENT_LENGTH);
  }

  @Test
  void rejectsAContentLengthThatIsNotANumber() {
    for (String v : new String[] {"", "12a", "0x10", "1 2", "+3", "-"}) {
      assertFails(ascii("Content-Length: " + v + "\r\n\r\n{}"), LspFrameException.Reason.MALFORMED_CONTENT_LENGTH);
    }
  }

  @Test
  void rejectsANegativeContentLength() {
    assertFails(ascii("Content-Length: -2\r\n\r\n{}"), LspFrameException.Reason.NEGATIVE_CONTENT_LENGTH);
  }

  @Test
  void rejectsABodyAboveTheLimitWithoutReadingIt() {
    LspFrameReader small = new LspFrameReader(new ByteArrayInputStream(ascii("Content-Length: 11\r\n\r\n")), 64, 10);
    assertThatThrownBy(small::next)
        .isInstanceOfSatisfying(LspFrameException.class,
            e -> assertThat(e.reason()).isEqualTo(LspFrameException.Reason.BODY_TOO_LARGE));
    assertFails(ascii("Content-Length: 99999999999999999999999\r\n\r\n"), LspFrameException.Reason.BODY_TOO_LARGE);
  }

  @Test
  void acceptsABodyExactlyAtTheLimit() throws IOException {
    byte[] f = frame("0123456789");
    assertThat(new LspFrameReader(new ByteArrayInputStream(f), 64, 10).next().raw()).isEqualTo(f);
  }

  @Test
  void rejectsAHeaderLongerThanTheLimit() {
    // Bare LF line ends never make the blank line the protocol asks for.
    byte[] lfOnly = ascii("Content-Length: 2\n\n{}" + "x".repeat(100));
    LspFrameReader r = new LspFrameReader(new ByteArrayInputStream(lfOnly), 32, 1024);
    assertThatThrownBy(r::next)
        .isInstanceOfSatisfying(LspFrameException.class,
            e -> assertThat(e.reason()).isEqualTo(LspFrameException.Reason.HEADER_TOO_LONG));
  }

  @Test
  void rejectsAHeaderLineWithoutAColon() {
    assertFails(ascii("Content-Length: 2\r\nbogus\r\n\r\n{}"), LspFrameException.Reason.MALFORMED_HEADER);
  }

  @Test
  void reportsABodyCutShortByTheEndOfTheStream() {
    assertFails(ascii("Content-Length: 10\r\n\r\n{\"id\""), LspFrameException.Reason.TRUNCATED_BODY);
  }

  @Test
  void reportsAHeaderCutShortByTheEndOfTheStream() {
    assertFails(ascii("Content-Length: 10\r\n"), LspFrameException.Reason.TRUNCATED_HEADER);
  }

  @Test
  void reportsTheErrorAfterTheGoodFramesBeforeIt() throws IOException {
    byte[] good = frame("{}");
    LspFrameReader r = reader(concat(good, ascii("Content-Length: x\r\n\r\n")));
    assertThat(r.next().raw()).isEqualTo(good);
    assertThatThrownBy(r::next).isInstanceOf(LspFrameException.class);
  }

  @Test
  void failsFastOnBadLimits() {
    InputStream in = InputStream.nullInputStream();
    assertThatThrownBy(() -> new LspFrameReader(in, 3, 10)).hasMessageContaining("maxHeaderBytes");
    assertThatThrownBy(() -> new LspFrameReader(in, 64, -1)).hasMessageContaining("maxBodyBytes");
    assertThatThrownBy(() -> new LspFrameReader(null)).hasMessageContaining("in");
  }
}
