package dev.understudy.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSweeperTest {

  private static final Instant NOW = Instant.parse("2024-08-01T12:00:00Z");

  @TempDir Path home;

  @Test
  void forgetsSessionsOlderThanTheRetentionWithTheirExports() throws Exception {
    SessionStore store = SessionStore.open(home.resolve("sessions"));
    ExportLedger ledger = ExportLedger.at(home.resolve(ExportLedger.FILE_NAME));
    SessionId expired = Sessions.write(store, NOW.minus(Duration.ofDays(31)), "writer");
    SessionId kept = Sessions.write(store, NOW.minus(Duration.ofDays(29)), "writer");
    Path export = Files.writeString(home.resolve("old.jsonl"), "{}\n");
    ledger.recordExport(ExportEntry.of(expired, export, "jsonl", NOW));

    ForgetReport report = RetentionSweeper.sweep(store, ledger, Duration.ofDays(30), Sessions.clockAt(NOW));
    assertThat(report.sessions()).extracting(d -> d.id()).containsExactly(expired);
    assertThat(report.exportsRemoved()).isEqualTo(1);
    assertThat(export).doesNotExist();
    assertThat(store.sessionIds()).containsExactly(kept);
  }

  @Test
  void withoutALedgerOnlySessionsAreForgotten() throws Exception {
    SessionStore store = SessionStore.open(home.resolve("sessions"));
    Sessions.write(store, NOW.minus(Duration.ofHours(2)), "writer");
    SessionId kept = Sessions.write(store, NOW.minus(Duration.ofMinutes(30)), "writer");
    ForgetReport report = RetentionSweeper.sweep(store, Duration.ofHours(1), Sessions.clockAt(NOW));
    assertThat(report.sessions()).hasSize(1);
    assertThat(store.sessionIds()).containsExactly(kept);
    assertThat(RetentionSweeper.sweep(store, Duration.ofHours(1), Sessions.clockAt(NOW)).nothingRemoved()).isTrue();
  }

  @Test
  void rejectsANonPositiveRetention() {
    assertThatThrownBy(() -> RetentionSweeper.expired(Duration.ZERO, Sessions.clockAt(NOW)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention must be positive");
  }
}
