package dev.understudy.core.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.understudy.api.CaptureClock;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * Writes one session's records into its segment files: the store's {@link ActionLog}.
 *
 * <p>{@link #append} encodes the record into an in-memory batch (no system call); {@link #commit}
 * writes the whole batch with one write and, for power-safe sessions, one fsync. What
 * "acknowledged" ({@link #acknowledgedSeq()}) means depends on the session's {@link Durability}:
 *
 * <ul>
 *   <li>{@link Durability#DURABILITY_PROCESS_SAFE}: the record has been handed to the operating
 *       system ({@code FileChannel.write} returned). It survives the process crashing or being
 *       killed, and readers in other processes see it; it may be lost if the machine loses power
 *       or the kernel crashes before the OS writes it back.
 *   <li>{@link Durability#DURABILITY_POWER_SAFE}: the record has also been forced to the storage
 *       device ({@code FileChannel.force}); it survives power loss. Group commit: one force per
 *       {@link #commit} covers every record appended since the previous one.
 * </ul>
 *
 * <p>Segments rotate when the next record would take a segment past {@link
 * StoreOptions#segmentMaxBytes()} or when the segment is older than {@link
 * StoreOptions#segmentMaxAge()}. The writer holds the session's lock file until {@link #close}, so
 * recovery cannot truncate a session that is being written.
 *
 * <p>Encryption ({@link StoreOptions#encryptionKey()} set): frames are encoded exactly as in the
 * clear, then each run of them, up to {@link #BLOCK_PLAIN_MAX} bytes and at most one commit's worth,
 * is sealed into one encrypted block frame (AES-256-GCM). A commit always ends a block, so what is
 * acknowledged is on disk as whole blocks.
 *
 * <p>Threading: as {@link ActionLog}: one writer thread; {@link #acknowledgedSeq()} from any thread.
 * Seqs must increase; an append with a seq not greater than the previous one is refused with an
 * {@link IllegalArgumentException} and nothing is written.
 */
public final class SessionWriter implements ActionLog {

  private static final Logger LOGGER = Logger.getLogger(SessionWriter.class.getName());

  /** Largest plaintext sealed into one encrypted block: 64 KiB (damage loses at most one block). */
  static final int BLOCK_PLAIN_MAX = 64 * 1024;
  /** What sealing adds to a block's frames: frame header, nonce, tag, CRC. */
  private static final int BLOCK_FRAME_OVERHEAD = 2 + 5 + BlockCipher.OVERHEAD + Frames.CRC_BYTES;

  private final Path dir;
  private final SessionId id;
  private final ByteString idBytes;
  private final long sessionHash;
  private final StoreOptions options;
  private final boolean powerSafe;
  private final CaptureClock clock;
  private final long maxAgeNanos;
  private final SessionLock lock;
  private final CRC32C crc = new CRC32C();
  private final SummaryAccumulator summary = new SummaryAccumulator();
  private final Dictionary<Source> sources = new Dictionary<>();
  private final Dictionary<Target> targets = new Dictionary<>();
  private final byte[] derived = new byte[16];
  /** Null when the session is written in the clear. */
  private final BlockCipher cipher;
  private final int blockOverhead;

  /** The segment being filled; null until a commit creates its file. */
  private FileChannel segment;
  private int segmentNumber;
  /** Bytes of the current segment: on disk plus in the batch. */
  private long segmentBytes;
  /** Earlier segments whose last bytes are still in the batch (rotation within a batch). */
  private final ArrayDeque<Sealed> sealed = new ArrayDeque<>();
  private long segmentOpenedNanos;
  private boolean segmentHasActions;
  private boolean unforced;

  private byte[] buf = new byte[64 * 1024];
  private ByteBuffer bufView = ByteBuffer.wrap(buf);
  private int bufLen;
  private int bufFlushed;
  private byte[] scratch = new byte[1024];
  /** Where the frames not yet sealed into a block begin in {@link #buf} (encrypted sessions). */
  private int blockStart;
  private byte[] sealedScratch = new byte[0];

  private long lastSeq;
  private volatile long acknowledged;
  private boolean closed;

  private SessionWriter(Path dir, SessionId id, StoreOptions options, SessionLock lock) {
    this.dir = dir;
    this.id = id;
    this.idBytes = ByteString.copyFrom(id.rawBytes());
    this.sessionHash = ActionIds.sessionHash(id.rawBytes());
    this.options = options;
    this.powerSafe = options.durability() == Durability.DURABILITY_POWER_SAFE;
    this.clock = options.clock();
    this.maxAgeNanos = options.segmentMaxAge().toNanos();
    this.lock = lock;
    StoreKey key = options.encryptionKey();
    this.cipher = key == null ? null : new BlockCipher(key, id);
    this.blockOverhead = key == null ? 0 : BLOCK_FRAME_OVERHEAD;
  }

  /** Starts writing a new session in {@code dir}, which the store has just created. */
  static SessionWriter create(Path dir, SessionId id, StoreOptions options) throws IOException {
    SessionLock lock = SessionLock.acquire(dir, true);
    SessionWriter w = new SessionWriter(dir, id, options, lock);
    try {
      w.startSegment(1);
      w.commit(); // creates the first segment file now, so a bad root fails here
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    return w;
  }

  /** The session this writer writes. */
  public SessionId sessionId() {
    return id;
  }

  /** The session's durability level; see the class documentation. */
  public Durability durability() {
    return options.durability();
  }

  @Override
  public void append(Action action) throws IOException {
    Objects.requireNonNull(action, "action");
    write(action, true, action.getSeq(), action.getSessionId(), action.getId(), action.getSerializedSize());
  }

  @Override
  public void append(Action unstamped, long seq, ByteString sessionId, ByteString id) throws IOException {
    Objects.requireNonNull(unstamped, "unstamped");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(id, "id");
    ActionLog.requireUnstamped(unstamped);
    // The stamped record's size: the fields it would add to one that has none of them.
    int size = unstamped.getSerializedSize()
        + (id.isEmpty() ? 0 : CodedOutputStream.computeBytesSize(Action.ID_FIELD_NUMBER, id))
        + (sessionId.isEmpty() ? 0 : CodedOutputStream.computeBytesSize(Action.SESSION_ID_FIELD_NUMBER, sessionId))
        + (seq == 0 ? 0 : CodedOutputStream.computeUInt64Size(Action.SEQ_FIELD_NUMBER, seq));
    write(unstamped, false, seq, sessionId, id, size);
  }

  /**
   * @param stamped whether {@code action} already carries {@code seq}, {@code sessionId} and {@code id}
   * @param size the serialized size of the stamped record
   */
  private void write(Action action, boolean stamped, long seq, ByteString sessionId, ByteString actionId, int size)
      throws IOException {
    ensureOpen();
    if (seq <= lastSeq) {
      throw new IllegalArgumentException(
          "seq must increase: got " + seq + " after " + lastSeq + " in session " + id);
    }
    if (size > Frames.MAX_PAYLOAD - 1024) {
      throw new IllegalArgumentException("action too large to store: " + size + " bytes");
    }
    if (segmentHasActions
        && (segmentBytes + size + Frames.MAX_HEADER + Frames.CRC_BYTES + blockOverhead
                > options.segmentMaxBytes()
            || clock.nanoTime() - segmentOpenedNanos >= maxAgeNanos)) {
      rotate();
    }
    encode(action, stamped, seq, sessionId, actionId);
    if (cipher != null && bufLen - blockStart >= BLOCK_PLAIN_MAX) {
      sealBlock();
    }
    segmentHasActions = true;
    lastSeq = seq;
    summary.accept(action, seq);
  }

  @Override
  public long commit() throws IOException {
    ensureOpen();
    sealBlock();
    while (!sealed.isEmpty()) {
      Sealed old = sealed.peek();
      if (old.channel == null) {
        old.channel = createSegmentFile(old.number);
      }
      ByteBuffer rest = ByteBuffer.wrap(old.bytes, old.written, old.bytes.length - old.written);
      while (rest.hasRemaining()) {
        old.written += old.channel.write(rest);
      }
      if (powerSafe) {
        old.channel.force(false);
      }
      old.channel.close();
      sealed.remove();
    }
    if (segment == null) {
      segment = createSegmentFile(segmentNumber);
    }
    flush();
    if (powerSafe && unforced) {
      segment.force(false);
      unforced = false;
    }
    acknowledged = lastSeq;
    return lastSeq;
  }

  @Override
  public long acknowledgedSeq() {
    return acknowledged;
  }

  /**
   * Commits what is buffered, closes the segment, writes the session's summary file and releases
   * the lock. Idempotent.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    boolean committed = false;
    try {
      commit();
      committed = true;
    } finally {
      closed = true;
      try {
        if (segment != null) {
          segment.close();
        }
        if (committed) {
          saveSummary();
        }
      } finally {
        lock.close();
      }
    }
  }

  private void saveSummary() {
    try {
      summary.save(dir, cipher);
    } catch (IOException e) {
      // Only a cache: listing falls back to scanning the segments.
      LOGGER.log(Level.WARNING, "could not write summary for session " + id, e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("session writer for " + id + " is closed");
    }
  }

  private void encode(Action action, boolean stamped, long seq, ByteString sessionId, ByteString actionId)
      throws IOException {
    int flags = Frames.KIND_ACTION;
    if (sessionId.equals(idBytes)) {
      flags |= Frames.FLAG_SESSION_ID;
    }
    if (idIsDerived(actionId, seq, action.getTimeUnixNano())) {
      flags |= Frames.FLAG_ID_DERIVED;
    }
    int sourceRef = 0;
    if (action.hasSource()) {
      sourceRef = ref(sources, action.getSource(), Frames.KIND_SOURCE_DEF);
      if (sourceRef > 0) {
        flags |= Frames.FLAG_SOURCE_REF;
      }
    }
    int targetRef = 0;
    if (action.hasTarget()) {
      targetRef = ref(targets, action.getTarget(), Frames.KIND_TARGET_DEF);
      if (targetRef > 0) {
        flags |= Frames.FLAG_TARGET_REF;
      }
    }
    // The payload is the stamped record without what the flags stand for. One copy makes it, from the
    // stamped record or from the unstamped one; encoding the source and target only to cut them out
    // again would cost more (the dictionary holds them once per segment).
    Action payload = action;
    if (!stamped || (flags & ~Frames.KIND_MASK) != 0) {
      Action.Builder b = action.toBuilder();
      if (!stamped) {
        b.setSeq(seq);
      }
      if ((flags & Frames.FLAG_SESSION_ID) != 0) {
        b.clearSessionId();
      } else if (!stamped) {
        b.setSessionId(sessionId);
      }
      if ((flags & Frames.FLAG_ID_DERIVED) != 0) {
        b.clearId();
      } else if (!stamped) {
        b.setId(actionId);
      }
      if ((flags & Frames.FLAG_SOURCE_REF) != 0) {
        b.clearSource();
      }
      if ((flags & Frames.FLAG_TARGET_REF) != 0) {
        b.clearTarget();
      }
      payload = b.build();
    }
    int size = payload.getSerializedSize();
    if (scratch.length < size) {
      scratch = new byte[Math.max(size, scratch.length * 2)];
    }
    CodedOutputStream out = CodedOutputStream.newInstance(scratch, 0, size);
    payload.writeTo(out);
    out.checkNoSpaceLeft();
    writeFrame(flags, sourceRef, targetRef, scratch, size);
  }

  private boolean idIsDerived(ByteString actionId, long seq, long timeUnixNano) {
    if (actionId.size() != 16) {
      return false;
    }
    ActionIds.deriveInto(sessionHash, seq, timeUnixNano, derived);
    for (int i = 0; i < 16; i++) {
      if (actionId.byteAt(i) != derived[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The message's ref in this segment's dictionary, writing its definition frame first when it is
   * new; 0 when the dictionary is full and the message stays inline.
   */
  private <M extends MessageLite> int ref(Dictionary<M> dictionary, M message, int defKind) {
    if (message == dictionary.last) {
      return dictionary.lastRef;
    }
    Integer ref = dictionary.refs.get(message);
    if (ref == null) {
      if (dictionary.refs.size() >= options.dictionaryMaxEntries()) {
        return 0;
      }
      ref = dictionary.refs.size() + 1;
      dictionary.refs.put(message, ref);
      byte[] def = message.toByteArray();
      writeFrame(defKind, ref, 0, def, def.length);
    }
    dictionary.last = message;
    dictionary.lastRef = ref;
    return ref;
  }

  /**
   * One segment's dictionary of sources or targets, and the message looked up last: actions in a row
   * share their source (and often their target) instance, which then costs one comparison, not a hash
   * lookup that compares equal messages field by field.
   */
  private static final class Dictionary<M> {
    final HashMap<M, Integer> refs = new HashMap<>();
    M last;
    int lastRef;

    void clear() {
      refs.clear();
      last = null;
      lastRef = 0;
    }
  }

  /** Appends one frame to the batch. {@code ref1}/{@code ref2} are written when non-zero. */
  private void writeFrame(int type, int ref1, int ref2, byte[] payload, int length) {
    int need = bufLen + Frames.MAX_HEADER + length + Frames.CRC_BYTES;
    if (need > buf.length) {
      byte[] bigger = new byte[Math.max(need, buf.length * 2)];
      System.arraycopy(buf, 0, bigger, 0, bufLen);
      buf = bigger;
      bufView = ByteBuffer.wrap(buf);
    }
    int start = bufLen;
    int p = start;
    buf[p++] = (byte) Frames.SYNC;
    buf[p++] = (byte) type;
    p = Frames.writeVarint(buf, p, length);
    if (ref1 > 0) {
      p = Frames.writeVarint(buf, p, ref1);
    }
    if (ref2 > 0) {
      p = Frames.writeVarint(buf, p, ref2);
    }
    System.arraycopy(payload, 0, buf, p, length);
    p += length;
    crc.reset();
    crc.update(buf, start, p - start);
    Frames.writeIntLe(buf, p, (int) crc.getValue());
    bufLen = p + Frames.CRC_BYTES;
    segmentBytes += bufLen - start;
  }

  /** Writes the batch to the segment; after a failure, a retry resumes where the write stopped. */
  private void flush() throws IOException {
    if (bufFlushed == bufLen) {
      bufLen = bufFlushed = 0;
      return;
    }
    bufView.limit(bufLen).position(bufFlushed);
    while (bufView.hasRemaining()) {
      bufFlushed += segment.write(bufView);
    }
    unforced = true;
    bufLen = bufFlushed = blockStart = 0;
  }

  /**
   * Encrypted sessions: replaces the frames after {@link #blockStart} with one encrypted block
   * frame holding them; its associated data names the place the block will have in the segment.
   */
  private void sealBlock() {
    int plainLength = bufLen - blockStart;
    if (cipher == null || plainLength == 0) {
      return;
    }
    long blockOffset = segmentBytes - plainLength;
    int payload = plainLength + BlockCipher.OVERHEAD;
    if (sealedScratch.length < payload) {
      sealedScratch = new byte[Math.max(payload, sealedScratch.length * 2)];
    }
    cipher.seal(buf, blockStart, plainLength, segmentNumber, blockOffset, sealedScratch, 0);
    bufLen = blockStart;
    segmentBytes = blockOffset;
    writeFrame(Frames.KIND_ENCRYPTED_BLOCK, 0, 0, sealedScratch, payload);
    blockStart = bufLen;
  }

  /**
   * Starts the next segment. Its file is created, and the batch's bytes for the previous one
   * written, only at the next commit: so readers never see records before they are committed, and
   * a segment's file appears only once the segment before it is complete.
   */
  private void rotate() {
    sealBlock();
    sealed.add(new Sealed(segmentNumber, segment, Arrays.copyOfRange(buf, bufFlushed, bufLen)));
    segment = null;
    bufLen = bufFlushed = 0;
    startSegment(segmentNumber + 1);
  }

  private FileChannel createSegmentFile(int number) throws IOException {
    FileChannel ch = FileChannel.open(SegmentFiles.path(dir, number),
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (powerSafe) {
      SessionStore.syncDirectory(dir);
    }
    return ch;
  }

  private void startSegment(int number) {
    segmentNumber = number;
    segmentBytes = 0;
    segmentOpenedNanos = clock.nanoTime();
    segmentHasActions = false;
    sources.clear();
    targets.clear();
    byte[] header = new byte[1 + SessionId.LENGTH + 5 + 1 + StoreKey.ID_LENGTH];
    header[0] = (byte) (cipher == null ? Frames.FORMAT_VERSION : Frames.FORMAT_VERSION_ENCRYPTED);
    System.arraycopy(id.rawBytes(), 0, header, 1, SessionId.LENGTH);
    int len = Frames.writeVarint(header, 1 + SessionId.LENGTH, number);
    if (cipher != null) {
      header[len++] = Frames.CIPHER_AES_256_GCM;
      System.arraycopy(cipher.key().id(), 0, header, len, StoreKey.ID_LENGTH);
      len += StoreKey.ID_LENGTH;
    }
    writeFrame(Frames.KIND_SEGMENT_HEADER, 0, 0, header, len);
    blockStart = bufLen; // the header stays in the clear
  }

  /** A finished segment whose tail is still to be written. */
  private static final class Sealed {
    final int number;
    FileChannel channel;
    final byte[] bytes;
    int written;

    Sealed(int number, FileChannel channel, byte[] bytes) {
      this.number = number;
      this.channel = channel;
      this.bytes = bytes;
    }
  }
}
