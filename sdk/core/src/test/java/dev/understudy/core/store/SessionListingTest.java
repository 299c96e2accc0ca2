package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionListingTest {

  private static final SessionId OLD = Records.sessionId(1_719_792_000_000L, 0x0a01);
  private static final SessionId MID = Records.sessionId(1_719_792_100_000L, 0x0b02);
  private static final SessionId NEW = Records.sessionId(1_719_792_100_000L, 0x0b03);

  @TempDir Path root;

  private void write(SessionStore store, SessionId id, List<Action> actions) throws IOException {
    try (SessionWriter w = store.create(id, StoreOptions.defaults())) {
      for (Action a : actions) {
        w.append(a);
      }
    }
  }

  @Test
  void listsSummariesNewestFirst() throws IOException {
    SessionStore store = SessionStore.open(root);
    write(store, OLD, Records.everyKind(OLD));
    write(store, MID, List.of(Records.start(MID, 1), Records.gap(MID, 2, 7),
        Records.click(MID, 3, Records.button("A")), Records.gap(MID, 4, 2)));
    write(store, NEW, List.of());
    Files.createDirectory(root.resolve("not-a-session"));

    List<SessionSummary> list = store.list();
    assertThat(list).extracting(SessionSummary::id).containsExactly(NEW, MID, OLD);

    SessionSummary old = list.get(2);
    List<Action> all = Records.everyKind(OLD);
    assertThat(old.startTimeUnixNano()).isEqualTo(all.get(0).getTimeUnixNano());
    assertThat(old.endTimeUnixNano()).isEqualTo(all.get(all.size() - 1).getTimeUnixNano());
    assertThat(old.actionCount()).isEqualTo(all.size() - 3);
    assertThat(old.droppedCount()).isEqualTo(3);
    assertThat(old.appIds()).containsExactly("chromium", "org.libreoffice.writer");
    assertThat(old.closedCleanly()).isTrue();
    assertThat(old.active()).isFalse();
    assertThat(old.bytesOnDisk()).isGreaterThan(Files.size(
        SegmentFiles.path(root.resolve(OLD.toString()), 1)));

    SessionSummary mid = list.get(1);
    assertThat(mid.actionCount()).isEqualTo(1);
    assertThat(mid.droppedCount()).isEqualTo(9);
    assertThat(mid.gapRecords()).isEqualTo(2);
    assertThat(mid.closedCleanly()).isFalse();
    assertThat(mid.endTimeUnixNano()).isEqualTo(Records.time(4));

    assertThat(list.get(0).lastSeq()).isZero();
  }

  @Test
  void summarizesByScanningWhenTheSummaryFileIsMissingOrStale() throws IOException {
    SessionStore store = SessionStore.open(root);
    write(store, OLD, Records.everyKind(OLD));
    SessionSummary fromFile = store.summary(OLD);
    Path summaryFile = root.resolve(OLD.toString()).resolve(SummaryAccumulator.FILE_NAME);

    long summaryBytes = Files.size(summaryFile);
    Files.delete(summaryFile); // as after a crash
    assertThat(store.summary(OLD))
        .isEqualTo(withBytes(fromFile, fromFile.bytesOnDisk() - summaryBytes));

    // A summary file that no longer matches the segments is ignored.
    store.recover(OLD);
    Path segment = SegmentFiles.path(root.resolve(OLD.toString()), 1);
    byte[] data = Files.readAllBytes(segment);
    Files.write(segment, java.util.Arrays.copyOf(data, data.length - 1));
    SessionSummary afterCut = store.summary(OLD);
    assertThat(afterCut.closedCleanly()).isFalse();
    assertThat(afterCut.actionCount()).isEqualTo(fromFile.actionCount());
  }

  @Test
  void showsASessionBeingWrittenAsActive() throws IOException {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(NEW, StoreOptions.defaults())) {
      w.append(Records.start(NEW, 1));
      w.append(Records.click(NEW, 2, Records.button("A")));
      w.commit();
      SessionSummary s = store.list().get(0);
      assertThat(s.active()).isTrue();
      assertThat(s.actionCount()).isEqualTo(1);
      assertThat(s.closedCleanly()).isFalse();
    }
    assertThat(store.list().get(0).active()).isFalse();
  }

  @Test
  void resolvesFullIdsAndUniquePrefixes() throws IOException {
    SessionStore store = SessionStore.open(root);
    for (SessionId id : List.of(OLD, MID, NEW)) {
      write(store, id, List.of(Records.start(id, 1)));
    }
    assertThat(store.resolve(OLD.toString())).isEqualTo(OLD);
    assertThat(store.resolve(OLD.toString().toUpperCase())).isEqualTo(OLD);
    assertThat(store.resolve(OLD.toString().replace("-", ""))).isEqualTo(OLD);
    assertThat(store.resolve(" " + NEW + " ")).isEqualTo(NEW);
    assertThat(store.resolve(OLD.toString().substring(0, 11))).isEqualTo(OLD);
  }

  @Test
  void namesUnknownAndAmbiguousPrefixes() throws IOException {
    SessionStore store = SessionStore.open(root);
    for (SessionId id : List.of(OLD, MID, NEW)) {
      write(store, id, List.of(Records.start(id, 1)));
    }
    assertThatThrownBy(() -> store.resolve("ffff"))
        .isInstanceOf(UnknownSessionException.class)
        .hasMessage("no session matches 'ffff' in " + root);
    assertThatThrownBy(() -> store.resolve("not-hex"))
        .isInstanceOf(UnknownSessionException.class).hasMessageContaining("'not-hex'");
    String common = MID.toString().substring(0, 30);
    assertThatThrownBy(() -> store.resolve(common))
        .isInstanceOf(AmbiguousSessionException.class)
        .hasMessage("'" + common + "' matches 2 sessions: " + NEW + ", " + MID);
  }

  private static SessionSummary withBytes(SessionSummary s, long bytes) {
    return new SessionSummary(s.id(), s.startTimeUnixNano(), s.endTimeUnixNano(), s.lastSeq(),
        s.actionCount(), s.droppedCount(), s.gapRecords(), s.appIds(), s.closedCleanly(),
        s.active(), bytes, s.keyFingerprint(), s.appIdsHidden());
  }
}
