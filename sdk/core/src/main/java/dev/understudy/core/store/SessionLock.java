package dev.understudy.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on a session's lock file that a writer (or recovery) holds for as long as it
 * may change the session. Other processes see the OS file lock; this JVM also keeps a registry,
 * because on some systems closing any channel to a file drops every lock the JVM holds on it, so
 * probing must not open a second channel while the lock is held here.
 */
final class SessionLock implements AutoCloseable {

  static final String FILE_NAME = "writer.lock";

  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private SessionLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, creating the lock file when asked; throws when anyone holds it. */
  static SessionLock acquire(Path sessionDir, boolean create) throws IOException {
    SessionLock lock = tryAcquire(sessionDir, create);
    if (lock == null) {
      throw new SessionLockedException(
          "session " + sessionDir.getFileName() + " is held by a writer (" + sessionDir + ")");
    }
    return lock;
  }

  /** True when a writer holds the session's lock, here or in another process. */
  static boolean isHeld(Path sessionDir) throws IOException {
    try (SessionLock lock = tryAcquire(sessionDir, false)) {
      return lock == null;
    } catch (NoSuchFileException e) {
      return false;
    } catch (AccessDeniedException | ReadOnlyFileSystemException e) {
      // Cannot take a write lock here (read-only copy): no writer of ours is there either.
      return false;
    }
  }

  private static SessionLock tryAcquire(Path sessionDir, boolean create) throws IOException {
    Path key = sessionDir.toAbsolutePath().normalize();
    if (!HELD_HERE.add(key)) {
      return null;
    }
    FileChannel channel = null;
    try {
      channel = create
          ? FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.CREATE,
              StandardOpenOption.WRITE)
          : FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        HELD_HERE.remove(key);
        return null;
      }
      return new SessionLock(key, channel, lock);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      HELD_HERE.remove(key);
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD_HERE.remove(key);
    }
  }
}
