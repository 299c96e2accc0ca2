package dev.understudy.bench.office;

import dev.understudy.core.Recording;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The office adapter (uno backend) recording a LibreOffice into a session store in a temporary
 * directory, with every stored action handed to the benchmark with the {@code nanoTime} it arrived.
 * {@code -Doffice.accessibility=false} records without the accessibility listeners.
 */
final class OfficeRecorder implements AutoCloseable {
  /** A stored action and when the subscriber got it. */
  record Stored(long nanos, Action action) {}

  private final Path dir;
  private final Recording recording;
  private final LinkedBlockingQueue<Stored> stored = new LinkedBlockingQueue<>();

  OfficeRecorder(String connect) throws IOException {
    dir = Files.createTempDirectory("bench-office-store-");
    recording = Recording.builder().storeDirectory(dir).adapter(new OfficeAdapterProvider())
        .config("adapter.office.uno.connect", connect)
        .config("adapter.office.uno.accessibility", System.getProperty("office.accessibility", "true"))
        .startTimeout(Duration.ofSeconds(60)).start();
    recording.subscribe(a -> stored.add(new Stored(System.nanoTime(), a)));
  }

  /** The next stored action that matches, waiting at most {@code seconds}; others are skipped. */
  Stored next(Predicate<Action> what, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      Stored s = stored.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (s == null) {
        throw new IllegalStateException("no matching action stored within " + seconds + " s");
      }
      if (what.test(s.action())) {
        return s;
      }
    }
  }

  void clear() {
    stored.clear();
  }

  @Override
  public void close() throws IOException {
    recording.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
