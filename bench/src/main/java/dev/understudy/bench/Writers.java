package dev.understudy.bench;

import dev.understudy.proto.v1.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Opens the writers by the names the benchmarks' parameters use, and the directories they write in. */
final class Writers {

  /** Ours end to end: emit, pipeline, session store. */
  static final String UNDERSTUDY = "understudy";
  /** Ours, the session store alone on the calling thread. */
  static final String STORE = "store";
  /** Peer (a): Jackson JSON lines. */
  static final String JSONL = "jsonl";
  /** Peer (b): SQLite in WAL mode. */
  static final String SQLITE = "sqlite";

  /** System property naming where benchmarks write; default the JVM's temporary directory. */
  static final String DIR_PROPERTY = "understudy.bench.dir";

  private Writers() {}

  /**
   * Opens the named writer in {@code dir}: the session store in {@code dir/store}, JSON lines in
   * {@code dir/actions.jsonl}, SQLite in {@code dir/actions.db}.
   *
   * @param queueCapacity the emit queue's capacity, for {@link #UNDERSTUDY}
   */
  static ActionWriter open(String name, Path dir, Durability durability, int queueCapacity) throws Exception {
    boolean powerSafe = durability == Durability.DURABILITY_POWER_SAFE;
    switch (name) {
      case UNDERSTUDY:
        return RecordingWriter.start(dir.resolve("store"), durability, queueCapacity, null);
      case STORE:
        return new StoreWriter(dir.resolve("store"), durability);
      case JSONL:
        return new JsonLinesWriter(dir.resolve("actions.jsonl"), powerSafe);
      case SQLITE:
        return new SqliteWriter(dir.resolve("actions.db"), powerSafe);
      default:
        throw new IllegalArgumentException("writer: unknown name '" + name + "'");
    }
  }

  /** A writer in a directory of its own; closing closes the writer and deletes the directory. */
  record Fresh(Path dir, ActionWriter writer) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      try {
        writer.close();
      } finally {
        delete(dir);
      }
    }
  }

  /** Opens the named writer in a new directory; see {@link #open}. */
  static Fresh openFresh(String name, Durability durability, int queueCapacity) throws Exception {
    return inNewDirectory(dir -> open(name, dir, durability, queueCapacity));
  }

  /**
   * Ours end to end in a new directory, with the runtime's default redaction on or off ({@link
   * #UNDERSTUDY} is with it off), under the given policy (null: the default).
   */
  static Fresh openRecording(Durability durability, int queueCapacity, boolean redaction,
      dev.understudy.api.Policy policy) throws Exception {
    return inNewDirectory(dir -> RecordingWriter.start(dir.resolve("store"), durability, queueCapacity, null, redaction, policy));
  }

  /** What opens a writer in a given directory. */
  @FunctionalInterface
  private interface Opener {
    ActionWriter open(Path dir) throws Exception;
  }

  private static Fresh inNewDirectory(Opener opener) throws Exception {
    Path dir = newDirectory();
    try {
      return new Fresh(dir, opener.open(dir));
    } catch (Exception | Error e) {
      delete(dir);
      throw e;
    }
  }

  /** A new empty directory under {@link #DIR_PROPERTY} (or the temporary directory). */
  static Path newDirectory() throws IOException {
    String base = System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir"));
    Path root = Path.of(base);
    Files.createDirectories(root);
    return Files.createTempDirectory(root, "understudy-bench-");
  }

  /** Deletes a directory made by {@link #newDirectory} with everything in it. */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
