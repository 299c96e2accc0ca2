package dev.understudy.core.retention;

import dev.understudy.core.store.SessionId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The export ledger: an append-only text file listing every export Understudy wrote to a file, so
 * that forgetting a session can delete its exports too. One line per event, tab-separated, ending
 * in a CRC32C of the rest of the line:
 *
 * <pre>
 *   export   TIME  SESSION  FORMAT  SIZE  SHA256  PATH  CRC
 *   removed  TIME  SESSION  FORMAT  SIZE  SHA256  PATH  CRC
 * </pre>
 *
 * <p>TIME is ISO-8601 (UTC); PATH is absolute, with {@code %}, tab, CR and LF written as
 * {@code %25 %09 %0D %0A}. A {@code removed} line says the export with that path and SHA-256 was
 * deleted by forgetting. Lines are written with one appending write each and forced to disk. A
 * line that does not check (a write cut short by a crash, or a damaged byte) is skipped and
 * counted, never fatal; the next append starts on a fresh line.
 *
 * <p>Thread-safe for appends within this process; appends from several processes each land as
 * whole lines on local file systems (append mode, one write).
 */
public final class ExportLedger {

  /** The ledger's file name in the Understudy home directory: {@value}. */
  public static final String FILE_NAME = "exports.ledger";

  private static final String EXPORT = "export";
  private static final String REMOVED = "removed";

  private final Path file;

  private ExportLedger(Path file) {
    this.file = file;
  }

  /** The ledger in this file (created at the first append). */
  public static ExportLedger at(Path file) {
    return new ExportLedger(Objects.requireNonNull(file, "file").toAbsolutePath().normalize());
  }

  /** The ledger's file. */
  public Path file() {
    return file;
  }

  /** Records an export. Call before the export file is moved into place, so none goes unrecorded. */
  public void recordExport(ExportEntry entry) throws IOException {
    append(EXPORT, entry.time(), entry);
  }

  /** Records that forgetting deleted this export's file. */
  void recordRemoval(ExportEntry entry, Instant when) throws IOException {
    append(REMOVED, when, entry);
  }

  /** What the ledger holds now. */
  public Contents read() throws IOException {
    List<String> lines;
    boolean tornLastLine;
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.UTF_8);
      tornLastLine = !text.isEmpty() && !text.endsWith("\n");
      lines = text.lines().toList();
    } catch (NoSuchFileException e) {
      return new Contents(List.of(), 0);
    }
    Map<String, ExportEntry> live = new LinkedHashMap<>();
    int damaged = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      Parsed p = i == lines.size() - 1 && tornLastLine ? null : parse(line);
      if (p == null) {
        damaged++;
        continue;
      }
      String key = p.entry.path() + "\t" + p.entry.sha256();
      if (p.kind.equals(EXPORT)) {
        live.put(key, p.entry);
      } else {
        live.remove(key);
      }
    }
    return new Contents(List.copyOf(live.values()), damaged);
  }

  /**
   * The ledger's contents.
   *
   * @param exports exports recorded and not since removed by forgetting, oldest first (their files
   *     may have been changed or deleted by someone else since)
   * @param damagedLines lines skipped because they did not check
   */
  public record Contents(List<ExportEntry> exports, int damagedLines) {

    public Contents {
      exports = List.copyOf(exports);
    }

    /** The exports of one session. */
    public List<ExportEntry> of(SessionId session) {
      return exports.stream().filter(e -> e.session().equals(session)).toList();
    }
  }

  private record Parsed(String kind, ExportEntry entry) {}

  private synchronized void append(String kind, Instant when, ExportEntry e) throws IOException {
    String body = String.join("\t", kind, when.toString(), e.session().toString(), escape(e.format()),
        Long.toString(e.size()), e.sha256(), escape(e.path().toString()));
    String line = body + "\t" + crc(body) + "\n";
    Path dir = file.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    if (!endsWithNewline()) {
      line = "\n" + line; // after a torn line: start a fresh one
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
      ch.force(false);
    }
  }

  /** True when the file is absent, empty, or its last byte ends a line. */
  private boolean endsWithNewline() throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() == 0) {
        return true;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, ch.size() - 1);
      return last.get(0) == '\n';
    } catch (NoSuchFileException e) {
      return true;
    }
  }

  private static Parsed parse(String line) {
    int cut = line.lastIndexOf('\t');
    if (cut < 0 || !line.substring(cut + 1).equals(crc(line.substring(0, cut)))) {
      return null;
    }
    String[] f = line.substring(0, cut).split("\t", -1);
    if (f.length != 7 || !(f[0].equals(EXPORT) || f[0].equals(REMOVED))) {
      return null;
    }
    try {
      return new Parsed(f[0], new ExportEntry(SessionId.parse(f[2]), Path.of(unescape(f[6])), unescape(f[3]),
          Instant.parse(f[1]), Long.parseLong(f[4]), f[5]));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return null;
    }
  }

  private static String crc(String body) {
    CRC32C crc = new CRC32C();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  private static String escape(String s) {
    return s.replace("%", "%25").replace("\t", "%09").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String unescape(String s) {
    return s.replace("%0A", "\n").replace("%0D", "\r").replace("%09", "\t").replace("%25", "%");
  }
}
