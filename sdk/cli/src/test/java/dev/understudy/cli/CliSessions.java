package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.CaptureClock;
import dev.understudy.core.store.SessionId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A home with the hello plugin, and sessions recorded into it through the command. */
final class CliSessions {

  final Path home;

  CliSessions(Path home) throws IOException {
    this.home = home;
    BundledHelloPlugin.install(home);
    CliRun grant = CliRun.run(home, "consent", "grant", "--adapter", "hello");
    assertThat(grant.exitCode()).as(grant.err()).isZero();
  }

  /** Records a one-second session with these extra options; returns its id. */
  String record(Map<String, String> env, String... options) {
    List<String> before = ids();
    List<String> args = new java.util.ArrayList<>(List.of("record", "--duration", "1s", "--set", "adapter.hello.delay-ms=1"));
    args.addAll(List.of(options));
    CliRun run = CliRun.run(home, env, args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> after = new java.util.ArrayList<>(ids());
    after.removeAll(before);
    assertThat(after).hasSize(1);
    return after.get(0);
  }

  List<String> ids() {
    if (!Files.isDirectory(home.resolve("sessions"))) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(home.resolve("sessions"))) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.length() == 36).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Every byte of every file under the session store. */
  byte[] storeBytes() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(home.resolve("sessions"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.write(Files.readAllBytes(f));
      }
    }
    return all.toByteArray();
  }

  /** The first segment file of a session. */
  Path firstSegment(String id) throws IOException {
    try (Stream<Path> files = Files.list(home.resolve("sessions").resolve(id))) {
      return files.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().findFirst().orElseThrow();
    }
  }

  /** A session id whose time is {@code unixMillis}, with random bits after it. */
  static SessionId idAt(long unixMillis) {
    return SessionId.generate(new CaptureClock() {
      @Override
      public long nowUnixNanos() {
        return unixMillis * 1_000_000L;
      }

      @Override
      public long nanoTime() {
        return 0;
      }
    });
  }
}
