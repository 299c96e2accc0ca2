package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionWriterTest {

  private static final SessionId ID = Records.sessionId(1_719_792_000_000L, 1);

  @TempDir Path root;

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"DURABILITY_PROCESS_SAFE", "DURABILITY_POWER_SAFE"})
  void roundTripsEveryKindExactly(Durability durability) throws Exception {
    SessionStore store = SessionStore.open(root);
    List<Action> written = Records.everyKind(ID);
    try (SessionWriter w = store.create(ID, StoreOptions.builder().durability(durability).build())) {
      assertThat(w.durability()).isEqualTo(durability);
      for (Action a : written) {
        w.append(a);
      }
      assertThat(w.acknowledgedSeq()).isZero();
      assertThat(w.commit()).isEqualTo(written.size());
      assertThat(w.acknowledgedSeq()).isEqualTo(written.size());
    }
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).containsExactlyElementsOf(written);
      assertThat(r.damage()).isEmpty();
    }
  }

  @Test
  void appendingARecordUnstampedWritesTheSameBytesAsAppendingItStamped() throws Exception {
    List<Action> records = Records.everyKind(ID);
    SessionId other = Records.sessionId(1_719_792_000_000L, 2);
    Path stampedRoot = Files.createDirectory(root.resolve("stamped"));
    Path unstampedRoot = Files.createDirectory(root.resolve("unstamped"));
    try (SessionWriter w = SessionStore.open(stampedRoot).create(ID, StoreOptions.defaults())) {
      for (Action a : records) {
        w.append(a);
      }
      // A foreign session id and an id that is not derived are stored as given.
      w.append(records.get(1).toBuilder().setSeq(100).setSessionId(ByteString.copyFrom(other.bytes()))
          .setId(ByteString.copyFromUtf8("foreign-id-16byt")).build());
    }
    try (SessionWriter w = SessionStore.open(unstampedRoot).create(ID, StoreOptions.defaults())) {
      for (Action a : records) {
        w.append(a.toBuilder().clearSeq().clearSessionId().clearId().build(), a.getSeq(), a.getSessionId(), a.getId());
      }
      w.append(records.get(1).toBuilder().clearSeq().clearSessionId().clearId().build(), 100,
          ByteString.copyFrom(other.bytes()), ByteString.copyFromUtf8("foreign-id-16byt"));
      assertThatThrownBy(() -> w.append(records.get(1), 101, ByteString.EMPTY, ByteString.EMPTY))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unstamped");
    }
    Path stampedDir = stampedRoot.resolve(ID.toString());
    Path unstampedDir = unstampedRoot.resolve(ID.toString());
    try (var files = Files.list(stampedDir)) {
      List<Path> segments = files.filter(p -> p.getFileName().toString().startsWith("seg-")).toList();
      assertThat(segments).isNotEmpty();
      for (Path f : segments) {
        assertThat(Files.readAllBytes(unstampedDir.resolve(f.getFileName()))).as(f.getFileName().toString())
            .isEqualTo(Files.readAllBytes(f));
      }
    }
    try (SessionReader r = SessionStore.open(unstampedRoot).reader(ID)) {
      assertThat(r.readAll()).hasSize(records.size() + 1).startsWith(records.toArray(new Action[0]));
    }
  }

  @Test
  void keepsForeignIdsSessionIdsAndUnknownFields() throws Exception {
    SessionStore store = SessionStore.open(root);
    UnknownFieldSet unknown = UnknownFieldSet.newBuilder()
        .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build();
    UnknownFieldSet group = UnknownFieldSet.newBuilder()
        .addField(98, UnknownFieldSet.Field.newBuilder().addGroup(unknown).build()).build();
    Target t = Records.button("Go");
    List<Action> written = List.of(
        Records.stamped(ID, 1, Records.time(1)).setId(ByteString.copyFromUtf8("foreign-id-16byt"))
            .setSource(Records.BROWSER).setTarget(t).setFocus(Focus.getDefaultInstance()).build(),
        Records.stamped(ID, 2, Records.time(2)).clearId().clearSessionId()
            .setSource(Records.BROWSER).setFocus(Focus.getDefaultInstance()).build(),
        Records.stamped(ID, 3, Records.time(3))
            .setSessionId(ByteString.copyFrom(Records.sessionId(5, 5).bytes()))
            .setTarget(t).setFocus(Focus.getDefaultInstance()).setUnknownFields(unknown).build(),
        Records.stamped(ID, 4, Records.time(4)).setSource(Records.BROWSER).setTarget(t)
            .setFocus(Focus.getDefaultInstance()).setUnknownFields(group).build(),
        Records.stamped(ID, 5, Records.time(5)).setSource(Records.BROWSER.toBuilder().clear())
            .setTarget(Target.getDefaultInstance()).build());
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      for (Action a : written) {
        w.append(a);
      }
    }
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).containsExactlyElementsOf(written);
    }
  }

  @Test
  void dictionariesWriteEachSourceAndTargetOncePerSegment() throws Exception {
    SessionStore store = SessionStore.open(root);
    List<Action> written = new ArrayList<>();
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      for (int seq = 1; seq <= 100; seq++) {
        // New but equal Target objects each time: the dictionary matches by value.
        Action a = Records.click(ID, seq, Records.button("B" + (seq % 4)));
        written.add(a);
        w.append(a);
      }
    }
    Path segment = SegmentFiles.path(root.resolve(ID.toString()), 1);
    byte[] data = Files.readAllBytes(segment);
    int[] kinds = new int[5];
    SegmentScanner s = new SegmentScanner(data, 0, data.length, (o, l) -> { });
    while (s.next()) {
      kinds[s.kind]++;
    }
    assertThat(kinds[Frames.KIND_SEGMENT_HEADER]).isEqualTo(1);
    assertThat(kinds[Frames.KIND_SOURCE_DEF]).isEqualTo(1);
    assertThat(kinds[Frames.KIND_TARGET_DEF]).isEqualTo(4);
    assertThat(kinds[Frames.KIND_ACTION]).isEqualTo(100);
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).containsExactlyElementsOf(written);
    }
  }

  @Test
  void writesInlineWhenDictionaryIsFull() throws Exception {
    SessionStore store = SessionStore.open(root);
    List<Action> written = new ArrayList<>();
    try (SessionWriter w = store.create(ID, StoreOptions.builder().dictionaryMaxEntries(2).build())) {
      for (int seq = 1; seq <= 10; seq++) {
        Action a = Records.click(ID, seq, Records.button("B" + seq));
        written.add(a);
        w.append(a);
      }
    }
    byte[] data = Files.readAllBytes(SegmentFiles.path(root.resolve(ID.toString()), 1));
    int targetDefs = 0;
    SegmentScanner s = new SegmentScanner(data, 0, data.length, (o, l) -> { });
    while (s.next()) {
      targetDefs += s.kind == Frames.KIND_TARGET_DEF ? 1 : 0;
    }
    assertThat(targetDefs).isEqualTo(2);
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).containsExactlyElementsOf(written);
    }
  }

  @Test
  void rotatesBySizeAndEachSegmentStandsAlone() throws Exception {
    SessionStore store = SessionStore.open(root);
    List<Action> written = new ArrayList<>();
    StoreOptions options = StoreOptions.builder().segmentMaxBytes(4096).build();
    try (SessionWriter w = store.create(ID, options)) {
      for (int seq = 1; seq <= 500; seq++) {
        Action a = Records.click(ID, seq, Records.button("B" + (seq % 3)));
        written.add(a);
        w.append(a);
        if (seq % 7 == 0) {
          w.commit();
        }
      }
    }
    Path dir = root.resolve(ID.toString());
    List<Path> segments = SegmentFiles.list(dir);
    assertThat(segments).hasSizeGreaterThan(2);
    for (Path p : segments) {
      assertThat(Files.size(p)).isLessThanOrEqualTo(4096);
    }
    // Delete the first segment: the second still decodes fully (its own dictionary).
    Files.delete(segments.get(0));
    try (SessionReader r = store.reader(ID)) {
      List<Action> read = r.readAll();
      assertThat(r.damage()).isEmpty();
      assertThat(read).isEqualTo(written.subList(written.size() - read.size(), written.size()));
    }
  }

  @Test
  void oneCommitCoversSeveralRotationsAndCreatesSegmentsOnlyThen() throws Exception {
    SessionStore store = SessionStore.open(root);
    List<Action> written = new ArrayList<>();
    StoreOptions options = StoreOptions.builder().segmentMaxBytes(4096)
        .durability(Durability.DURABILITY_POWER_SAFE).build();
    Path dir = root.resolve(ID.toString());
    try (SessionWriter w = store.create(ID, options)) {
      for (int seq = 1; seq <= 1000; seq++) {
        Action a = Records.click(ID, seq, Records.button("B" + (seq % 9)));
        written.add(a);
        w.append(a);
      }
      assertThat(SegmentFiles.list(dir)).hasSize(1);
      assertThat(w.commit()).isEqualTo(1000);
      assertThat(SegmentFiles.list(dir)).hasSizeGreaterThan(3);
    }
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).containsExactlyElementsOf(written);
      assertThat(r.damage()).isEmpty();
    }
  }

  @Test
  void rotatesByAgeOnTheInjectedClock() throws Exception {
    SessionStore store = SessionStore.open(root);
    Records.ManualClock clock = new Records.ManualClock();
    StoreOptions options = StoreOptions.builder().segmentMaxAge(Duration.ofMinutes(10))
        .clock(clock).build();
    List<Action> written = new ArrayList<>();
    try (SessionWriter w = store.create(ID, options)) {
      for (int seq = 1; seq <= 9; seq++) {
        Action a = Records.click(ID, seq, Records.button("Next"));
        written.add(a);
        w.append(a);
        w.commit();
        if (seq % 3 == 0) {
          clock.nanos += Duration.ofMinutes(10).toNanos();
        }
      }
    }
    assertThat(SegmentFiles.list(root.resolve(ID.toString()))).hasSize(3);
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).containsExactlyElementsOf(written);
    }
  }

  @Test
  void commitMakesRecordsVisibleToReadersAndAppendAloneDoesNot() throws Exception {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      w.append(Records.start(ID, 1));
      w.append(Records.click(ID, 2, Records.button("A")));
      try (SessionReader r = store.reader(ID)) {
        assertThat(r.hasNext()).isFalse();
      }
      assertThat(w.commit()).isEqualTo(2);
      try (SessionReader r = store.reader(ID)) {
        assertThat(r.readAll()).hasSize(2);
      }
    }
  }

  @Test
  void refusesNonIncreasingSeqWithoutWritingIt() throws Exception {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      w.append(Records.start(ID, 1));
      assertThatThrownBy(() -> w.append(Records.click(ID, 1, Records.button("A"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("seq must increase: got 1 after 1");
      w.append(Records.click(ID, 2, Records.button("A")));
    }
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).extracting(Action::getSeq).containsExactly(1L, 2L);
    }
  }

  @Test
  void refusesAppendAfterCloseAndASecondSessionWithTheSameId() throws Exception {
    SessionStore store = SessionStore.open(root);
    SessionWriter w = store.create(ID, StoreOptions.defaults());
    w.close();
    w.close();
    assertThatThrownBy(() -> w.append(Records.start(ID, 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> store.create(ID, StoreOptions.defaults()))
        .isInstanceOf(StoreException.class).hasMessageContaining(ID + " already exists");
  }
}
