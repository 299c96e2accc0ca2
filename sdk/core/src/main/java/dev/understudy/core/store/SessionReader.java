package dev.understudy.core.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads a session's records in order, exactly as they were appended (session id, derived ids,
 * sources and targets restored).
 *
 * <p>Damaged sessions: frames whose CRC fails are skipped and the intact frames after them
 * salvaged; a torn tail is skipped; an action whose source or target definition was lost comes back
 * without that field. Each is listed in {@link #damage()}; reading never throws for damage, only
 * for files that cannot be read at all ({@link StoreException}).
 *
 * <p>Live sessions (a writer holds the session): the reader returns what has been written so far;
 * when {@link #hasNext()} has returned false, a later call sees records committed since. An
 * incomplete frame at the end of the segment being written is not damage there, only not yet
 * there.
 *
 * <p>Encrypted sessions: the reader needs the session's key ({@link SessionStore#withKey}). Without
 * it, or with another key, reading throws {@link SessionKeyException} before any record is
 * returned. A block whose authentication tag does not check (tampered, or moved from elsewhere) is
 * reported as {@link Damage.Kind#AUTHENTICATION_FAILED} and skipped; the blocks after it are read.
 *
 * <p>Seeking ({@link #seekToSeq}, {@link #seekToTime}) picks the starting segment from the first
 * record of each segment, so damage in segments it skips is not reported. Not thread-safe; holds no
 * open files between calls.
 */
public final class SessionReader implements AutoCloseable {

  private static final int PEEK_BYTES = 64 * 1024;

  private final Path dir;
  private final SessionId id;
  private final StoreKey key;
  private final ByteString idBytes;
  private final long sessionHash;
  private final boolean live;
  private final List<Damage> damage = new ArrayList<>();
  private final Map<Integer, Source> sources = new HashMap<>();
  private final Map<Integer, Target> targets = new HashMap<>();
  private final Set<Long> missingReported = new HashSet<>();
  private final SegmentScanner.DamageSink corruptSink = this::corrupt;

  private List<Path> segments = Collections.emptyList();
  private int segIndex = -1;
  private Path file;
  private byte[] chunk;
  private long chunkBase;
  private SegmentScanner scanner;
  private int segmentNumber;
  /** Created at the first encrypted segment header or block. */
  private BlockCipher cipher;
  /** Frames of the encrypted block being read; null when none is. */
  private SegmentScanner inner;
  private byte[] innerData;
  private long blockOffset;
  private long blockLength;
  private final SegmentScanner.DamageSink innerCorruptSink = (o, l) -> innerCorrupt(l);

  private Action pending;
  private boolean started;
  private long fromSeq = Long.MIN_VALUE;
  private long fromTime = Long.MIN_VALUE;
  private boolean filtering;
  private long framesRead;
  private Path lastFile;
  private long lastOffset;
  private long lastLength;

  SessionReader(Path dir, SessionId id, boolean live, StoreKey key) {
    this.dir = dir;
    this.id = id;
    this.key = key;
    this.idBytes = ByteString.copyFrom(id.rawBytes());
    this.sessionHash = ActionIds.sessionHash(id.rawBytes());
    this.live = live;
  }

  /** True when a writer held the session as this reader was opened. */
  public boolean live() {
    return live;
  }

  /**
   * Starts reading at the first record whose seq is at least {@code seq}. Call before reading.
   *
   * @throws IllegalStateException when records were already read
   */
  public SessionReader seekToSeq(long seq) throws IOException {
    startAt(seq, true);
    fromSeq = seq;
    return this;
  }

  /**
   * Starts reading at the first record whose {@code time_unix_nano} is at least {@code
   * timeUnixNano}, then reads on in seq order. Segments are chosen by the time of their first record,
   * which assumes times rise with seq as the runtime stamps them. Call before reading.
   *
   * @throws IllegalStateException when records were already read
   */
  public SessionReader seekToTime(long timeUnixNano) throws IOException {
    startAt(timeUnixNano, false);
    fromTime = timeUnixNano;
    return this;
  }

  /** True when another record can be read now. */
  public boolean hasNext() throws IOException {
    if (pending == null) {
      pending = advance();
    }
    return pending != null;
  }

  /** The next record. @throws NoSuchElementException when {@link #hasNext()} is false */
  public Action next() throws IOException {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in session " + dir.getFileName());
    }
    Action a = pending;
    pending = null;
    return a;
  }

  /** Reads every remaining record into a list. */
  public List<Action> readAll() throws IOException {
    List<Action> out = new ArrayList<>();
    while (hasNext()) {
      out.add(next());
    }
    return out;
  }

  /** The damage met so far, in the order found. */
  public List<Damage> damage() {
    return Collections.unmodifiableList(damage);
  }

  /**
   * Frames whose CRC checked, so far (definitions and headers included; in encrypted sessions the
   * blocks and the frames inside them).
   */
  long framesRead() {
    return framesRead;
  }

  /** Segment file of the record last returned by {@link #hasNext()}. */
  Path recordFile() {
    return lastFile;
  }

  /** Offset in its segment of that record's frame. */
  long recordOffset() {
    return lastOffset;
  }

  /** Length of that record's frame. */
  long recordLength() {
    return lastLength;
  }

  /** The cipher of the encrypted session read; null when no encrypted frame was met. */
  BlockCipher cipher() {
    return cipher;
  }

  @Override
  public void close() {
    scanner = null;
    chunk = null;
    inner = null;
    innerData = null;
  }

  private void startAt(long key, boolean bySeq) throws IOException {
    if (started) {
      throw new IllegalStateException("seek before reading");
    }
    filtering = true;
    segments = SegmentFiles.list(dir);
    int start = 0;
    for (int i = segments.size() - 1; i > 0; i--) {
      Action first = firstAction(segments.get(i));
      if (first != null && (bySeq ? first.getSeq() : first.getTimeUnixNano()) <= key) {
        start = i;
        break;
      }
    }
    segIndex = start - 1;
  }

  /**
   * The first action of a segment, as stored (only seq and time are needed), or null (also when it
   * is encrypted and cannot be opened: reading then says why).
   */
  private Action firstAction(Path segment) throws IOException {
    for (long max = PEEK_BYTES; ; max = Long.MAX_VALUE) {
      byte[] data = SegmentFiles.read(segment, 0, max);
      SegmentScanner s = new SegmentScanner(data, 0, data.length, (o, l) -> { });
      while (s.next()) {
        Action a = null;
        if (s.kind == Frames.KIND_ACTION) {
          a = storedAction(data, s);
        } else if (s.kind == Frames.KIND_ENCRYPTED_BLOCK && key != null) {
          byte[] plain = cipherFor().open(data, s.payloadStart, s.payloadLength,
              SegmentFiles.number(segment), s.frameStart);
          SegmentScanner f = plain == null ? null
              : new SegmentScanner(plain, 0, plain.length, (o, l) -> { });
          while (a == null && f != null && f.next()) {
            a = f.kind == Frames.KIND_ACTION ? storedAction(plain, f) : null;
          }
        }
        if (a != null) {
          return a;
        }
      }
      if (data.length < max) {
        return null;
      }
    }
  }

  private static Action storedAction(byte[] data, SegmentScanner s) {
    try {
      return Action.parser().parseFrom(data, s.payloadStart, s.payloadLength);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  private Action advance() throws IOException {
    started = true;
    while (true) {
      if (scanner == null && !openNextSegment()) {
        return null;
      }
      Action a = nextInSegment();
      if (a != null) {
        return a;
      }
      if (!readOnOrFinishSegment()) {
        return null;
      }
    }
  }

  /** The next wanted record in the segment's bytes read so far; null when the scanner stopped. */
  private Action nextInSegment() throws IOException {
    while (true) {
      if (inner != null) {
        while (inner.next()) {
          framesRead++;
          Action a = decode(inner, innerData);
          if (a != null && wanted(a)) {
            lastFile = file;
            lastOffset = blockOffset;
            lastLength = blockLength;
            return a;
          }
        }
        if (inner.tailStart() < innerData.length) {
          innerCorrupt(innerData.length - inner.tailStart());
        }
        inner = null;
        innerData = null;
      }
      if (!scanner.next()) {
        return null;
      }
      framesRead++;
      if (scanner.kind == Frames.KIND_ENCRYPTED_BLOCK) {
        openBlock();
        continue;
      }
      Action a = decode(scanner, chunk);
      if (a != null && wanted(a)) {
        lastFile = file;
        lastOffset = chunkBase + scanner.frameStart;
        lastLength = scanner.frameEnd - scanner.frameStart;
        return a;
      }
    }
  }

  /** Decrypts the block frame the scanner is on; a block that does not authenticate is damage. */
  private void openBlock() throws SessionKeyException {
    if (key == null) {
      throw SessionKeyException.missing(id, "");
    }
    blockOffset = chunkBase + scanner.frameStart;
    blockLength = scanner.frameEnd - scanner.frameStart;
    byte[] plain = cipherFor().open(chunk, scanner.payloadStart, scanner.payloadLength,
        segmentNumber, blockOffset);
    if (plain == null) {
      damage.add(new Damage(file, blockOffset, blockLength, Damage.Kind.AUTHENTICATION_FAILED,
          "authentication failed: wrong key or tampered data at " + file.getFileName() + ":"
              + blockOffset + "; the records in this block were skipped, the blocks after it kept"));
      return;
    }
    innerData = plain;
    inner = new SegmentScanner(plain, 0, plain.length, innerCorruptSink);
  }

  private BlockCipher cipherFor() {
    if (cipher == null) {
      cipher = new BlockCipher(key, id);
    }
    return cipher;
  }

  /** Bytes inside a block that authenticated but hold no frame: written wrong, never expected. */
  private void innerCorrupt(int length) {
    damage.add(new Damage(file, blockOffset, blockLength, Damage.Kind.UNREADABLE_PAYLOAD,
        "encrypted block authenticated but " + length + " bytes in it hold no valid frame"));
  }

  /** Checks an encrypted segment's key id against the key given; throws when they differ. */
  private void checkHeader(SegmentScanner s, byte[] data) throws SessionKeyException {
    byte[] keyId = Frames.headerKeyId(data, s.payloadStart, s.payloadLength);
    if (keyId == null) {
      return;
    }
    String fingerprint = StoreKey.fingerprint(keyId);
    if (key == null) {
      throw SessionKeyException.missing(id, fingerprint);
    }
    if (!Arrays.equals(keyId, key.id())) {
      throw SessionKeyException.wrong(id, fingerprint, key);
    }
    cipherFor();
  }

  private boolean wanted(Action a) {
    if (!filtering) {
      return true;
    }
    if (a.getSeq() >= fromSeq && a.getTimeUnixNano() >= fromTime) {
      filtering = false;
      return true;
    }
    return false;
  }

  private boolean openNextSegment() throws IOException {
    if (segIndex + 1 >= segments.size()) {
      segments = SegmentFiles.list(dir);
      if (segIndex + 1 >= segments.size()) {
        return false;
      }
    }
    segIndex++;
    file = segments.get(segIndex);
    segmentNumber = SegmentFiles.number(file);
    sources.clear();
    targets.clear();
    missingReported.clear();
    load(0);
    return true;
  }

  private void load(long from) throws StoreException {
    chunk = SegmentFiles.read(file, from, Long.MAX_VALUE);
    chunkBase = from;
    inner = null;
    innerData = null;
    scanner = new SegmentScanner(chunk, 0, chunk.length, corruptSink);
  }

  /**
   * The scanner stopped: reads on if the segment grew, moves to the next segment if there is one,
   * or stays (live, last segment). Returns false when there is nothing more to read now.
   */
  private boolean readOnOrFinishSegment() throws IOException {
    long validEnd = chunkBase + scanner.tailStart();
    long known = chunkBase + chunk.length;
    if (SegmentFiles.size(file) > known) {
      load(validEnd);
      return true;
    }
    boolean last = segIndex == segments.size() - 1;
    if (last) {
      segments = SegmentFiles.list(dir);
      last = segIndex == segments.size() - 1;
      // The writer flushes a segment before starting the next, so look once more.
      if (!last && SegmentFiles.size(file) > known) {
        load(validEnd);
        return true;
      }
    }
    if (last && live) {
      return false;
    }
    if (validEnd < known) {
      damage.add(new Damage(file, validEnd, known - validEnd, Damage.Kind.TORN_TAIL,
          "segment ends in " + (known - validEnd) + " bytes that hold no complete frame"));
    }
    scanner = null;
    chunk = null;
    return !last;
  }

  private void corrupt(int offset, int length) {
    damage.add(new Damage(file, chunkBase + offset, length, Damage.Kind.CORRUPT_FRAMES,
        length + " bytes hold no valid frame (CRC or header mismatch); frames after them kept"));
  }

  /** Decodes a frame of {@code data} (the segment's, or a block's plaintext). */
  private Action decode(SegmentScanner s, byte[] data) throws SessionKeyException {
    try {
      switch (s.kind) {
        case Frames.KIND_SOURCE_DEF:
          sources.put(s.ref1, Source.parser().parseFrom(data, s.payloadStart, s.payloadLength));
          return null;
        case Frames.KIND_TARGET_DEF:
          targets.put(s.ref1, Target.parser().parseFrom(data, s.payloadStart, s.payloadLength));
          return null;
        case Frames.KIND_ACTION:
          return restore(s, data);
        case Frames.KIND_SEGMENT_HEADER:
          checkHeader(s, data); // the directory already names the session
          return null;
        default:
          return null; // a block inside a block: never written
      }
    } catch (InvalidProtocolBufferException e) {
      damage.add(new Damage(file, frameOffset(s), frameLength(s),
          Damage.Kind.UNREADABLE_PAYLOAD,
          Frames.kindName(s.kind) + " frame has a valid CRC but does not decode: "
              + e.getMessage()));
      return null;
    }
  }

  /** Where a frame is in the segment file: for a frame inside a block, the block's place. */
  private long frameOffset(SegmentScanner s) {
    return s == inner ? blockOffset : chunkBase + s.frameStart;
  }

  private long frameLength(SegmentScanner s) {
    return s == inner ? blockLength : s.frameEnd - s.frameStart;
  }

  private Action restore(SegmentScanner s, byte[] data) throws InvalidProtocolBufferException {
    if ((s.flags & ~Frames.KIND_MASK) == 0) {
      return Action.parser().parseFrom(data, s.payloadStart, s.payloadLength);
    }
    Action.Builder b = Action.newBuilder().mergeFrom(data, s.payloadStart, s.payloadLength);
    if ((s.flags & Frames.FLAG_SESSION_ID) != 0) {
      b.setSessionId(idBytes);
    }
    if ((s.flags & Frames.FLAG_ID_DERIVED) != 0) {
      byte[] id = new byte[16];
      ActionIds.deriveInto(sessionHash, b.getSeq(), b.getTimeUnixNano(), id);
      b.setId(ByteString.copyFrom(id));
    }
    if ((s.flags & Frames.FLAG_SOURCE_REF) != 0) {
      Source source = sources.get(s.ref1);
      if (source != null) {
        b.setSource(source);
      } else {
        missing(s, "source", s.ref1, b.getSeq());
      }
    }
    if ((s.flags & Frames.FLAG_TARGET_REF) != 0) {
      Target target = targets.get(s.ref2);
      if (target != null) {
        b.setTarget(target);
      } else {
        missing(s, "target", s.ref2, b.getSeq());
      }
    }
    return b.build();
  }

  /** Reports a lost definition once per segment, at the first action that needed it. */
  private void missing(SegmentScanner s, String what, int ref, long seq) {
    long key = ((long) (what.equals("source") ? 1 : 2) << 32) | ref;
    if (missingReported.add(key)) {
      damage.add(new Damage(file, frameOffset(s), frameLength(s),
          Damage.Kind.MISSING_DEFINITION,
          what + " definition #" + ref + " was lost; actions referring to it (first: seq " + seq
              + ") come back without " + what));
    }
  }
}
