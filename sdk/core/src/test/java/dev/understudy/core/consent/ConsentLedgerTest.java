package dev.understudy.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentLedgerTest {

  @TempDir Path dir;
  final Instant t0 = Instant.parse("2025-03-01T10:00:00Z");

  private ConsentLedger at(Instant now) {
    return ConsentLedger.open(dir, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void grantsListAndRevokesAppendOnly() throws IOException {
    ConsentLedger ledger = at(t0);
    assertThat(ledger.list()).isEmpty();
    Consent hello = ledger.grant("hello", Consent.ANY, null, "demo \"quoted\" note\n");
    Consent notes = ledger.grant("browser", "firefox", t0.plus(Duration.ofDays(30)), "");
    assertThat(hello.id()).matches("c-[0-9a-f]{10}");
    assertThat(hello.grantedBy()).isEqualTo(System.getProperty("user.name"));
    assertThat(ledger.list()).extracting(Consent::id).containsExactly(hello.id(), notes.id());
    assertThat(ledger.list().get(0).note()).isEqualTo("demo \"quoted\" note ");
    String before = Files.readString(ledger.file());
    Consent revoked = ledger.revoke(hello.id());
    assertThat(revoked.status(t0)).isEqualTo(Consent.Status.REVOKED);
    assertThat(Files.readString(ledger.file())).as("append-only").startsWith(before);
    assertThat(ledger.valid(t0).coversAdapter("hello")).isFalse();
    assertThat(ledger.valid(t0).covers("browser", "firefox")).isTrue();
    assertThat(ledger.valid(t0).covers("browser", "chromium")).isFalse();
    assertThat(ledger.revoke(hello.id()).revokedAt()).as("revoking twice changes nothing").isEqualTo(revoked.revokedAt());
  }

  @Test
  void expiredConsentIsNotInForce() throws IOException {
    Consent c = at(t0).grant("hello", Consent.ANY, t0.plusSeconds(60), "");
    assertThat(at(t0.plusSeconds(59)).valid().coversAdapter("hello")).isTrue();
    assertThat(at(t0.plusSeconds(60)).valid().coversAdapter("hello")).isFalse();
    assertThat(at(t0.plusSeconds(60)).list().get(0).status(t0.plusSeconds(60))).isEqualTo(Consent.Status.EXPIRED);
    assertThat(c.scope()).isEqualTo("adapter hello, every app");
    assertThatThrownBy(() -> at(t0).grant("hello", Consent.ANY, t0, "")).hasMessageContaining("not in the future");
  }

  @Test
  void revokesByAdapterOrAppAndRefusesUnknownOnes() throws IOException {
    ConsentLedger ledger = at(t0);
    ledger.grant("hello", Consent.ANY, null, "");
    ledger.grant("hello", "notes", null, "");
    ledger.grant(Consent.ANY, "notes", null, "");
    assertThat(ledger.revokeAdapter("hello")).hasSize(2);
    assertThat(ledger.revokeApp("notes")).hasSize(1);
    assertThatThrownBy(() -> ledger.revokeApp("notes")).isInstanceOf(UnknownConsentException.class)
        .hasMessageContaining("app 'notes'");
    assertThatThrownBy(() -> ledger.revoke("c-nope")).isInstanceOf(UnknownConsentException.class)
        .hasMessageContaining("'c-nope'", "consent list");
  }

  @Test
  void toleratesADamagedLastLineAndWritesPastIt() throws IOException {
    ConsentLedger ledger = at(t0);
    Consent c = ledger.grant("hello", Consent.ANY, null, "");
    Files.writeString(ledger.file(), "{\"op\":\"revoke\",\"id\":\"" + c.id() + "\",\"a", StandardOpenOption.APPEND);
    assertThat(ledger.list()).singleElement().satisfies(k -> assertThat(k.revokedAt()).isNull());
    Consent second = ledger.grant("notes", Consent.ANY, null, "");
    assertThat(ledger.list()).extracting(Consent::id).containsExactly(c.id(), second.id());
  }

  @Test
  void damageBeforeTheLastLineIsAnErrorNamingTheLine() throws IOException {
    ConsentLedger ledger = at(t0);
    ledger.grant("hello", Consent.ANY, null, "");
    String good = Files.readString(ledger.file());
    Files.write(ledger.file(), ("garbage {\n" + good).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    assertThatThrownBy(ledger::list).isInstanceOf(IOException.class).hasMessageContaining("damaged at line 2");
    byte[] before = Files.readAllBytes(ledger.file());
    assertThatThrownBy(() -> ledger.grant("notes", Consent.ANY, null, "")).hasMessageContaining("damaged at line 2");
    assertThat(Files.readAllBytes(ledger.file())).as("nothing written to a damaged ledger").isEqualTo(before);
  }

  @Test
  void rejectsBlankNames() {
    assertThatThrownBy(() -> at(t0).grant(" ", Consent.ANY, null, "")).hasMessageContaining("adapter");
  }
}
