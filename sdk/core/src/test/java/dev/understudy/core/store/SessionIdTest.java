package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionIdTest {

  @Test
  void formatsAndParsesTheCanonicalUuidText() {
    SessionId id = Records.sessionId(1_719_792_000_123L, 0xabcd);
    String text = id.toString();
    assertThat(text).isEqualTo("01906b97-5c7b-7000-8000-00000000abcd");
    assertThat(SessionId.parse(text)).isEqualTo(id);
    assertThat(SessionId.parse(text.toUpperCase())).isEqualTo(id);
    assertThat(SessionId.parse(text.replace("-", ""))).isEqualTo(id);
    assertThat(id.unixMillis()).isEqualTo(1_719_792_000_123L);
  }

  @Test
  void rejectsTextThatIsNotAnIdNamingIt() {
    assertThatThrownBy(() -> SessionId.parse("01906b97-5c7b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a session id: '01906b97-5c7b'");
    assertThatThrownBy(() -> SessionId.parse("01906b975-c7b-7000-8000-00000000abcd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionId.of(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
  }

  @Test
  void generatedIdsAreUuidV7AndSortByTime() {
    Records.ManualClock clock = new Records.ManualClock();
    SessionId a = SessionId.generate(clock);
    clock.nanos += 2_000_000L;
    SessionId b = SessionId.generate(clock);
    byte[] bytes = a.bytes();
    assertThat(bytes[6] & 0xF0).isEqualTo(0x70);
    assertThat(bytes[8] & 0xC0).isEqualTo(0x80);
    assertThat(a.unixMillis()).isEqualTo(clock.nowUnixNanos() / 1_000_000L - 2);
    assertThat(a).isLessThan(b);
    assertThat(a.toString()).isLessThan(b.toString());
  }

  @Test
  void derivedActionIdsAreUuidV7OfTheActionTime() {
    byte[] session = Records.sessionId(1_719_792_000_000L, 1).bytes();
    long time = 1_719_792_000_123_500_000L; // .123 s + 500 us
    byte[] id = ActionIds.derive(session, 7, time);
    SessionId asId = SessionId.of(id);
    assertThat(asId.unixMillis()).isEqualTo(1_719_792_000_123L);
    assertThat(id[6] & 0xF0).isEqualTo(0x70);
    assertThat(((id[6] & 0x0F) << 8) | (id[7] & 0xFF)).isEqualTo(2048); // half a millisecond
    assertThat(id[8] & 0xC0).isEqualTo(0x80);
    assertThat(ActionIds.derive(session, 7, time)).isEqualTo(id);
    assertThat(ActionIds.derive(session, 8, time)).isNotEqualTo(id);
    byte[] otherSession = Records.sessionId(1_719_792_000_000L, 2).bytes();
    assertThat(ActionIds.derive(otherSession, 7, time)).isNotEqualTo(id);
  }
}
