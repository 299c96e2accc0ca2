package dev.understudy.core.retention;

import dev.understudy.core.store.SessionId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One export Understudy wrote: which session, where, in which format, when, and the file's size
 * and SHA-256 then (so forgetting deletes only the file as it was written).
 *
 * @param session the exported session
 * @param path the export file, absolute
 * @param format the export format, e.g. {@code jsonl}
 * @param time when it was written
 * @param size its size in bytes
 * @param sha256 its SHA-256, lower-case hex
 */
public record ExportEntry(SessionId session, Path path, String format, Instant time, long size, String sha256) {

  public ExportEntry {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(sha256, "sha256");
    path = path.toAbsolutePath().normalize();
  }

  /** Describes {@code file} as it is now: its size and SHA-256. */
  public static ExportEntry of(SessionId session, Path file, String format, Instant time) throws IOException {
    Fingerprint f = Fingerprint.of(file);
    return new ExportEntry(session, file, format, time, f.size, f.sha256);
  }

  /** This entry for a file moved to {@code path} (an export written beside its target, then moved). */
  public ExportEntry withPath(Path path) {
    return new ExportEntry(session, path, format, time, size, sha256);
  }

  /** True when the file at {@link #path} still has the recorded size and SHA-256. */
  boolean unchanged() throws IOException {
    if (Files.size(path) != size) {
      return false;
    }
    return Fingerprint.of(path).sha256.equals(sha256);
  }

  /** Size and SHA-256 of a file. */
  private record Fingerprint(long size, String sha256) {
    static Fingerprint of(Path file) throws IOException {
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
      long size = 0;
      byte[] buf = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
          size += n;
        }
      }
      return new Fingerprint(size, HexFormat.of().formatHex(sha.digest()));
    }
  }
}
