package dev.understudy.core.consent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * The consent ledger: an append-only file of JSON lines under a directory ({@code ledger.jsonl}), one
 * line per grant and per revocation, never rewritten, so the history of who agreed to what stays
 * readable. A damaged last line (a write cut short, never acknowledged) is ignored, and dropped by the
 * next write; damage anywhere else is an error, because skipping a revocation would record someone
 * who said no.
 *
 * <p>Threading: thread-safe; writers in several processes are serialized with a file lock.
 */
public final class ConsentLedger {

  private static final Logger logger = Logger.getLogger(ConsentLedger.class.getName());
  /** Name of the ledger file in its directory: {@value}. */
  public static final String FILE_NAME = "ledger.jsonl";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Clock clock;

  private ConsentLedger(Path directory, Clock clock) {
    this.file = directory.resolve(FILE_NAME);
    this.clock = clock;
  }

  /** The ledger in this directory; the directory is created on the first grant. */
  public static ConsentLedger open(Path directory) {
    return open(directory, Clock.systemUTC());
  }

  /** The ledger in this directory, with a clock for tests. */
  public static ConsentLedger open(Path directory, Clock clock) {
    return new ConsentLedger(Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(clock, "clock"));
  }

  /** The ledger file. */
  public Path file() {
    return file;
  }

