package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionDeletionTest {

  private static final SessionId OLD = Records.sessionId(1_719_792_000_000L, 1);
  private static final SessionId NEW = Records.sessionId(1_719_792_100_000L, 2);

  @TempDir Path root;

  private void write(SessionStore store, SessionId id, StoreOptions options) throws Exception {
    try (SessionWriter w = store.create(id, options)) {
      w.append(Records.start(id, 1));
      for (int seq = 2; seq < 300; seq++) {
        w.append(Records.click(id, seq, Records.button("B" + seq % 4)));
        w.commit();
      }
      w.append(Records.end(id, 300));
    }
  }

  @Test
  void deletesEveryFileAndTheDirectoryAndSaysWhatItRemoved() throws Exception {
    SessionStore store = SessionStore.open(root);
    write(store, OLD, StoreOptions.builder().segmentMaxBytes(4096).build());
    write(store, NEW, StoreOptions.defaults());
    Path dir = root.resolve(OLD.toString());
    long bytes;
    int segments;
    try (Stream<Path> files = Files.list(dir)) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    segments = SegmentFiles.list(dir).size();
    assertThat(segments).isGreaterThan(1);

    DeletedSession deleted = store.delete(OLD);
    assertThat(deleted).isEqualTo(new DeletedSession(OLD, segments, bytes));
    assertThat(dir).doesNotExist();
    assertThat(store.sessionIds()).containsExactly(NEW);
    assertThatThrownBy(() -> store.delete(OLD)).isInstanceOf(UnknownSessionException.class);
  }

  @Test
  void refusesASessionBeingRecordedAndDeletesNothing() throws Exception {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(NEW, StoreOptions.defaults())) {
      w.append(Records.start(NEW, 1));
      w.commit();
      assertThat(store.isActive(NEW)).isTrue();
      assertThatThrownBy(() -> store.delete(NEW))
          .isInstanceOf(SessionLockedException.class)
          .hasMessage("session " + NEW + " is being recorded (a writer holds it); stop the recording, then delete it");
      assertThat(SegmentFiles.list(root.resolve(NEW.toString()))).hasSize(1);
      w.append(Records.end(NEW, 2));
    }
    assertThat(store.isActive(NEW)).isFalse();
    try (SessionReader r = store.reader(NEW)) {
      assertThat(r.readAll()).hasSize(2);
    }
  }

  @Test
  void deletesAnEncryptedSessionWithoutItsKey() throws Exception {
    SessionStore store = SessionStore.open(root);
    write(store, OLD, StoreOptions.builder().encryptionKey(StoreKey.generate()).build());
    assertThat(store.delete(OLD).segmentFiles()).isEqualTo(1);
    assertThat(store.sessionIds()).isEmpty();
  }
}
