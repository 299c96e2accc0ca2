package dev.understudy.core.privacy.redact;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.understudy.core.privacy.PrivacyStage;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The redaction stage: scans every field of an action that the schema marks
 * {@code (understudy.v1.sensitive)} with the enabled {@link Detectors}, replaces each match by a typed
 * pseudonym such as {@code <EMAIL:7f3a9c21>}, and appends a {@code Redaction} per field and rule
 * saying what it did. Add it with {@code Recording.Builder#privacyStage}.
 *
 * <p>Pseudonyms are the first 8 hex digits of HMAC-SHA256(key, type + ":" + normalized value). By
 * default the key is random and held only in memory by this instance, so tokens agree within one
 * session (use one redactor per recording) and cannot be linked across sessions; a deployment key from
 * a file or an environment variable makes them agree across the sessions of one deployment.
 *
 * <p>Threading: {@link #apply} may be called from any thread; per-thread scratch space means nothing is
 * allocated for an action in which nothing is found. It does not block.
 */
public final class Redactor implements PrivacyStage {

  /** The stage name in counters and logs: {@value}. */
  public static final String NAME = "redaction";

  private static final FieldPlan ACTION_PLAN = FieldPlan.of(Action.getDescriptor(), Action.class);
  private static final int MAX_DEPTH = 32;

  private final TextScanner scanner;
  private final List<Detector> detectors;
  private final boolean rememberCleanMessages;
  private final boolean deploymentKey;
  private final ThreadLocal<Walk> walks;

  private Redactor(Builder b, byte[] key) {
    this.detectors = List.copyOf(b.detectors);
    this.scanner = new TextScanner(detectors, b.engine, new Pseudonyms(key));
    // Like the scanner's clean-text cache: the baseline engine stays a plain pass over every field.
    this.rememberCleanMessages = b.engine == MatchEngine.RE2J_PREFILTERED;
    this.deploymentKey = b.keySource != KeySource.SESSION;
    this.walks = ThreadLocal.withInitial(() -> new Walk(scanner.newScratch()));
  }

  /** A redactor with every built-in detector and a per-session random key. */
  public static Redactor withDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The paths of the fields this stage scans, found from the schema: "source.window_title",
   * "target.locators[].css", ...
   */
  public static List<String> scannedFields() {
    return ACTION_PLAN.describe();
  }

  /** The detectors this redactor runs, in priority order. */
  public List<Detector> detectors() {
    return detectors;
  }

  /** True when pseudonyms come from a deployment key and so agree across sessions. */
  public boolean usesDeploymentKey() {
    return deploymentKey;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Redacts one text as if it were a sensitive field: for tools and tests.
   *
   * @return the text with every match replaced; the same instance when nothing matched
   */
  public String redactText(String text) {
    TextScanner.Result r = scanner.scan(Objects.requireNonNull(text, "text"));
    return r == null ? text : r.text;
  }

  @Override
  public Action apply(Action action) {
    if (detectors.isEmpty()) {
      return action; // every detector turned off: nothing to look for
    }
    Walk walk = walks.get();
    walk.reset();
    Message.Builder redacted;
    try {
      redacted = redactFields(action, ACTION_PLAN, walk);
    } finally {
      walk.depth = 0;
    }
    if (redacted == null) {
      return action;
    }
    List<Redaction> records = walk.records;
    walk.records = null;
    // The records go into the builder that already holds the replacements: one copy of the action.
    return ((Action.Builder) redacted).addAllRedactions(records).build();
  }

  /** TextScanner for tests in this package. */
  TextScanner scanner() {
    return scanner;
  }

  /** Returns the message with its planned fields redacted, or {@code null} when nothing changed. */
  private Message redact(Message message, FieldPlan plan, Walk walk) {
    Message.Builder builder = redactFields(message, plan, walk);
    return builder == null ? null : builder.build();
  }

  /** A builder holding the message with its planned fields redacted, or {@code null} when nothing changed. */
  private Message.Builder redactFields(Message message, FieldPlan plan, Walk walk) {
    if (walk.depth == MAX_DEPTH) {
      throw new IllegalStateException("message nesting deeper than " + MAX_DEPTH);
    }
    Message.Builder builder = null;
    for (FieldPlan.Entry entry : plan.fields) {
      builder = visit(message, entry, builder, walk, false);
    }
    for (FieldPlan.OneofEntry oneof : plan.oneofs) {
      FieldPlan.Entry entry = oneof.member(oneof.setMember.number(message));
      if (entry != null) {
        builder = visit(message, entry, builder, walk, true);
      }
    }
    return builder;
  }

  /**
   * @param known true when the field is known to be set (the set member of a oneof)
   */
  private Message.Builder visit(Message message, FieldPlan.Entry entry, Message.Builder builder, Walk walk,
      boolean known) {
    FieldReader reader = entry.reader;
    if (entry.repeated) {
      int n = reader.count.count(message);
      for (int i = 0; i < n; i++) {
        walk.push(entry.field, i);
        Object replaced = redactValue(reader.getAt.get(message, i), entry, walk);
        walk.pop();
        if (replaced != null) {
          if (builder == null) {
            builder = message.toBuilder();
          }
          builder.setRepeatedField(entry.field, i, replaced);
        }
      }
      return builder;
    }
    // A text field is read once (an empty text holds nothing to find, set or not), and a oneof member
    // is not asked again whether it is set.
    Object value;
    if (known || entry.child == null) {
      value = reader.get.get(message);
      if (!known && isEmptyText(value)) {
        return builder;
      }
    } else if (reader.has.has(message)) {
      value = reader.get.get(message);
    } else {
      return builder;
    }
    walk.push(entry.field, -1);
    Object replaced = redactValue(value, entry, walk);
    walk.pop();
    if (replaced != null) {
      if (builder == null) {
        builder = message.toBuilder();
      }
      builder.setField(entry.field, replaced);
    }
    return builder;
  }

  private static boolean isEmptyText(Object value) {
    return value instanceof String ? ((String) value).isEmpty() : ((ByteString) value).isEmpty();
  }

  private Object redactValue(Object value, FieldPlan.Entry entry, Walk walk) {
    if (entry.child != null) {
      Message message = (Message) value;
      // A window's source and a control's target come back action after action. One found clean
      // stays clean (messages are immutable, the detectors fixed), so it is not walked again.
      boolean memo = rememberCleanMessages && walk.depth == 1 && (message instanceof Source || message instanceof Target);
      if (memo) {
        // The same instance as the last one found clean (actions in a row share their source): no
        // lookup, which would compare equal messages field by field.
        if (message == walk.lastCleanSource || message == walk.lastCleanTarget) {
          return null;
        }
        if (walk.clean.containsKey(message)) {
          walk.rememberClean(message);
          return null;
        }
      }
      int recordsBefore = walk.records == null ? 0 : walk.records.size();
      Message redacted = redact(message, entry.child, walk);
      if (memo && redacted == null && (walk.records == null || walk.records.size() == recordsBefore)) {
        walk.clean.put(message, Boolean.TRUE);
        walk.rememberClean(message);
      }
      return redacted;
    }
    if (value instanceof String) {
      TextScanner.Result r = scanner.scan((String) value, walk.scratch);
      if (r == null) {
        return null;
      }
      record(r, walk);
      return r.text;
    }
    ByteString bytes = (ByteString) value;
    // Binary content (a screenshot) is not text to scan; text carried as bytes is.
    if (bytes.isEmpty() || !bytes.isValidUtf8()) {
      return null;
    }
    TextScanner.Result r = scanner.scan(bytes.toStringUtf8(), walk.scratch);
    if (r == null) {
      return null;
    }
    record(r, walk);
    return ByteString.copyFromUtf8(r.text);
  }

  private void record(TextScanner.Result r, Walk walk) {
    String path = walk.path();
    if (walk.records == null) {
      walk.records = new ArrayList<>();
    }
    for (int i = 0; i < r.counts.length; i++) {
      if (r.counts[i] > 0) {
        Detector d = scanner.detector(i);
        walk.records.add(Redaction.newBuilder()
            .setFieldPath(path)
            .setRuleId(d.id())
            .setRuleVersion(d.version())
            .setReplacement(d.replacement())
            .setCount(r.counts[i])
            .build());
      }
    }
  }

  /** Per-thread state of one walk over an action: the path to the current field and the records. */
  private static final class Walk {
    /** Most clean sources and targets remembered per thread: {@value}. */
    static final int CLEAN_MEMO = 512;

    final TextScanner.Scratch scratch;
    /** Sources and targets found clean lately, least recently used first. */
    final java.util.LinkedHashMap<Message, Boolean> clean = new java.util.LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(java.util.Map.Entry<Message, Boolean> eldest) {
        return size() > CLEAN_MEMO;
      }
    };
    /** The source and the target found clean last (kept in {@link #clean} too). */
    Message lastCleanSource;
    Message lastCleanTarget;
    final FieldDescriptor[] fields = new FieldDescriptor[MAX_DEPTH + 1];
    final int[] indexes = new int[MAX_DEPTH + 1];
    int depth;
    List<Redaction> records;

    Walk(TextScanner.Scratch scratch) {
      this.scratch = scratch;
    }

    void reset() {
      depth = 0;
      records = null;
    }

    void rememberClean(Message message) {
      if (message instanceof Source) {
        lastCleanSource = message;
      } else {
        lastCleanTarget = message;
      }
    }

    void push(FieldDescriptor f, int index) {
      fields[depth] = f;
      indexes[depth] = index;
      depth++;
    }

    void pop() {
      depth--;
    }

    /** "target.locators[1].css" */
    String path() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        if (i > 0) {
          b.append('.');
        }
        b.append(fields[i].getName());
        if (indexes[i] >= 0) {
          b.append('[').append(indexes[i]).append(']');
        }
      }
      return b.toString();
    }
  }

  private enum KeySource { SESSION, FILE, ENVIRONMENT }

  /** Configures a {@link Redactor}. Not thread-safe. */
  public static final class Builder {
    private final Set<Detector> detectors = new LinkedHashSet<>(Detectors.defaults());
    private MatchEngine engine = MatchEngine.RE2J_PREFILTERED;
    private KeySource keySource = KeySource.SESSION;
    private Path keyFile;
    private String keyVariable;
    private UnaryOperator<String> environment = System::getenv;
    private byte[] fixedKey;

    private Builder() {}

    /** Turns a built-in detector off, by id ("high-entropy"). Unknown ids are refused. */
    public Builder disable(String detectorId) {
      detectors.remove(Detectors.byId(detectorId));
      return this;
    }

    /** Turns a built-in detector back on, by id. Unknown ids are refused. */
    public Builder enable(String detectorId) {
      Detector d = Detectors.byId(detectorId);
      // Keep priority order whatever order the calls come in.
      List<Detector> ordered = new ArrayList<>();
      for (Detector each : Detectors.defaults()) {
        if (each == d || detectors.contains(each)) {
          ordered.add(each);
        }
      }
      detectors.clear();
      detectors.addAll(ordered);
      return this;
    }

    /** Runs only the given built-in detectors, by id, in their priority order. */
    public Builder only(String... detectorIds) {
      Objects.requireNonNull(detectorIds, "detectorIds");
      for (String id : detectorIds) {
        Detectors.byId(id);
      }
      detectors.clear();
      for (String id : detectorIds) {
        enable(id);
      }
      return this;
    }

    /** The regex engine; {@link MatchEngine#RE2J_PREFILTERED} unless a benchmark asks for the baseline. */
    public Builder matchEngine(MatchEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The default: a random key made when the redactor is built, held only in its memory. */
    public Builder sessionKey() {
      keySource = KeySource.SESSION;
      return this;
    }

    /**
     * A deployment key read from this file when the redactor is built: at least 32 bytes, written in
     * hex or base64. Keep the file apart from the session store (it is never copied into a session).
     */
    public Builder deploymentKeyFile(Path file) {
      keyFile = Objects.requireNonNull(file, "file");
      keySource = KeySource.FILE;
      return this;
    }

    /** A deployment key read from this environment variable when the redactor is built; same format. */
    public Builder deploymentKeyEnvironment(String variable) {
      keyVariable = Objects.requireNonNull(variable, "variable");
      keySource = KeySource.ENVIRONMENT;
      return this;
    }

    /** For tests: where environment variables are looked up. */
    Builder environment(UnaryOperator<String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** For tests: a fixed key, treated as a deployment key. */
    Builder fixedKey(byte[] key) {
      this.fixedKey = key.clone();
      keySource = KeySource.FILE;
      return this;
    }

    /**
     * Builds the redactor, reading the deployment key if one was configured.
     *
     * @throws IllegalArgumentException naming the key setting when the key cannot be read or is too short
     */
    public Redactor build() {
      byte[] key;
      switch (keySource) {
        case FILE:
          key = fixedKey != null ? fixedKey.clone() : PseudonymKey.fromFile(keyFile);
          break;
        case ENVIRONMENT:
          key = PseudonymKey.fromEnvironment(keyVariable, environment);
          break;
        case SESSION:
        default:
          key = PseudonymKey.random();
      }
      try {
        return new Redactor(this, key);
      } finally {
        java.util.Arrays.fill(key, (byte) 0);
      }
    }
  }
}
