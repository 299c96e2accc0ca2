package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.TextEdit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionEncryptionTest {

  private static final SessionId ID = Records.sessionId(1_719_792_000_000L, 5);
  private static final StoreKey KEY = StoreKey.of(filled(32, 7));
  private static final StoreKey OTHER = StoreKey.of(filled(32, 8));
  private static final String CANARY = "canary-7f3a-correct-horse";
  private static final Source SECRET_APP = Source.newBuilder().setAppId("com.example.payroll")
      .setAdapterId("office.uno").setWindowTitle("Salaries 2024 - confidential").build();

  @TempDir Path root;

  /** A block's place in a segment. */
  record Block(int start, int end, int payloadStart, int payloadLength) {}

  private static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  private static Action typed(SessionId s, long seq) {
    return Records.stamped(s, seq, Records.time(seq)).setSource(SECRET_APP)
        .setTarget(Records.button("Amount"))
        .setTextEdit(TextEdit.newBuilder().setText(CANARY + " #" + seq)).build();
  }

  /** start, 20 records each committed on its own (one block each), end: 22 records. */
  private List<Action> writeOneBlockPerRecord(SessionStore store, StoreOptions options) throws IOException {
    List<Action> written = new ArrayList<>();
    written.add(Records.start(ID, 1));
    for (int seq = 2; seq <= 21; seq++) {
      written.add(seq % 2 == 0 ? typed(ID, seq) : Records.click(ID, seq, Records.button("B" + seq % 3)));
    }
    written.add(Records.end(ID, 22));
    try (SessionWriter w = store.create(ID, options)) {
      for (Action a : written) {
        w.append(a);
        w.commit();
      }
    }
    return written;
  }

  private static StoreOptions encrypted() {
    return StoreOptions.builder().encryptionKey(KEY).build();
  }

  private Path segment(int n) {
    return SegmentFiles.path(root.resolve(ID.toString()), n);
  }

  private static List<Block> blocks(byte[] segment) {
    List<Block> out = new ArrayList<>();
    SegmentScanner s = new SegmentScanner(segment, 0, segment.length, (o, l) -> {
      throw new AssertionError("damage at " + o);
    });
    while (s.next()) {
      if (s.kind == Frames.KIND_ENCRYPTED_BLOCK) {
        out.add(new Block(s.frameStart, s.frameEnd, s.payloadStart, s.payloadLength));
      } else {
        assertThat(s.kind).as("only the header is in the clear").isEqualTo(Frames.KIND_SEGMENT_HEADER);
      }
    }
    return out;
  }

  /** Rewrites a frame's CRC, as someone changing the bytes on purpose would. */
  private static void fixCrc(byte[] segment, Block b) {
    CRC32C crc = new CRC32C();
    int payloadEnd = b.payloadStart() + b.payloadLength();
    crc.update(segment, b.start(), payloadEnd - b.start());
    Frames.writeIntLe(segment, payloadEnd, (int) crc.getValue());
  }

  private byte[] sessionBytes() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.write(Files.readAllBytes(f));
      }
    }
    return all.toByteArray();
  }

  @Test
  void roundTripsEveryKindExactlyAndVerifiesEveryTag() throws IOException {
    SessionStore store = SessionStore.open(root);
    List<Action> written = Records.everyKind(ID);
    try (SessionWriter w = store.create(ID, encrypted())) {
      for (Action a : written) {
        w.append(a);
      }
    }
    try (SessionReader r = store.withKey(KEY).reader(ID)) {
      assertThat(r.readAll()).containsExactlyElementsOf(written);
      assertThat(r.damage()).isEmpty();
    }
    VerifyReport report = store.withKey(KEY).verify(ID);
    assertThat(report.ok()).as(report.describe()).isTrue();
    assertThat(report.records()).isEqualTo(written.size());
  }

  @Test
  void segmentHeaderNamesTheKeyByFingerprintAndEverythingElseIsInBlocks() throws IOException {
    writeOneBlockPerRecord(SessionStore.open(root), encrypted());
    byte[] seg = Files.readAllBytes(segment(1));
    SegmentScanner s = new SegmentScanner(seg, 0, seg.length, (o, l) -> { });
    assertThat(s.next()).isTrue();
    assertThat(s.kind).isEqualTo(Frames.KIND_SEGMENT_HEADER);
    assertThat(seg[s.payloadStart]).isEqualTo((byte) Frames.FORMAT_VERSION_ENCRYPTED);
    assertThat(StoreKey.fingerprint(Frames.headerKeyId(seg, s.payloadStart, s.payloadLength)))
        .isEqualTo(KEY.fingerprint());
    assertThat(blocks(seg)).hasSize(22);
  }

  @Test
  void noPlaintextOfTheRecordsOrTheirAppsIsOnDisk() throws IOException {
    SessionStore store = SessionStore.open(root);
    writeOneBlockPerRecord(store, encrypted());
    String disk = new String(sessionBytes(), StandardCharsets.ISO_8859_1);
    assertThat(disk).doesNotContain(CANARY, "canary", "com.example.payroll", "Salaries", "chromium", "Submit",
        "Amount", "Login - Example");

    // The same session in the clear does hold them: the search above can find what is there.
    Path clear = root.resolveSibling(root.getFileName() + "-clear");
    SessionStore plain = SessionStore.open(clear);
    try (SessionWriter w = plain.create(ID, StoreOptions.defaults())) {
      w.append(typed(ID, 1));
    }
    assertThat(new String(Files.readAllBytes(SegmentFiles.path(clear.resolve(ID.toString()), 1)),
        StandardCharsets.ISO_8859_1)).contains(CANARY, "com.example.payroll");
    assertThat(Files.readString(clear.resolve(ID.toString()).resolve(SummaryAccumulator.FILE_NAME)))
        .contains("com.example.payroll");
  }

  @Test
  void listingShowsCountsButHidesAppsWithoutTheKey() throws IOException {
    SessionStore store = SessionStore.open(root);
    writeOneBlockPerRecord(store, encrypted());
    SessionSummary hidden = store.summary(ID);
    assertThat(hidden.encrypted()).isTrue();
    assertThat(hidden.keyFingerprint()).isEqualTo(KEY.fingerprint());
    assertThat(hidden.appIdsHidden()).isTrue();
    assertThat(hidden.appIds()).isEmpty();
    assertThat(hidden.actionCount()).isEqualTo(20);
    assertThat(hidden.closedCleanly()).isTrue();

    SessionSummary shown = store.withKey(KEY).summary(ID);
    assertThat(shown.appIdsHidden()).isFalse();
    assertThat(shown.appIds()).containsExactly("chromium", "com.example.payroll");
    assertThat(store.withKey(OTHER).summary(ID).appIdsHidden()).isTrue();
  }

  @Test
  void unclosedEncryptedSessionIsListedAsHiddenWithoutTheKey() throws IOException {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(ID, encrypted())) {
      w.append(typed(ID, 1));
      w.commit();
      SessionSummary live = store.summary(ID);
      assertThat(live.active()).isTrue();
      assertThat(live.appIdsHidden()).isTrue();
      assertThat(live.keyFingerprint()).isEqualTo(KEY.fingerprint());
      assertThat(live.startTimeUnixNano()).isEqualTo(ID.unixMillis() * 1_000_000L);
      assertThat(store.withKey(KEY).summary(ID).appIds()).containsExactly("com.example.payroll");
    }
  }

  @Test
  void readingWithoutAKeyFailsClearlyAndReturnsNothing() throws IOException {
    SessionStore store = SessionStore.open(root);
    writeOneBlockPerRecord(store, encrypted());
    try (SessionReader r = store.reader(ID)) {
      assertThatThrownBy(r::hasNext)
          .isInstanceOf(SessionKeyException.class)
          .hasMessage("session " + ID + " is encrypted with key " + KEY.fingerprint() + " and no key was given")
          .satisfies(e -> assertThat(((SessionKeyException) e).keyMissing()).isTrue());
    }
    assertThatThrownBy(() -> store.verify(ID)).isInstanceOf(SessionKeyException.class);
  }

  @Test
  void readingWithTheWrongKeyNamesBothFingerprintsAndReturnsNothing() throws IOException {
    SessionStore store = SessionStore.open(root);
    writeOneBlockPerRecord(store, encrypted());
    try (SessionReader r = store.withKey(OTHER).reader(ID)) {
      assertThatThrownBy(r::hasNext)
          .isInstanceOf(SessionKeyException.class)
          .hasMessage("session " + ID + " is encrypted with key " + KEY.fingerprint()
              + "; the key given has fingerprint " + OTHER.fingerprint())
          .satisfies(e -> {
            SessionKeyException k = (SessionKeyException) e;
            assertThat(k.keyMissing()).isFalse();
            assertThat(k.sessionKeyFingerprint()).isEqualTo(KEY.fingerprint());
            assertThat(k.givenKeyFingerprint()).isEqualTo(OTHER.fingerprint());
          });
    }
    assertThatThrownBy(() -> store.withKey(OTHER).verify(ID)).isInstanceOf(SessionKeyException.class);
  }

  @Test
  void wrongKeyWithTheHeaderLostFailsEveryTagInsteadOfReturningGarbage() throws IOException {
    SessionStore store = SessionStore.open(root);
    writeOneBlockPerRecord(store, encrypted());
    byte[] seg = Files.readAllBytes(segment(1));
    seg[1] ^= 0x40; // the header frame's type byte: the header is unreadable now
    Files.write(segment(1), seg);
    try (SessionReader r = store.withKey(OTHER).reader(ID)) {
      assertThat(r.readAll()).isEmpty();
      assertThat(r.damage()).extracting(Damage::kind).startsWith(Damage.Kind.CORRUPT_FRAMES)
          .containsOnly(Damage.Kind.CORRUPT_FRAMES, Damage.Kind.AUTHENTICATION_FAILED).hasSize(23);
    }
    try (SessionReader r = store.reader(ID)) {
      assertThatThrownBy(r::hasNext).isInstanceOf(SessionKeyException.class)
          .hasMessage("session " + ID + " is encrypted and no key was given");
    }
  }

  @Test
  void tamperedCiphertextInOneBlockIsReportedWithFileAndOffsetAndTheOtherBlocksAreKept() throws IOException {
    SessionStore store = SessionStore.open(root);
    List<Action> written = writeOneBlockPerRecord(store, encrypted());
    byte[] seg = Files.readAllBytes(segment(1));
    Block victim = blocks(seg).get(5); // seq 6
    seg[victim.payloadStart() + BlockCipher.NONCE_BYTES + 3] ^= 0x01;
    fixCrc(seg, victim); // the CRC checks: only the tag can tell
    Files.write(segment(1), seg);

    List<Action> expected = new ArrayList<>(written);
    expected.remove(5);
    try (SessionReader r = store.withKey(KEY).reader(ID)) {
      assertThat(r.readAll()).isEqualTo(expected);
      assertThat(r.damage()).singleElement().satisfies(d -> {
        assertThat(d.kind()).isEqualTo(Damage.Kind.AUTHENTICATION_FAILED);
        assertThat(d.file()).isEqualTo(segment(1));
        assertThat(d.offset()).isEqualTo(victim.start());
        assertThat(d.length()).isEqualTo(victim.end() - victim.start());
        assertThat(d.detail()).startsWith("authentication failed: wrong key or tampered data at seg-00000001.log:"
            + victim.start());
      });
    }
    VerifyReport report = store.withKey(KEY).verify(ID);
    assertThat(report.ok()).isFalse();
    assertThat(report.damage()).extracting(Damage::kind)
        .containsExactly(Damage.Kind.AUTHENTICATION_FAILED, Damage.Kind.SEQ_HOLE);
    assertThat(report.describe()).contains("seg-00000001.log @" + victim.start(), "seqs 6..6 missing");
  }

  @Test
  void tamperedNonceAndTagAreCaughtToo() throws IOException {
    SessionStore store = SessionStore.open(root);
    writeOneBlockPerRecord(store, encrypted());
    byte[] seg = Files.readAllBytes(segment(1));
    List<Block> blocks = blocks(seg);
    Block nonce = blocks.get(3);
    Block tag = blocks.get(9);
    seg[nonce.payloadStart()] ^= 0x02;
    seg[tag.payloadStart() + tag.payloadLength() - 1] ^= 0x02;
    fixCrc(seg, nonce);
    fixCrc(seg, tag);
    Files.write(segment(1), seg);
    try (SessionReader r = store.withKey(KEY).reader(ID)) {
      assertThat(r.readAll()).hasSize(20);
      assertThat(r.damage()).extracting(Damage::offset)
          .containsExactly((long) nonce.start(), (long) tag.start());
    }
  }

  @Test
  void blocksMovedToAnotherPlaceDoNotAuthenticate() throws IOException {
    SessionStore store = SessionStore.open(root);
    List<Action> written = writeOneBlockPerRecord(store, encrypted());
    byte[] seg = Files.readAllBytes(segment(1));
    List<Block> blocks = blocks(seg);
    // Two clicks of the same shape: equal lengths, so they can trade places with valid CRCs.
    Block a = blocks.get(8);
    Block b = blocks.get(14);
    assertThat(a.end() - a.start()).isEqualTo(b.end() - b.start());
    byte[] swapped = seg.clone();
    System.arraycopy(seg, a.start(), swapped, b.start(), a.end() - a.start());
    System.arraycopy(seg, b.start(), swapped, a.start(), b.end() - b.start());
    Files.write(segment(1), swapped);

    List<Action> expected = new ArrayList<>(written);
    expected.remove(14);
    expected.remove(8);
    try (SessionReader r = store.withKey(KEY).reader(ID)) {
      assertThat(r.readAll()).isEqualTo(expected);
      assertThat(r.damage()).extracting(Damage::kind, Damage::offset).containsExactly(
          tuple(Damage.Kind.AUTHENTICATION_FAILED, (long) a.start()),
          tuple(Damage.Kind.AUTHENTICATION_FAILED, (long) b.start()));
    }
  }

  @Test
  void tornTailInAnEncryptedSegmentKeepsTheWholeBlocksAndRecoversWithoutTheKey() throws IOException {
    SessionStore original = SessionStore.open(root.resolve("original"));
    List<Action> written = writeOneBlockPerRecord(original, encrypted());
    byte[] seg = Files.readAllBytes(SegmentFiles.path(root.resolve("original").resolve(ID.toString()), 1));
    List<Block> blocks = blocks(seg);
    Block last = blocks.get(blocks.size() - 1);
    for (int cut = blocks.get(blocks.size() - 3).end(); cut <= seg.length; cut++) {
      Path dir = Files.createDirectories(root.resolve("cut-" + cut).resolve(ID.toString()));
      Files.write(SegmentFiles.path(dir, 1), Arrays.copyOf(seg, cut));
      SessionStore store = SessionStore.open(dir.getParent());
      final int c = cut;
      int whole = (int) blocks.stream().filter(bl -> bl.end() <= c).count();
      try (SessionReader r = store.withKey(KEY).reader(ID)) {
        assertThat(r.readAll()).as("cut at %d", cut).isEqualTo(written.subList(0, whole));
        if (cut == seg.length || cut == blocks.get(whole - 1).end()) {
          assertThat(r.damage()).isEmpty();
        } else {
          assertThat(r.damage()).singleElement().extracting(Damage::kind).isEqualTo(Damage.Kind.TORN_TAIL);
        }
      }
      RecoveryReport report = store.recover(ID); // no key: cutting torn tails needs none
      assertThat(Files.size(SegmentFiles.path(dir, 1))).isEqualTo(blocks.get(whole - 1).end());
      assertThat(report.bytesTruncated()).isEqualTo(cut - blocks.get(whole - 1).end());
      try (SessionReader r = store.withKey(KEY).reader(ID)) {
        assertThat(r.readAll()).hasSize(whole);
        assertThat(r.damage()).isEmpty();
      }
    }
    assertThat(last.end()).isEqualTo(seg.length);
  }

  @Test
  void recoveryWithTheKeyWritesASummaryThatStillHidesTheApps() throws IOException {
    SessionStore store = SessionStore.open(root);
    writeOneBlockPerRecord(store, encrypted());
    Path summary = root.resolve(ID.toString()).resolve(SummaryAccumulator.FILE_NAME);
    Files.delete(summary);
    store.withKey(KEY).recover(ID);
    assertThat(Files.readString(summary)).contains("keyId=" + KEY.fingerprint()).doesNotContain("payroll", "chromium");
    assertThat(store.withKey(KEY).summary(ID).appIds()).containsExactly("chromium", "com.example.payroll");
  }

  @Test
  void rotationStartsEveryEncryptedSegmentWithItsOwnHeaderAndSeekWorks() throws IOException {
    SessionStore store = SessionStore.open(root);
    Records.ManualClock clock = new Records.ManualClock();
    List<Action> written = new ArrayList<>();
    written.add(Records.start(ID, 1));
    for (int seq = 2; seq < 600; seq++) {
      written.add(seq % 3 == 0 ? typed(ID, seq) : Records.click(ID, seq, Records.button("B" + seq % 5)));
    }
    written.add(Records.end(ID, 600));
    try (SessionWriter w = store.create(ID, StoreOptions.builder().encryptionKey(KEY)
        .segmentMaxBytes(4096).clock(clock).build())) {
      for (int i = 0; i < written.size(); i++) {
        w.append(written.get(i));
        if (i % 7 == 0) {
          w.commit();
        }
      }
    }
    List<Path> segments = SegmentFiles.list(root.resolve(ID.toString()));
    assertThat(segments).hasSizeGreaterThan(5);
    for (Path p : segments) {
      byte[] seg = Files.readAllBytes(p);
      assertThat(seg.length).as("%s", p).isLessThanOrEqualTo(4096 + 512); // definitions are not in the rotation estimate
      assertThat(blocks(seg)).as("%s", p).isNotEmpty();
    }
    SessionStore keyed = store.withKey(KEY);
    try (SessionReader r = keyed.reader(ID)) {
      assertThat(r.readAll()).isEqualTo(written);
    }
    try (SessionReader r = keyed.reader(ID).seekToSeq(450)) {
      assertThat(r.next().getSeq()).isEqualTo(450);
    }
    assertThat(keyed.verify(ID).ok()).isTrue();

    // A segment renamed to another's place fails every tag: blocks are bound to their segment.
    byte[] third = Files.readAllBytes(segments.get(2));
    Files.write(segments.get(3), third);
    VerifyReport report = keyed.verify(ID);
    assertThat(report.damage()).extracting(Damage::kind).contains(Damage.Kind.AUTHENTICATION_FAILED);
    assertThat(report.damage()).filteredOn(d -> d.kind() == Damage.Kind.AUTHENTICATION_FAILED)
        .allSatisfy(d -> assertThat(d.file()).isEqualTo(segments.get(3)));
  }

  @Test
  void largeCommitsAreSplitIntoBoundedBlocks() throws IOException {
    SessionStore store = SessionStore.open(root);
    List<Action> written = new ArrayList<>();
    try (SessionWriter w = store.create(ID, encrypted())) {
      for (int seq = 1; seq <= 3000; seq++) {
        Action a = typed(ID, seq);
        written.add(a);
        w.append(a);
      }
    }
    byte[] seg = Files.readAllBytes(segment(1));
    List<Block> blocks = blocks(seg);
    assertThat(blocks).hasSizeGreaterThan(1).allSatisfy(b ->
        assertThat(b.payloadLength()).isLessThan(SessionWriter.BLOCK_PLAIN_MAX + 1024 + BlockCipher.OVERHEAD));
    try (SessionReader r = store.withKey(KEY).reader(ID)) {
      assertThat(r.readAll()).isEqualTo(written);
    }
  }

  @Test
  void liveReaderSeesEachCommittedBlockAndNothingHalfWritten() throws IOException {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(ID, encrypted());
        SessionReader r = store.withKey(KEY).reader(ID)) {
      assertThat(r.live()).isTrue();
      assertThat(r.hasNext()).isFalse();
      w.append(Records.start(ID, 1));
      w.append(typed(ID, 2));
      assertThat(r.hasNext()).as("appended, not committed").isFalse();
      w.commit();
      assertThat(r.readAll()).extracting(Action::getSeq).containsExactly(1L, 2L);
      w.append(typed(ID, 3));
      w.commit();
      assertThat(r.readAll()).extracting(Action::getSeq).containsExactly(3L);
      assertThat(r.damage()).isEmpty();
    }
  }
}
