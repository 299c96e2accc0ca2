package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionVerifierTest {

  private static final SessionId ID = Records.sessionId(1_719_792_000_000L, 5);

  @TempDir Path root;

  private SessionStore write(List<Action> actions) throws IOException {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      for (Action a : actions) {
        w.append(a);
      }
    }
    return store;
  }

  @Test
  void passesACleanSessionAndCountsGaps() throws IOException {
    SessionStore store = write(Records.everyKind(ID));
    VerifyReport report = store.verify(ID);
    assertThat(report.ok()).isTrue();
    assertThat(report.exitCode()).isZero();
    assertThat(report.damage()).isEmpty();
    assertThat(report.endedCleanly()).isTrue();
    assertThat(report.gapRecords()).isEqualTo(1);
    assertThat(report.droppedCount()).isEqualTo(3);
    assertThat(report.records()).isEqualTo(Records.everyKind(ID).size());
    assertThat(report.framesChecked()).isGreaterThan(report.records());
    assertThat(report.describe()).startsWith("session " + ID + ": OK (");
  }

  @Test
  void reportsSeqHolesWhereTheyAre() throws IOException {
    SessionStore store = write(List.of(Records.start(ID, 1), Records.click(ID, 2,
        Records.button("A")), Records.click(ID, 5, Records.button("A")), Records.end(ID, 6)));
    VerifyReport report = store.verify(ID);
    assertThat(report.ok()).isFalse();
    assertThat(report.damage()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Damage.Kind.SEQ_HOLE);
      assertThat(d.detail()).startsWith("seqs 3..4 missing (2 records lost after writing)");
      assertThat(d.file()).isEqualTo(SegmentFiles.path(root.resolve(ID.toString()), 1));
      assertThat(d.offset()).isPositive();
    });
  }

  @Test
  void reportsAMissingSessionEnd() throws IOException {
    SessionStore store = write(List.of(Records.start(ID, 1), Records.gap(ID, 2, 40),
        Records.click(ID, 3, Records.button("A"))));
    VerifyReport report = store.verify(ID);
    assertThat(report.damage()).isEmpty();
    assertThat(report.endedCleanly()).isFalse();
    assertThat(report.gapRecords()).isEqualTo(1);
    assertThat(report.droppedCount()).isEqualTo(40);
    assertThat(report.ok()).isFalse();
    assertThat(report.describe()).contains("no session_end")
        .contains("session did not end cleanly");
  }

  @Test
  void aSessionStillRecordingIsNotFailedForLackingAnEnd() throws IOException {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      w.append(Records.start(ID, 1));
      w.commit();
      VerifyReport report = store.verify(ID);
      assertThat(report.live()).isTrue();
      assertThat(report.ok()).isTrue();
      assertThat(report.describe()).contains("still recording");
    }
  }
}