  /**
   * Records a consent.
   *
   * @param adapter an adapter name or {@link Consent#ANY}
   * @param app an app id or {@link Consent#ANY}
   * @param expiresAt when it ends by itself, or {@code null} for never; must be in the future
   * @param note free text; may be empty
   */
  public synchronized Consent grant(String adapter, String app, Instant expiresAt, String note) throws IOException {
    checkName(adapter, "adapter");
    checkName(app, "app");
    Objects.requireNonNull(note, "note");
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("expiresAt " + expiresAt + " is not in the future");
    }
    Consent consent = new Consent(newId(), adapter, app, now, expiresAt, userName(), note.replaceAll("\\p{Cntrl}", " "), null, "");
    Map<String, String> line = new LinkedHashMap<>();
    line.put("op", "grant");
    line.put("id", consent.id());
    line.put("adapter", adapter);
    line.put("app", app);
    line.put("granted_at", now.toString());
    if (expiresAt != null) {
      line.put("expires_at", expiresAt.toString());
    }
    line.put("by", consent.grantedBy());
    line.put("note", consent.note());
    append(line);
    return consent;
  }

  /**
   * Revokes one consent by id.
   *
   * @return the consent as revoked, or as it was if it had been revoked already
   * @throws UnknownConsentException if no consent has this id
   */
  public synchronized Consent revoke(String id) throws IOException {
    Objects.requireNonNull(id, "id");
    for (Consent c : list()) {
      if (c.id().equals(id)) {
        return c.revokedAt() != null ? c : writeRevoke(c);
      }
    }
    throw new UnknownConsentException("no consent with id '" + id + "' in " + file + "; see 'understudy consent list'");
  }

  /**
   * Revokes every consent not yet revoked whose adapter is exactly this one ({@code *} for those
   * given to every adapter).
   *
   * @throws UnknownConsentException if there is none
   */
  public synchronized List<Consent> revokeAdapter(String adapter) throws IOException {
    return revokeWhere(c -> c.adapter().equals(adapter), "adapter '" + adapter + "'");
  }

  /** Revokes every consent not yet revoked for exactly this app; see {@link #revokeAdapter}. */
  public synchronized List<Consent> revokeApp(String app) throws IOException {
    return revokeWhere(c -> c.app().equals(app), "app '" + app + "'");
  }

  private List<Consent> revokeWhere(java.util.function.Predicate<Consent> match, String what) throws IOException {
    List<Consent> revoked = new ArrayList<>();
    for (Consent c : list()) {
      if (c.revokedAt() == null && match.test(c)) {
        revoked.add(writeRevoke(c));
      }
    }
    if (revoked.isEmpty()) {
      throw new UnknownConsentException("no unrevoked consent for " + what + "; see 'understudy consent list'");
    }
    return revoked;
  }

  private Consent writeRevoke(Consent c) throws IOException {
    Instant now = clock.instant();
    Map<String, String> line = new LinkedHashMap<>();
    line.put("op", "revoke");
    line.put("id", c.id());
    line.put("at", now.toString());
    line.put("by", userName());
    append(line);
    return c.revoked(now, userName());
  }

  /** Every consent ever given, in the order given, with revocations applied. */
  public synchronized List<Consent> list() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    boolean complete = text.endsWith("\n");
    String[] lines = text.split("\n", -1);
    Map<String, Consent> byId = new LinkedHashMap<>();
    Load load = new Load(LoadSettings.builder().setSchema(new JsonSchema()).setLabel(file.toString()).build());
    int count = complete ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      boolean last = i == count - 1;
      try {
        apply(byId, load.loadFromString(line));
      } catch (YamlEngineException | IllegalArgumentException | DateTimeParseException | ClassCastException | NullPointerException e) {
        if (last && !complete) {
          logger.warning("consent ledger " + file + ": ignoring an incomplete last line (a write cut short)");
          continue;
        }
        throw new IOException("consent ledger " + file + " is damaged at line " + (i + 1) + " (" + e.getMessage()
            + "); fix or remove that line by hand — nothing is recorded until it is readable");
      }
    }
    return List.copyOf(byId.values());
  }

  private static void apply(Map<String, Consent> byId, Object parsed) {
    if (!(parsed instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Map<?, ?> m = (Map<?, ?>) parsed;
    String op = text(m, "op");
    String id = text(m, "id");
    if (op.equals("grant")) {
      Object expires = m.get("expires_at");
      byId.put(id, new Consent(id, text(m, "adapter"), text(m, "app"), Instant.parse(text(m, "granted_at")),
          expires == null ? null : Instant.parse((String) expires), text(m, "by"),
          m.get("note") == null ? "" : (String) m.get("note"), null, ""));
    } else if (op.equals("revoke")) {
      Consent c = byId.get(id);
      if (c == null) {
        throw new IllegalArgumentException("revokes unknown consent '" + id + "'");
      }
      if (c.revokedAt() == null) {
        byId.put(id, c.revoked(Instant.parse(text(m, "at")), text(m, "by")));
      }
    } else {
      throw new IllegalArgumentException("unknown op '" + op + "'");
    }
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof String)) {
      throw new IllegalArgumentException("'" + key + "' missing or not a string");
    }
    return (String) v;
  }

  /** The consents in force now. */
  public ConsentSet valid() throws IOException {
    return valid(clock.instant());
  }

  /** The consents in force at this moment. */
  public ConsentSet valid(Instant now) throws IOException {
    return new ConsentSet(list().stream().filter(c -> c.status(now) == Consent.Status.ACTIVE).toList());
  }

  /** What changes when the file does: its size and modification time, or {@code null} if absent. */
  String stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.size() + "@" + a.lastModifiedTime().toMillis() + "/" + a.fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  Clock clock() {
    return clock;
  }

  private void append(Map<String, String> fields) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder json = new StringBuilder("{");
    fields.forEach((k, v) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(json, k);
      json.append(':');
      quote(json, v);
    });
    json.append("}\n");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
         FileLock lock = ch.lock()) {
      long size = ch.size();
      if (size > 0) {
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
          // read the whole (small) ledger
        }
        byte[] bytes = all.array();
        if (bytes[bytes.length - 1] != '\n') {
          // A write cut short, never acknowledged: drop the fragment so it cannot become a damaged
          // line in the middle of the ledger. Complete records are never touched.
          int end = bytes.length - 1;
          while (end >= 0 && bytes[end] != '\n') {
            end--;
          }
          size = end + 1;
          ch.truncate(size);
        }
      }
      ByteBuffer out = ByteBuffer.wrap(json.toString().getBytes(StandardCharsets.UTF_8));
      long pos = size;
      while (out.hasRemaining()) {
        pos += ch.write(out, pos);
      }
      ch.force(true);
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private static void checkName(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(name + " must be a name or '*', got '" + value + "'");
    }
  }

  private String newId() throws IOException {
    List<Consent> existing = list();
    while (true) {
      byte[] b = new byte[5];
      RANDOM.nextBytes(b);
      String id = "c-" + HexFormat.of().formatHex(b);
      if (existing.stream().noneMatch(c -> c.id().equals(id))) {
        return id;
      }
    }
  }

  private static String userName() {
    String u = System.getProperty("user.name");
    return u == null || u.isBlank() ? "unknown" : u;
  }
}
