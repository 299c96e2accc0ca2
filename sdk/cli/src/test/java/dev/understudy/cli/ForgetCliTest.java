package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionWriter;
import dev.understudy.core.store.StoreOptions;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.SessionEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgetCliTest {

  @TempDir Path home;
  CliSessions sessions;

  @BeforeEach
  void setUp() throws Exception {
    sessions = new CliSessions(home);
  }

  /** A closed session that started {@code age} ago, written through the store. */
  private String oldSession(Duration age) throws Exception {
    SessionId id = CliSessions.idAt(Instant.now().minus(age).toEpochMilli());
    try (SessionWriter w = SessionStore.open(home.resolve("sessions")).create(id, StoreOptions.defaults())) {
      w.append(Action.newBuilder().setSeq(1).setTimeUnixNano(id.unixMillis() * 1_000_000L)
          .setSessionEnd(SessionEnd.getDefaultInstance()).build());
    }
    return id.toString();
  }

  private Path export(String id, String name) {
    Path file = home.resolve(name);
    CliRun run = CliRun.run(home, "export", id, "--format", "jsonl", "-o", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return file;
  }

  @Test
  void forgetsASessionWithItsExportsAndSaysWhatItRemoved() throws Exception {
    String id = sessions.record(Map.of());
    String kept = sessions.record(Map.of());
    Path one = export(id, "one.jsonl");
    Path two = export(id, "two.jsonl");
    Path other = export(kept, "other.jsonl");
    assertThat(Files.readString(home.resolve("exports.ledger")).lines()).hasSize(3);

    CliRun run = CliRun.run(home, "forget", "--session", id.substring(0, 13));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("removed 1 session (1 segment files), 2 exports, ")
        .contains("removed session " + id, "removed export " + one, "removed export " + two);
    assertThat(one).doesNotExist();
    assertThat(two).doesNotExist();
    assertThat(other).exists();
    assertThat(sessions.ids()).containsExactly(kept);
    assertThat(Files.readString(home.resolve("exports.ledger")).lines()).hasSize(5)
        .filteredOn(l -> l.startsWith("removed\t")).hasSize(2);
  }

  @Test
  void dryRunByAppChangesNothingThenForgetRemovesEverySessionOfTheApp() throws Exception {
    String a = sessions.record(Map.of());
    String b = sessions.record(Map.of());
    byte[] before = sessions.storeBytes();
    CliRun dry = CliRun.run(home, "forget", "--app", "notes", "--dry-run");
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.out()).startsWith("dry run: would remove 2 sessions").contains(a, b);
    assertThat(sessions.storeBytes()).isEqualTo(before);
    CliRun real = CliRun.run(home, "forget", "--app", "notes");
    assertThat(real.out()).startsWith("removed 2 sessions");
    assertThat(sessions.ids()).isEmpty();
  }

  @Test
  void forgetsByDateAndByRetentionAndSaysSoWhenNothingMatched() throws Exception {
    // Recorded first: 'record' applies the default policy's 30-day retention, which would sweep the old ones.
    String recent = sessions.record(Map.of());
    String ancient = oldSession(Duration.ofDays(400));
    String old = oldSession(Duration.ofDays(40));

    CliRun none = CliRun.run(home, "forget", "--before", "2000-01-01");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).startsWith("Nothing to forget: no sessions started before ");

    String cutoff = Instant.now().minus(Duration.ofDays(100)).toString();
    CliRun before = CliRun.run(home, "forget", "--before", cutoff);
    assertThat(before.exitCode()).isZero();
    assertThat(before.out()).contains("removed session " + ancient).doesNotContain(old);

    CliRun expired = CliRun.run(home, "forget", "--expired", "--retention", "30d");
    assertThat(expired.exitCode()).isZero();
    assertThat(expired.out()).contains("removed session " + old);
    assertThat(sessions.ids()).containsExactly(recent);
  }

  @Test
  void recordAppliesTheRetentionBeforeItStarts() throws Exception {
    String old = oldSession(Duration.ofDays(10));
    String fresh = sessions.record(Map.of(), "--retention", "7d");
    assertThat(sessions.ids()).containsExactly(fresh).doesNotContain(old);
  }

  @Test
  void aChangedExportIsLeftAndSaidSo() throws Exception {
    String id = sessions.record(Map.of());
    Path file = export(id, "mine.jsonl");
    Files.writeString(file, "my own notes now\n");
    CliRun run = CliRun.run(home, "forget", "--session", id);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("left export " + file + ": changed since Understudy wrote it");
    assertThat(run.err()).contains("1 export file(s) changed");
    assertThat(file).exists();
    assertThat(sessions.ids()).isEmpty();
  }

  @Test
  void badInputIsOneClearLineAndDeletesNothing() throws Exception {
    String id = sessions.record(Map.of());
    byte[] before = sessions.storeBytes();

    CliRun date = CliRun.run(home, "forget", "--before", "yesterday");
    assertThat(date.exitCode()).isEqualTo(2);
    assertThat(date.errorLines()).singleElement().asString().contains("'yesterday' is not a date");
    CliRun unknown = CliRun.run(home, "forget", "--session", "ffff");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.errorLines()).singleElement().asString().contains("'ffff'");
    CliRun nothing = CliRun.run(home, "forget");
    assertThat(nothing.exitCode()).isEqualTo(2);
    CliRun two = CliRun.run(home, "forget", "--session", id, "--app", "notes");
    assertThat(two.exitCode()).isEqualTo(2);
    CliRun retention = CliRun.run(home, "forget", "--app", "notes", "--retention", "3d");
    assertThat(retention.exitCode()).isEqualTo(2);
    assertThat(retention.errorLines()).singleElement().asString().contains("--retention goes with --expired");
    assertThat(sessions.storeBytes()).isEqualTo(before);
  }

  @Test
  void aSessionBeingRecordedIsRefused() throws Exception {
    SessionId live = CliSessions.idAt(System.currentTimeMillis());
    try (SessionWriter w = SessionStore.open(home.resolve("sessions")).create(live, StoreOptions.defaults())) {
      CliRun run = CliRun.run(home, "forget", "--session", live.toString());
      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.errorLines()).singleElement().asString()
          .contains("session " + live + " is being recorded", "stop the recording");
      CliRun expired = CliRun.run(home, "forget", "--before", Instant.now().plusSeconds(60).toString());
      assertThat(expired.exitCode()).isZero();
      assertThat(expired.out()).contains("left session " + live + ": being recorded");
      assertThat(sessions.ids()).containsExactly(live.toString());
    }
  }
}
