package dev.understudy.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.SessionId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportLedgerTest {

  private static final SessionId A = Sessions.idAt(Instant.parse("2024-07-01T10:00:00Z"));
  private static final SessionId B = Sessions.idAt(Instant.parse("2024-07-02T10:00:00Z"));
  private static final Instant T = Instant.parse("2024-07-03T00:00:00Z");

  @TempDir Path dir;

  private ExportEntry export(SessionId s, String name, String content) throws Exception {
    Path f = Files.writeString(dir.resolve(name), content);
    return ExportEntry.of(s, f, "jsonl", T);
  }

  @Test
  void recordsExportsPerSessionWithSizeAndSha256() throws Exception {
    ExportLedger ledger = ExportLedger.at(dir.resolve(ExportLedger.FILE_NAME));
    assertThat(ledger.read().exports()).isEmpty();
    ExportEntry a = export(A, "a.jsonl", "{\"kind\":\"invoke\"}\n");
    ExportEntry b = export(B, "tab\tand\nnewline%.jsonl", "{}\n");
    ledger.recordExport(a);
    ledger.recordExport(b);
    ExportLedger.Contents read = ExportLedger.at(ledger.file()).read();
    assertThat(read.exports()).containsExactly(a, b);
    assertThat(read.of(A)).containsExactly(a);
    assertThat(read.damagedLines()).isZero();
    assertThat(a.size()).isEqualTo(18);
    assertThat(a.sha256()).isEqualTo("3fe9dccc550e7e3aeecc41240e6a0e24da852cf9b90043c63c34de30ca8b4783");
    assertThat(Files.readString(ledger.file()).lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("export\t"));
  }

  @Test
  void removalHidesTheExportAndTheLedgerOnlyGrows() throws Exception {
    ExportLedger ledger = ExportLedger.at(dir.resolve(ExportLedger.FILE_NAME));
    ExportEntry a = export(A, "a.jsonl", "one");
    ledger.recordExport(a);
    long before = Files.size(ledger.file());
    ledger.recordRemoval(a, T);
    assertThat(Files.size(ledger.file())).isGreaterThan(before);
    assertThat(Files.readString(ledger.file())).startsWith(Files.readString(ledger.file()).substring(0, (int) before));
    assertThat(ledger.read().exports()).isEmpty();
  }

  @Test
  void aTornLastLineIsSkippedAndTheNextAppendStartsAFreshLine() throws Exception {
    ExportLedger ledger = ExportLedger.at(dir.resolve(ExportLedger.FILE_NAME));
    ExportEntry a = export(A, "a.jsonl", "one");
    ExportEntry b = export(B, "b.jsonl", "two");
    ledger.recordExport(a);
    String whole = Files.readString(ledger.file());
    // A crash in the middle of writing the second line.
    Files.writeString(ledger.file(), whole + whole.substring(0, 30), StandardCharsets.UTF_8);
    ExportLedger.Contents torn = ledger.read();
    assertThat(torn.exports()).containsExactly(a);
    assertThat(torn.damagedLines()).isEqualTo(1);

    ledger.recordExport(b);
    ExportLedger.Contents after = ledger.read();
    assertThat(after.exports()).containsExactly(a, b);
    assertThat(after.damagedLines()).isEqualTo(1);
  }

  @Test
  void aDamagedByteInALineLosesOnlyThatLine() throws Exception {
    ExportLedger ledger = ExportLedger.at(dir.resolve(ExportLedger.FILE_NAME));
    ExportEntry a = export(A, "a.jsonl", "one");
    ExportEntry b = export(B, "b.jsonl", "two");
    ledger.recordExport(a);
    ledger.recordExport(b);
    byte[] bytes = Files.readAllBytes(ledger.file());
    bytes[20] ^= 0x01; // inside the first line
    Files.write(ledger.file(), bytes, StandardOpenOption.TRUNCATE_EXISTING);
    ExportLedger.Contents read = ledger.read();
    assertThat(read.exports()).containsExactly(b);
    assertThat(read.damagedLines()).isEqualTo(1);
  }
}
