package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionDamageTest {

  private static final SessionId ID = Records.sessionId(1_719_792_000_000L, 2);

  @TempDir Path tmp;

  private final List<Action> written = new ArrayList<>();
  private byte[] segment;
  private List<Frame> frames;

  /** A frame's place in the segment. */
  record Frame(int start, int end, int kind, int payloadStart, int payloadLength) {}

  @BeforeEach
  void writeSession() throws IOException {
    SessionStore store = SessionStore.open(tmp.resolve("original"));
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      written.add(Records.start(ID, 1));
      for (int seq = 2; seq <= 21; seq++) {
        written.add(Records.click(ID, seq, Records.button("B" + (seq % 3))));
      }
      written.add(Records.end(ID, 22));
      for (Action a : written) {
        w.append(a);
      }
    }
    segment = Files.readAllBytes(segmentPath(store.root()));
    frames = new ArrayList<>();
    SegmentScanner s = new SegmentScanner(segment, 0, segment.length, (o, l) -> {
      throw new AssertionError("fresh segment has damage at " + o);
    });
    while (s.next()) {
      frames.add(new Frame(s.frameStart, s.frameEnd, s.kind, s.payloadStart, s.payloadLength));
    }
    assertThat(frames.get(frames.size() - 1).end()).isEqualTo(segment.length);
  }

  @Test
  void tornTailAtEveryByteOffsetKeepsExactlyTheWholeFramesBeforeTheCut() throws IOException {
    List<Frame> actionFrames = framesOfKind(Frames.KIND_ACTION).subList(0, 8);
    // A small segment: the session's first 8 records (with their definitions).
    byte[] small = Arrays.copyOf(segment, actionFrames.get(7).end());
    for (int cut = 0; cut <= small.length; cut++) {
      SessionStore store = storeWith(tmp.resolve("cut-" + cut), Arrays.copyOf(small, cut));
      final int c = cut;
      int lastGoodEnd = frames.stream().mapToInt(Frame::end).filter(e -> e <= c).max().orElse(0);
      int whole = (int) actionFrames.stream().filter(f -> f.end() <= c).count();
      List<Action> expected = written.subList(0, whole);

      try (SessionReader r = store.reader(ID)) {
        assertThat(r.readAll()).as("read before recovery, cut at %d", cut).isEqualTo(expected);
        if (lastGoodEnd == cut) {
          assertThat(r.damage()).as("cut at %d", cut).isEmpty();
        } else {
          assertThat(r.damage()).as("cut at %d", cut).singleElement()
              .satisfies(d -> {
                assertThat(d.kind()).isEqualTo(Damage.Kind.TORN_TAIL);
                assertThat(d.offset()).isEqualTo(lastGoodEnd);
                assertThat(d.length()).isEqualTo(c - lastGoodEnd);
                assertThat(d.file()).isEqualTo(segmentPath(store.root()));
              });
        }
      }

      RecoveryReport report = store.recover(ID);
      assertThat(report.bytesTruncated()).as("cut at %d", cut).isEqualTo(cut - lastGoodEnd);
      if (lastGoodEnd == cut) {
        assertThat(report.damage()).isEmpty();
      } else {
        assertThat(report.damage()).extracting(Damage::kind, Damage::offset)
            .containsExactly(tuple(
                Damage.Kind.TORN_TAIL, (long) lastGoodEnd));
      }
      assertThat(Files.size(segmentPath(store.root()))).isEqualTo(lastGoodEnd);
      try (SessionReader r = store.reader(ID)) {
        assertThat(r.readAll()).as("read after recovery, cut at %d", cut).isEqualTo(expected);
        assertThat(r.damage()).isEmpty();
      }
    }
  }

  @Test
  void flippedBitInAMiddleActionLosesOnlyThatAction() throws IOException {
    Frame victim = framesOfKind(Frames.KIND_ACTION).get(10);
    byte[] damaged = segment.clone();
    damaged[victim.payloadStart() + victim.payloadLength() / 2] ^= 0x10;
    SessionStore store = storeWith(tmp.resolve("flip"), damaged);

    List<Action> expected = new ArrayList<>(written);
    expected.remove(10);
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).isEqualTo(expected);
      assertThat(r.damage()).containsExactly(new Damage(segmentPath(store.root()), victim.start(),
          victim.end() - victim.start(), Damage.Kind.CORRUPT_FRAMES,
          r.damage().get(0).detail()));
    }
    // Recovery leaves middle damage in place (nothing truncated) and reports it.
    RecoveryReport report = store.recover(ID);
    assertThat(report.bytesTruncated()).isZero();
    assertThat(report.damage()).extracting(Damage::kind)
        .containsExactly(Damage.Kind.CORRUPT_FRAMES);
    assertThat(Files.readAllBytes(segmentPath(store.root()))).isEqualTo(damaged);
  }

  @Test
  void flippedBitInATargetDefinitionLosesOnlyThatTargetAndSaysSo() throws IOException {
    Frame def = framesOfKind(Frames.KIND_TARGET_DEF).get(1);
    Target lost = Target.parseFrom(
        Arrays.copyOfRange(segment, def.payloadStart(), def.payloadStart() + def.payloadLength()));
    byte[] damaged = segment.clone();
    damaged[def.payloadStart() + 2] ^= 0x01;
    SessionStore store = storeWith(tmp.resolve("flip-def"), damaged);

    List<Action> expected = written.stream()
        .map(a -> a.hasTarget() && a.getTarget().equals(lost) ? a.toBuilder().clearTarget().build() : a)
        .collect(Collectors.toList());
    assertThat(expected).isNotEqualTo(written);
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).isEqualTo(expected);
      assertThat(r.damage()).extracting(Damage::kind)
          .containsExactly(Damage.Kind.CORRUPT_FRAMES, Damage.Kind.MISSING_DEFINITION);
      Damage corrupt = r.damage().get(0);
      assertThat(corrupt.file()).isEqualTo(segmentPath(store.root()));
      assertThat(corrupt.offset()).isEqualTo(def.start());
      Damage missing = r.damage().get(1);
      assertThat(missing.detail()).contains("target definition #2 was lost");
      assertThat(missing.offset()).isGreaterThan(def.start());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void flippedBitInAFrameLengthLosesOnlyThatFrame(int bit) throws IOException {
    Frame victim = framesOfKind(Frames.KIND_ACTION).get(12);
    byte[] damaged = segment.clone();
    damaged[victim.start() + 2] ^= (byte) (1 << bit);
    SessionStore store = storeWith(tmp.resolve("flip-len"), damaged);

    List<Action> expected = new ArrayList<>(written);
    expected.remove(12);
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).isEqualTo(expected);
      assertThat(r.damage()).singleElement().satisfies(d -> {
        assertThat(d.kind()).isEqualTo(Damage.Kind.CORRUPT_FRAMES);
        assertThat(d.offset()).isEqualTo(victim.start());
        assertThat(d.length()).isEqualTo(victim.end() - victim.start());
      });
    }
  }

  @Test
  void flippedSyncAndTypeBytesLoseOnlyTheirFrames() throws IOException {
    List<Frame> actions = framesOfKind(Frames.KIND_ACTION);
    byte[] damaged = segment.clone();
    damaged[actions.get(5).start()] ^= 0x01;
    damaged[actions.get(15).start() + 1] ^= 0x08;
    SessionStore store = storeWith(tmp.resolve("flip-head"), damaged);

    List<Action> expected = new ArrayList<>(written);
    expected.remove(15);
    expected.remove(5);
    try (SessionReader r = store.reader(ID)) {
      assertThat(r.readAll()).isEqualTo(expected);
      assertThat(r.damage()).extracting(Damage::offset)
          .containsExactly((long) actions.get(5).start(), (long) actions.get(15).start());
    }
  }

  @Test
  void verifierReportsDamageWithFileAndOffsetAndFails() throws IOException {
    Frame victim = framesOfKind(Frames.KIND_ACTION).get(3);
    byte[] damaged = segment.clone();
    damaged[victim.end() - 1] ^= 0x40; // the CRC itself
    SessionStore store = storeWith(tmp.resolve("verify"), damaged);

    VerifyReport report = store.verify(ID);
    assertThat(report.ok()).isFalse();
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.damage()).extracting(Damage::kind)
        .containsExactly(Damage.Kind.CORRUPT_FRAMES, Damage.Kind.SEQ_HOLE);
    assertThat(report.describe())
        .contains("DAMAGED")
        .contains(segmentPath(store.root()) + " @" + victim.start())
        .contains("seqs 4..4 missing");
  }

  private List<Frame> framesOfKind(int kind) {
    return frames.stream().filter(f -> f.kind() == kind).collect(Collectors.toList());
  }

  private static Path segmentPath(Path root) {
    return SegmentFiles.path(root.resolve(ID.toString()), 1);
  }

  private static SessionStore storeWith(Path root, byte[] segmentBytes) throws IOException {
    Files.createDirectories(root.resolve(ID.toString()));
    Files.write(segmentPath(root), segmentBytes);
    return SessionStore.open(root);
  }
}
