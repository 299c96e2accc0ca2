package dev.understudy.core.store;

import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts what a session summary needs, record by record, and saves or loads those counts in the
 * session's summary file. The file is a cache written at close (and after recovery) so listing
 * closed sessions need not read their segments; it records the segments' sizes and is ignored when
 * they no longer match.
 *
 * <p>For an encrypted session the file holds counts and times but not the app ids: they are
 * sealed with the session's key (property {@code appIds.sealed}), so without the key a listing
 * shows that the session is encrypted and nothing of what it holds.
 */
final class SummaryAccumulator {

  static final String FILE_NAME = "summary.properties";
  private static final String FORMAT = "1";
  /** The segment number sealed summary fields are bound to: none, so no block can stand in. */
  private static final int SUMMARY_SEGMENT = 0;

  long records;
  long lastSeq;
  long startTime;
  long lastTime;
  long actionCount;
  long droppedCount;
  long gapRecords;
  boolean endedCleanly;
  final Set<String> appIds = new TreeSet<>();
  /** The app id added last, so that a run of records from one app costs one comparison each. */
  private String lastAppId;
  /** Fingerprint of the session's key; empty when it is not encrypted. */
  String keyFingerprint = "";
  /** Encrypted, and the key to unseal the app ids was not given. */
  boolean appIdsHidden;

  /** Counts a record read back. */
  void accept(Action a) {
    accept(a, a.getSeq());
  }

  /** Counts a record appended with this seq (the record itself may not carry it yet). */
  void accept(Action a, long seq) {
    if (records++ == 0) {
      startTime = a.getTimeUnixNano();
    }
    lastSeq = seq;
    lastTime = a.getTimeUnixNano();
    Action.KindCase kind = a.getKindCase();
    endedCleanly = kind == Action.KindCase.SESSION_END;
    switch (kind) {
      case GAP:
        gapRecords++;
        droppedCount += a.getGap().getCount();
        break;
      case SESSION_START:
      case SESSION_END:
        break;
      default:
        actionCount++;
    }
    if (a.hasSource()) {
      String app = a.getSource().getAppId();
      // Runs of records from one app are the rule: the set is asked only when the app changes.
      if (!app.isEmpty() && !app.equals(lastAppId)) {
        appIds.add(app);
        lastAppId = app;
      }
    }
  }

  SessionSummary toSummary(SessionId id, boolean active, long bytesOnDisk) {
    return new SessionSummary(id, startTime, lastTime, lastSeq, actionCount, droppedCount,
        gapRecords, new ArrayList<>(appIds), endedCleanly, active, bytesOnDisk, keyFingerprint,
        appIdsHidden);
  }

  /**
   * Writes the summary file atomically, stamped with the segments' current sizes; with a cipher
   * (encrypted sessions) the app ids are sealed.
   */
  void save(Path sessionDir, BlockCipher cipher) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("segments", segmentStamp(sessionDir));
    p.setProperty("records", Long.toString(records));
    p.setProperty("lastSeq", Long.toString(lastSeq));
    p.setProperty("startTimeUnixNano", Long.toString(startTime));
    p.setProperty("lastTimeUnixNano", Long.toString(lastTime));
    p.setProperty("actionCount", Long.toString(actionCount));
    p.setProperty("droppedCount", Long.toString(droppedCount));
    p.setProperty("gapRecords", Long.toString(gapRecords));
    p.setProperty("endedCleanly", Boolean.toString(endedCleanly));
    if (cipher != null) {
      p.setProperty("keyId", cipher.key().fingerprint());
      byte[] plain = String.join("\n", appIds).getBytes(StandardCharsets.UTF_8);
      byte[] sealed = new byte[plain.length + BlockCipher.OVERHEAD];
      cipher.seal(plain, 0, plain.length, SUMMARY_SEGMENT, 0, sealed, 0);
      p.setProperty("appIds.sealed", Base64.getEncoder().encodeToString(sealed));
    } else {
      int i = 0;
      for (String app : appIds) {
        p.setProperty("appId." + i++, app);
      }
    }
    Path tmp = sessionDir.resolve(FILE_NAME + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, "Understudy session summary (a cache; the segments are the truth)");
    }
    Files.move(tmp, sessionDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Loads the summary file; null when it is missing, unreadable or stale. An encrypted session's
   * app ids are unsealed with {@code key} when it is the session's, else left hidden.
   */
  static SummaryAccumulator load(Path sessionDir, SessionId id, StoreKey key) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(sessionDir.resolve(FILE_NAME))) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IllegalArgumentException e) {
      return null; // malformed escapes: treat as absent and rescan
    }
    if (!FORMAT.equals(p.getProperty("format"))
        || !segmentStamp(sessionDir).equals(p.getProperty("segments"))) {
      return null;
    }
    try {
      SummaryAccumulator s = new SummaryAccumulator();
      s.records = Long.parseLong(p.getProperty("records"));
      s.lastSeq = Long.parseLong(p.getProperty("lastSeq"));
      s.startTime = Long.parseLong(p.getProperty("startTimeUnixNano"));
      s.lastTime = Long.parseLong(p.getProperty("lastTimeUnixNano"));
      s.actionCount = Long.parseLong(p.getProperty("actionCount"));
      s.droppedCount = Long.parseLong(p.getProperty("droppedCount"));
      s.gapRecords = Long.parseLong(p.getProperty("gapRecords"));
      s.endedCleanly = Boolean.parseBoolean(p.getProperty("endedCleanly"));
      for (int i = 0; p.getProperty("appId." + i) != null; i++) {
        s.appIds.add(p.getProperty("appId." + i));
      }
      String keyId = p.getProperty("keyId");
      if (keyId != null) {
        s.keyFingerprint = keyId;
        s.appIdsHidden = !unsealAppIds(p.getProperty("appIds.sealed"), id, key, s);
      }
      return s;
    } catch (NumberFormatException | NullPointerException e) {
      return null;
    }
  }

  private static boolean unsealAppIds(String sealed, SessionId id, StoreKey key,
      SummaryAccumulator s) {
    if (key == null || !key.fingerprint().equals(s.keyFingerprint) || sealed == null) {
      return false;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] plain = new BlockCipher(key, id).open(bytes, 0, bytes.length, SUMMARY_SEGMENT, 0);
    if (plain == null) {
      return false;
    }
    if (plain.length > 0) {
      s.appIds.addAll(List.of(new String(plain, StandardCharsets.UTF_8).split("\n")));
    }
    return true;
  }

  /** "name:size,name:size" over the segment files: changes whenever any segment does. */
  private static String segmentStamp(Path sessionDir) throws IOException {
    List<Path> segments = SegmentFiles.list(sessionDir);
    StringBuilder sb = new StringBuilder();
    for (Path s : segments) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(s.getFileName()).append(':').append(Files.size(s));
    }
    return sb.toString();
  }
}
