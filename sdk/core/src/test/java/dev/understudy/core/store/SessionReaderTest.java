package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionReaderTest {

  private static final SessionId ID = Records.sessionId(1_719_792_000_000L, 3);
  private static final StoreOptions SMALL_SEGMENTS =
      StoreOptions.builder().segmentMaxBytes(4096).build();

  @TempDir Path root;

  private List<Action> writeClicks(SessionStore store, int count) throws IOException {
    List<Action> written = new ArrayList<>();
    try (SessionWriter w = store.create(ID, SMALL_SEGMENTS)) {
      for (int seq = 1; seq <= count; seq++) {
        Action a = Records.click(ID, seq, Records.button("B" + (seq % 5)));
        written.add(a);
        w.append(a);
      }
    }
    return written;
  }

  @Test
  void seeksBySeqAcrossSegments() throws IOException {
    SessionStore store = SessionStore.open(root);
    List<Action> written = writeClicks(store, 1000);
    assertThat(SegmentFiles.list(root.resolve(ID.toString()))).hasSizeGreaterThan(3);
    for (long seq : new long[] {1, 2, 150, 151, 600, 999, 1000}) {
      try (SessionReader r = store.reader(ID).seekToSeq(seq)) {
        assertThat(r.readAll()).as("from seq %d", seq)
            .isEqualTo(written.subList((int) seq - 1, written.size()));
      }
    }
    try (SessionReader r = store.reader(ID).seekToSeq(1001)) {
      assertThat(r.hasNext()).isFalse();
    }
  }

  @Test
  void seeksByTimeAcrossSegments() throws IOException {
    SessionStore store = SessionStore.open(root);
    List<Action> written = writeClicks(store, 1000);
    try (SessionReader r = store.reader(ID).seekToTime(Records.time(750))) {
      assertThat(r.next()).isEqualTo(written.get(749));
    }
    try (SessionReader r = store.reader(ID).seekToTime(Records.time(750) - 1)) {
      assertThat(r.next().getSeq()).isEqualTo(750);
    }
    try (SessionReader r = store.reader(ID).seekToTime(Records.T0)) {
      assertThat(r.readAll()).isEqualTo(written);
    }
  }

  @Test
  void refusesToSeekAfterReadingAndToReadPastTheEnd() throws IOException {
    SessionStore store = SessionStore.open(root);
    writeClicks(store, 2);
    try (SessionReader r = store.reader(ID)) {
      r.next();
      assertThatThrownBy(() -> r.seekToSeq(1)).isInstanceOf(IllegalStateException.class);
      r.next();
      assertThatThrownBy(r::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void readsWhatIsCommittedWhileTheWriterIsActiveAcrossRotations() throws IOException {
    SessionStore store = SessionStore.open(root);
    List<Action> written = new ArrayList<>();
    try (SessionWriter w = store.create(ID, SMALL_SEGMENTS);
        SessionReader r = store.reader(ID)) {
      assertThat(r.live()).isTrue();
      int seq = 0;
      for (int batch = 0; batch < 30; batch++) {
        for (int i = 0; i < 10; i++) {
          Action a = Records.click(ID, ++seq, Records.button("B" + (seq % 7)));
          written.add(a);
          w.append(a);
        }
        // appended but not committed: not visible
        assertThat(r.hasNext()).isFalse();
        w.commit();
        List<Action> got = r.readAll();
        assertThat(got).isEqualTo(written.subList(written.size() - 10, written.size()));
      }
      assertThat(r.damage()).isEmpty();
      assertThat(SegmentFiles.list(root.resolve(ID.toString()))).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void liveReaderDoesNotCallAHalfWrittenFrameDamage() throws IOException {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      w.append(Records.start(ID, 1));
      w.commit();
      Path segment = SegmentFiles.path(root.resolve(ID.toString()), 1);
      // A frame's first bytes, as a concurrent reader may see mid-write.
      java.nio.file.Files.write(segment, new byte[] {(byte) Frames.SYNC, Frames.KIND_ACTION, 40},
          java.nio.file.StandardOpenOption.APPEND);
      try (SessionReader r = store.reader(ID)) {
        assertThat(r.readAll()).hasSize(1);
        assertThat(r.damage()).isEmpty();
      }
    }
  }

  @Test
  void unknownSessionIsASpecificErrorNamingIt() throws IOException {
    SessionStore store = SessionStore.open(root);
    assertThatThrownBy(() -> store.reader(ID))
        .isInstanceOf(UnknownSessionException.class)
        .hasMessage("no session " + ID + " in " + root);
  }
}
