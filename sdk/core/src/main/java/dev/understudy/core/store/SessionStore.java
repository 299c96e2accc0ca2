package dev.understudy.core.store;

import dev.understudy.proto.v1.Durability;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The embedded session store: the source of truth for recorded sessions. A root directory holds one
 * directory per session, named by the session id's canonical text (UUIDv7, so names sort by start
 * time); each holds the segment files ({@code seg-00000001.log}, ...), the writer's lock file and,
 * once closed, a summary file.
 *
 * <p>Encrypted sessions are written with {@link StoreOptions.Builder#encryptionKey} and read
 * through a store view that has the key ({@link #withKey}); without it, reads throw {@link
 * SessionKeyException} while listing, deleting and recovering torn tails still work.
 *
 * <p>Thread-safe: the store keeps no mutable state; each writer and reader it hands out belongs to
 * one thread.
 */
public final class SessionStore {

  private static final Logger LOGGER = Logger.getLogger(SessionStore.class.getName());

  private final Path root;
  private final StoreKey key;

  private SessionStore(Path root, StoreKey key) {
    this.root = root;
    this.key = key;
  }

  /** Opens (creating if needed) the store rooted at {@code root}. */
  public static SessionStore open(Path root) throws IOException {
    Objects.requireNonNull(root, "root");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new StoreException("cannot open session store at " + root + ": " + e, e);
    }
    return new SessionStore(root, null);
  }

  /** This store, reading encrypted sessions with {@code key}. */
  public SessionStore withKey(StoreKey key) {
    return new SessionStore(root, Objects.requireNonNull(key, "key"));
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /**
   * Starts a new session and returns its writer, which holds the session until closed.
   *
   * @throws StoreException when a session with this id already exists
   */
  public SessionWriter create(SessionId id, StoreOptions options) throws IOException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(options, "options");
    Path dir = root.resolve(id.toString());
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new StoreException("session " + id + " already exists in " + root);
    }
    if (options.durability() == Durability.DURABILITY_POWER_SAFE) {
      syncDirectory(root);
    }
    return SessionWriter.create(dir, id, options);
  }

  /** Summaries of every session, newest first. Closed sessions are summarized from their summary file. */
  public List<SessionSummary> list() throws IOException {
    List<SessionSummary> out = new ArrayList<>();
    for (SessionId id : ids()) {
      out.add(summary(id));
    }
    return out;
  }

  /**
   * The summary of one session. An encrypted session without a summary file (still being written,
   * or not closed) that this store has no key for is summarized as hidden: its start from its id,
   * no counts, no app ids.
   */
  public SessionSummary summary(SessionId id) throws IOException {
    Path dir = dir(id);
    SummaryAccumulator acc = SummaryAccumulator.load(dir, id, key);
    boolean active = false;
    if (acc == null) {
      active = SessionLock.isHeld(dir);
      acc = new SummaryAccumulator();
      try (SessionReader r = new SessionReader(dir, id, active, key)) {
        while (r.hasNext()) {
          acc.accept(r.next());
        }
        if (r.cipher() != null) {
          acc.keyFingerprint = r.cipher().key().fingerprint();
        }
      } catch (SessionKeyException e) {
        acc = new SummaryAccumulator();
        acc.startTime = acc.lastTime = id.unixMillis() * 1_000_000L;
        acc.keyFingerprint = e.sessionKeyFingerprint().isEmpty() ? "?" : e.sessionKeyFingerprint();
        acc.appIdsHidden = true;
      }
    }
    return acc.toSummary(id, active, bytesOnDisk(dir));
  }

  /**
   * Finds the session whose id is {@code idOrPrefix} or starts with it (hyphens and case ignored).
   *
   * @throws UnknownSessionException when none matches
   * @throws AmbiguousSessionException when several do; the message names them
   */
  public SessionId resolve(String idOrPrefix) throws IOException {
    Objects.requireNonNull(idOrPrefix, "idOrPrefix");
    String prefix = SessionId.compactHex(idOrPrefix.trim());
    if (prefix == null || prefix.isEmpty()) {
      throw new UnknownSessionException("no session matches '" + idOrPrefix + "' in " + root
          + " (a session id or its prefix is hex digits)");
    }
    List<SessionId> matches = new ArrayList<>();
    for (SessionId id : ids()) {
      if (SessionId.compactHex(id.toString()).startsWith(prefix)) {
        matches.add(id);
      }
    }
    if (matches.isEmpty()) {
      throw new UnknownSessionException("no session matches '" + idOrPrefix + "' in " + root);
    }
    if (matches.size() > 1) {
      throw new AmbiguousSessionException("'" + idOrPrefix + "' matches " + matches.size()
          + " sessions: " + matches.stream().map(SessionId::toString)
              .collect(Collectors.joining(", ")));
    }
    return matches.get(0);
  }

  /** A reader positioned at the session's first record. */
  public SessionReader reader(SessionId id) throws IOException {
    Path dir = dir(id);
    return new SessionReader(dir, id, SessionLock.isHeld(dir), key);
  }

  /**
   * Recovers a session after a crash: truncates each segment's torn tail at its last good frame,
   * leaves damage in the middle for readers to skip (the frames after it are salvaged), and writes
   * the summary file. Idempotent. An encrypted session's torn tails are cut without its key (the
   * outer frames carry CRCs); its summary is written only when this store has the key.
   *
   * @throws SessionLockedException when a writer holds the session; nothing is changed then
   */
  public RecoveryReport recover(SessionId id) throws IOException {
    Path dir = dir(id);
    try (SessionLock lock = SessionLock.acquire(dir, true)) {
      List<Damage> damage = new ArrayList<>();
      long truncated = 0;
      for (Path segment : SegmentFiles.list(dir)) {
        byte[] data = SegmentFiles.read(segment, 0, Long.MAX_VALUE);
        SegmentScanner s = new SegmentScanner(data, 0, data.length, (o, l) -> { });
        while (s.next()) {
          // only looking for where the readable frames end
        }
        int end = s.tailStart();
        if (end < data.length) {
          try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(end);
            ch.force(true);
          }
          truncated += data.length - end;
          damage.add(new Damage(segment, end, data.length - end, Damage.Kind.TORN_TAIL,
              "truncated " + (data.length - end) + " bytes that held no complete frame"));
          LOGGER.log(Level.FINE, "truncated torn tail of {0} at {1} ({2} bytes)",
              new Object[] {segment, end, data.length - end});
        }
      }
      SummaryAccumulator acc = new SummaryAccumulator();
      try (SessionReader r = new SessionReader(dir, id, false, key)) {
        while (r.hasNext()) {
          acc.accept(r.next());
        }
        damage.addAll(r.damage());
        acc.save(dir, r.cipher());
      } catch (SessionKeyException e) {
        LOGGER.log(Level.FINE, "recovered {0} without its key: no summary written", id);
      }
      return new RecoveryReport(id, truncated, damage);
    }
  }

  /**
   * Checks a session: every frame's CRC (and, encrypted, every block's authentication tag), seq
   * holes, gap records, whether it ended cleanly.
   *
   * @throws SessionKeyException when the session is encrypted and this store has not its key
   */
  public VerifyReport verify(SessionId id) throws IOException {
    Path dir = dir(id);
    try (SessionReader r = new SessionReader(dir, id, SessionLock.isHeld(dir), key)) {
      return SessionVerifier.verify(id, r);
    }
  }

  /**
   * Deletes a whole session: its summary, its segment files, its lock file and its directory. It
   * takes the writer lock first, so a session being recorded is refused and nothing is deleted.
   * When deletion stops half-way (an I/O error), calling again finishes it.
   *
   * @throws SessionLockedException when a writer holds the session
   * @throws UnknownSessionException when there is no such session
   */
  public DeletedSession delete(SessionId id) throws IOException {
    Path dir = dir(id);
    int segments;
    long bytes = bytesOnDisk(dir);
    SessionLock lock;
    try {
      lock = SessionLock.acquire(dir, true);
    } catch (SessionLockedException e) {
      throw new SessionLockedException("session " + id
          + " is being recorded (a writer holds it); stop the recording, then delete it");
    }
    try (lock) {
      Files.deleteIfExists(dir.resolve(SummaryAccumulator.FILE_NAME));
      List<Path> files = SegmentFiles.list(dir);
      segments = files.size();
      for (int i = files.size() - 1; i >= 0; i--) {
        Files.delete(files.get(i));
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isRegularFile)) {
        for (Path p : ds) {
          if (!p.getFileName().toString().equals(SessionLock.FILE_NAME)) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("could not delete all of session " + id + " (" + e
          + "); run the deletion again to finish it", e);
    }
    try {
      Files.deleteIfExists(dir.resolve(SessionLock.FILE_NAME));
      Files.delete(dir);
    } catch (IOException e) {
      throw new StoreException("deleted the records of session " + id
          + " but not its directory " + dir + ": " + e, e);
    }
    LOGGER.log(Level.FINE, "deleted session {0} ({1} segments, {2} bytes)",
        new Object[] {id, segments, bytes});
    return new DeletedSession(id, segments, bytes);
  }

  /** What {@link #delete} would remove now: the session's segment files and bytes. */
  public DeletedSession sizeOf(SessionId id) throws IOException {
    Path dir = dir(id);
    return new DeletedSession(id, SegmentFiles.list(dir).size(), bytesOnDisk(dir));
  }

  /** True when a writer holds the session now (it is being recorded). */
  public boolean isActive(SessionId id) throws IOException {
    return SessionLock.isHeld(dir(id));
  }

  /** The ids of every session, newest first, without reading them. */
  public List<SessionId> sessionIds() throws IOException {
    return ids();
  }

  private Path dir(SessionId id) throws UnknownSessionException {
    Objects.requireNonNull(id, "id");
    Path dir = root.resolve(id.toString());
    if (!Files.isDirectory(dir)) {
      throw new UnknownSessionException("no session " + id + " in " + root);
    }
    return dir;
  }

  /** Session ids in the root, newest first; other entries are ignored. */
  private List<SessionId> ids() throws IOException {
    List<SessionId> ids = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.length() == 36) {
          try {
            ids.add(SessionId.parse(name));
          } catch (IllegalArgumentException e) {
            // not a session directory
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list sessions in " + root + ": " + e, e);
    }
    ids.sort(Comparator.reverseOrder());
    return ids;
  }

  private static long bytesOnDisk(Path dir) throws IOException {
    long total = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isRegularFile)) {
      for (Path p : ds) {
        total += Files.size(p);
      }
    }
    return total;
  }

  /** Makes a directory's new entries durable; a no-op where the platform cannot (Windows). */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      LOGGER.log(Level.FINE, "cannot fsync directory " + dir, e);
    }
  }
}
