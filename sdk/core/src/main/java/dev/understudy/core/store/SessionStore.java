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
 * <p>Thread-safe: the store keeps no mutable state; each writer and reader it hands out belongs to
 * one thread.
 */
public final class SessionStore {

  private static final Logger LOGGER = Logger.getLogger(SessionStore.class.getName());

  private final Path root;

  private SessionStore(Path root) {
    this.root = root;
  }

  /** Opens (creating if needed) the store rooted at {@code root}. */
  public static SessionStore open(Path root) throws IOException {
    Objects.requireNonNull(root, "root");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new StoreException("cannot open session store at " + root + ": " + e, e);
    }
    return new SessionStore(root);
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

  /** The summary of one session. */
  public SessionSummary summary(SessionId id) throws IOException {
    Path dir = dir(id);
    SummaryAccumulator acc = SummaryAccumulator.load(dir);
    boolean active = false;
    if (acc == null) {
      active = SessionLock.isHeld(dir);
      acc = new SummaryAccumulator();
      try (SessionReader r = new SessionReader(dir, id, active)) {
        while (r.hasNext()) {
          acc.accept(r.next());
        }
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
    return new SessionReader(dir, id, SessionLock.isHeld(dir));
  }

  /**
   * Recovers a session after a crash: truncates each segment's torn tail at its last good frame,
   * leaves damage in the middle for readers to skip (the frames after it are salvaged), and writes
   * the summary file. Idempotent.
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
      try (SessionReader r = new SessionReader(dir, id, false)) {
        while (r.hasNext()) {
          acc.accept(r.next());
        }
        damage.addAll(r.damage());
      }
      acc.save(dir);
      return new RecoveryReport(id, truncated, damage);
    }
  }

  /** Checks a session: every frame's CRC, seq holes, gap records, whether it ended cleanly. */
  public VerifyReport verify(SessionId id) throws IOException {
    Path dir = dir(id);
    try (SessionReader r = new SessionReader(dir, id, SessionLock.isHeld(dir))) {
      return SessionVerifier.verify(id, r);
    }
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
