package dev.understudy.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionLockedException;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionWriter;
import dev.understudy.core.store.StoreKey;
import dev.understudy.core.store.StoreOptions;
import dev.understudy.core.store.UnknownSessionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgetterTest {

  private static final Instant JUNE = Instant.parse("2024-06-15T09:00:00Z");
  private static final Instant JULY = Instant.parse("2024-07-15T09:00:00Z");
  private static final Instant AUGUST = Instant.parse("2024-08-15T09:00:00Z");

  @TempDir Path home;
  SessionStore store;
  ExportLedger ledger;
  Forgetter forgetter;

  @BeforeEach
  void open() throws Exception {
    store = SessionStore.open(home.resolve("sessions"));
    ledger = ExportLedger.at(home.resolve(ExportLedger.FILE_NAME));
    forgetter = Forgetter.of(store, ledger);
  }

  private ExportEntry exportOf(SessionId id, String name) throws Exception {
    Path f = Files.writeString(home.resolve(name), "{\"session\":\"" + id + "\"}\n");
    ExportEntry e = ExportEntry.of(id, f, "jsonl", Instant.now());
    ledger.recordExport(e);
    return e;
  }

  @Test
  void forgettingOneSessionDeletesItsSegmentsAndExportsAndReportsThem() throws Exception {
    SessionId june = Sessions.write(store, JUNE, "writer");
    SessionId july = Sessions.write(store, JULY, "writer");
    ExportEntry e1 = exportOf(june, "june.jsonl");
    ExportEntry e2 = exportOf(june, "june-again.jsonl");
    ExportEntry other = exportOf(july, "july.jsonl");
    long sessionBytes = store.sizeOf(june).bytes();

    ForgetReport report = forgetter.forget(SessionSelection.session(june), false);
    assertThat(report.sessions()).extracting(d -> d.id()).containsExactly(june);
    assertThat(report.segmentFiles()).isEqualTo(1);
    assertThat(report.exportsRemoved()).isEqualTo(2);
    assertThat(report.bytes()).isEqualTo(sessionBytes + e1.size() + e2.size());
    assertThat(report.describe()).startsWith("removed 1 session (1 segment files), 2 exports, " + report.bytes() + " bytes")
        .contains("removed session " + june, "removed export " + e1.path(), "removed export " + e2.path());
    assertThat(e1.path()).doesNotExist();
    assertThat(e2.path()).doesNotExist();
    assertThat(other.path()).exists();
    assertThat(store.sessionIds()).containsExactly(july);
    assertThat(ledger.read().exports()).containsExactly(other);
  }

  @Test
  void aDryRunReportsTheSameAndDeletesNothing() throws Exception {
    SessionId june = Sessions.write(store, JUNE, "writer");
    ExportEntry e = exportOf(june, "june.jsonl");
    ForgetReport dry = forgetter.forget(SessionSelection.session(june), true);
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.exportsRemoved()).isEqualTo(1);
    assertThat(dry.describe()).startsWith("dry run: would remove 1 session").contains("would remove export " + e.path());
    assertThat(store.sessionIds()).containsExactly(june);
    assertThat(e.path()).exists();
    ForgetReport real = forgetter.forget(SessionSelection.session(june), false);
    assertThat(real.bytes()).isEqualTo(dry.bytes());
  }

  @Test
  void forgettingBeforeADateDeletesOnlyOlderSessions() throws Exception {
    SessionId june = Sessions.write(store, JUNE, "writer");
    SessionId july = Sessions.write(store, JULY, "calc");
    SessionId august = Sessions.write(store, AUGUST, "writer");
    ForgetReport report = forgetter.forget(SessionSelection.startedBefore(Instant.parse("2024-08-01T00:00:00Z")), false);
    assertThat(report.sessions()).extracting(d -> d.id()).containsExactlyInAnyOrder(june, july);
    assertThat(store.sessionIds()).containsExactly(august);
  }

  @Test
  void forgettingAnAppDeletesWholeSessionsThatHoldAnyOfItsRecords() throws Exception {
    SessionId mixed = Sessions.write(store, JUNE, "writer", "org.example.bank");
    SessionId bankOnly = Sessions.write(store, JULY, "org.example.bank");
    SessionId other = Sessions.write(store, AUGUST, "writer");
    ForgetReport report = forgetter.forget(SessionSelection.app("org.example.bank"), false);
    assertThat(report.sessions()).extracting(d -> d.id()).containsExactlyInAnyOrder(mixed, bankOnly);
    assertThat(store.sessionIds()).containsExactly(other);
  }

  @Test
  void encryptedSessionsAreMatchedByAppOnlyWithTheirKey() throws Exception {
    StoreKey key = StoreKey.generate();
    SessionId secret = Sessions.write(store, JUNE, StoreOptions.builder().encryptionKey(key).build(), "org.example.bank");
    ForgetReport without = forgetter.forget(SessionSelection.app("org.example.bank"), false);
    assertThat(without.sessions()).isEmpty();
    assertThat(without.skipped()).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo(secret);
      assertThat(s.reason()).contains("encrypted", "key");
    });
    assertThat(without.describe()).contains("left session " + secret + ": encrypted");

    ForgetReport with = Forgetter.of(store.withKey(key), ledger).forget(SessionSelection.app("org.example.bank"), false);
    assertThat(with.sessions()).extracting(d -> d.id()).containsExactly(secret);
    // By date or id, no key is needed.
    SessionId old = Sessions.write(store, JUNE, StoreOptions.builder().encryptionKey(key).build(), "x");
    assertThat(forgetter.forget(SessionSelection.startedBefore(JULY), false).sessions()).extracting(d -> d.id())
        .containsExactly(old);
  }

  @Test
  void nothingMatchedIsAnEmptyReportThatSaysSo() throws Exception {
    Sessions.write(store, AUGUST, "writer");
    ForgetReport report = forgetter.forget(SessionSelection.startedBefore(JUNE), false);
    assertThat(report.nothingRemoved()).isTrue();
    assertThat(report.describe()).isEqualTo("nothing to forget: no sessions started before 2024-06-15T09:00:00Z");
    assertThat(forgetter.forget(SessionSelection.app("nope"), false).describe())
        .isEqualTo("nothing to forget: no sessions with records of app nope");
  }

  @Test
  void aSessionBeingRecordedIsRefusedByIdAndLeftWhenMatchedByDate() throws Exception {
    SessionId old = Sessions.write(store, JUNE, "writer");
    SessionId live = Sessions.idAt(JULY);
    try (SessionWriter w = store.create(live, StoreOptions.defaults())) {
      assertThatThrownBy(() -> forgetter.forget(SessionSelection.session(live), false))
          .isInstanceOf(SessionLockedException.class)
          .hasMessage("session " + live + " is being recorded (a writer holds it); stop the recording, then forget it");
      ForgetReport report = forgetter.forget(SessionSelection.startedBefore(AUGUST), false);
      assertThat(report.sessions()).extracting(d -> d.id()).containsExactly(old);
      assertThat(report.skipped()).singleElement().satisfies(s -> {
        assertThat(s.id()).isEqualTo(live);
        assertThat(s.reason()).isEqualTo("being recorded (a writer holds it)");
      });
      assertThat(store.sessionIds()).containsExactly(live);
    }
  }

  @Test
  void anUnknownSessionIsAnError() {
    assertThatThrownBy(() -> forgetter.forget(SessionSelection.session(Sessions.idAt(JUNE)), false))
        .isInstanceOf(UnknownSessionException.class);
  }

  @Test
  void aChangedExportIsLeftAndReportedAndAMissingOneNoted() throws Exception {
    SessionId june = Sessions.write(store, JUNE, "writer");
    ExportEntry changed = exportOf(june, "changed.jsonl");
    ExportEntry gone = exportOf(june, "gone.jsonl");
    ExportEntry sameSizeEdit = exportOf(june, "edited.jsonl");
    Files.writeString(changed.path(), "someone else's notes\n");
    Files.delete(gone.path());
    byte[] edited = Files.readAllBytes(sameSizeEdit.path());
    edited[3] ^= 0x01;
    Files.write(sameSizeEdit.path(), edited);

    ForgetReport report = forgetter.forget(SessionSelection.session(june), false);
    assertThat(report.exports()).extracting(o -> o.entry().path(), ForgetReport.ExportOutcome::status).containsExactly(
        org.assertj.core.api.Assertions.tuple(changed.path(), ForgetReport.Status.CHANGED),
        org.assertj.core.api.Assertions.tuple(gone.path(), ForgetReport.Status.MISSING),
        org.assertj.core.api.Assertions.tuple(sameSizeEdit.path(), ForgetReport.Status.CHANGED));
    assertThat(report.exportsRemoved()).isZero();
    assertThat(changed.path()).exists();
    assertThat(sameSizeEdit.path()).exists();
    assertThat(report.describe()).contains("left export " + changed.path() + ": changed since Understudy wrote it",
        "export " + gone.path() + " was already gone");
  }
}
