package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.StoreKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionCliTest {

  @TempDir Path home;
  CliSessions sessions;
  Path keyFile;
  StoreKey key;

  @BeforeEach
  void generateKey() throws Exception {
    sessions = new CliSessions(home);
    keyFile = home.resolve("understudy.key");
    CliRun run = CliRun.run(null, "key", "generate", "--out", keyFile.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    key = StoreKey.fromFile(keyFile);
    assertThat(run.out()).contains("Wrote a new key to " + keyFile, "fingerprint " + key.fingerprint());
  }

  @Test
  void keyGenerateWritesAnOwnerOnlyFileAndNeverOverwritesOne() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    assertThat(Files.readString(keyFile).strip()).isEqualTo(key.toBase64());
    byte[] before = Files.readAllBytes(keyFile);
    CliRun again = CliRun.run(null, "key", "generate", "--out", keyFile.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.errorLines()).singleElement().asString().contains("exists", "never overwritten");
    assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
    CliRun noDir = CliRun.run(null, "key", "generate", "--out", home.resolve("no/such/dir/k").toString());
    assertThat(noDir.exitCode()).isEqualTo(3);
  }

  @Test
  void recordsEncryptedAndReadsBackOnlyWithTheKey() throws Exception {
    String id = sessions.record(Map.of(), "--key-file", keyFile.toString());
    String disk = new String(sessions.storeBytes(), StandardCharsets.ISO_8859_1);
    assertThat(disk).doesNotContain("browser", "notes", "hello");

    CliRun listed = CliRun.run(home, "sessions");
    assertThat(listed.out().lines().filter(l -> l.contains(id)).findFirst().orElseThrow()).contains("ended", "(encrypted)");
    CliRun listedWithKey = CliRun.run(home, "sessions", "--key-file", keyFile.toString());
    assertThat(listedWithKey.out()).contains("browser,notes");

    CliRun noKey = CliRun.run(home, "inspect", id);
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.errorLines()).singleElement().asString().isEqualTo("understudy: session " + id
        + " is encrypted with key " + key.fingerprint() + " and no key was given; pass --key-file FILE or set UNDERSTUDY_KEY");
    assertThat(noKey.out()).doesNotContain("session_start");

    StoreKey other = StoreKey.generate();
    Path otherFile = Files.writeString(home.resolve("other.key"), other.toBase64());
    CliRun wrong = CliRun.run(home, "export", id, "--format", "jsonl", "--key-file", otherFile.toString());
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.errorLines()).singleElement().asString().isEqualTo("understudy: session " + id
        + " is encrypted with key " + key.fingerprint() + "; the key given has fingerprint " + other.fingerprint());
    assertThat(wrong.out()).isEmpty();

    CliRun inspect = CliRun.run(home, "inspect", id, "--key-file", keyFile.toString());
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    assertThat(inspect.out()).contains("session_start", "session_end");
    CliRun fromEnv = CliRun.run(home, Map.of("UNDERSTUDY_KEY", key.toBase64()), "verify", id);
    assertThat(fromEnv.exitCode()).as(fromEnv.out()).isZero();
    assertThat(fromEnv.out()).contains(": OK");
  }

  @Test
  void verifyReportsADamagedBlockAndReadsTheRest() throws Exception {
    String id = sessions.record(Map.of("UNDERSTUDY_KEY", key.toBase64()));
    Path segment = sessions.firstSegment(id);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(segment, bytes);
    CliRun damaged = CliRun.run(home, "verify", id, "--key-file", keyFile.toString());
    assertThat(damaged.exitCode()).isEqualTo(4);
    assertThat(damaged.out()).contains("DAMAGED", segment.getFileName().toString());
    CliRun export = CliRun.run(home, "export", id, "--format", "jsonl", "--key-file", keyFile.toString());
    assertThat(export.exitCode()).isZero();
    assertThat(export.out().lines()).isNotEmpty();
    assertThat(export.err()).contains("damaged region(s) were skipped");
  }

  @Test
  void badKeysAreOneClearLine() throws Exception {
    String id = sessions.record(Map.of(), "--key-file", keyFile.toString());
    CliRun missing = CliRun.run(home, "inspect", id, "--key-file", home.resolve("nope.key").toString());
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.errorLines()).singleElement().asString().contains("nope.key", "does not exist");
    Path bad = Files.writeString(home.resolve("bad.key"), "too short");
    CliRun notAKey = CliRun.run(home, "inspect", id, "--key-file", bad.toString());
    assertThat(notAKey.exitCode()).isEqualTo(2);
    assertThat(notAKey.errorLines()).singleElement().asString().contains("bad.key");
    CliRun badEnv = CliRun.run(home, Map.of("UNDERSTUDY_KEY", "!!"), "record", "--duration", "1s");
    assertThat(badEnv.exitCode()).isEqualTo(2);
    assertThat(badEnv.errorLines()).singleElement().asString().contains("$UNDERSTUDY_KEY");
    assertThat(sessions.ids()).as("a bad key records nothing").containsExactly(id);
  }
}
