package dev.understudy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How {@code understudy pause} and {@code resume} reach a running {@code understudy record} and the
 * browser extension's native hosts: files in {@code <home>/control}. The recorder writes its process id to
 * {@code recorder} while it runs, each native host an empty file {@code hosts/<pid>}; they poll for
 * {@code paused} every 250 ms; pause creates that file, resume deletes it.
 */
final class Control {

  private final Path dir;

  Control(Path dir) {
    this.dir = dir;
  }

  private Path recorderFile() {
    return dir.resolve("recorder");
  }

  private Path hostFile(long pid) {
    return dir.resolve("hosts").resolve(Long.toString(pid));
  }

  private Path pausedFile() {
    return dir.resolve("paused");
  }

  /** Announces this process as the running recorder. */
  void register() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(recorderFile(), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
  }

  /** Withdraws the announcement and any pause request; the next recording starts capturing. */
  void unregister() {
    try {
      Optional<Long> pid = recorderPid();
      if (pid.isPresent() && pid.get() == ProcessHandle.current().pid()) {
        Files.deleteIfExists(recorderFile());
        Files.deleteIfExists(pausedFile());
      }
    } catch (IOException e) {
      // Best effort: a stale file names a dead process, which runningRecorder() ignores.
    }
  }

  /** Announces this process as a native host that follows pause and resume. */
  void registerHost() throws IOException {
    Path file = hostFile(ProcessHandle.current().pid());
    Files.createDirectories(file.getParent());
    Files.writeString(file, "", StandardCharsets.UTF_8);
  }

  /**
   * Withdraws this native host's announcement; the pause request too when no recorder or other host runs
   * any more, so the next recording starts capturing.
   */
  void unregisterHost() {
    try {
      Files.deleteIfExists(hostFile(ProcessHandle.current().pid()));
      if (running().isEmpty()) {
        Files.deleteIfExists(pausedFile());
      }
    } catch (IOException e) {
      // Best effort: a stale file names a dead process, which running() ignores.
    }
  }

  /** The process ids of the recorder and the native hosts running in this home, the recorder first. */
  List<Long> running() {
    List<Long> pids = new ArrayList<>();
    runningRecorder().ifPresent(pids::add);
    try (Stream<Path> hosts = Files.list(dir.resolve("hosts"))) {
      hosts.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{1,19}")).map(Long::parseLong)
          .filter(Control::alive).sorted().forEach(pids::add);
    } catch (IOException e) {
      // No hosts directory: no host ever ran here.
    }
    return pids;
  }

  /**
   * The running recorder's and native hosts' process ids.
   *
   * @throws CliException (not found) saying there is nothing to {@code what} when none runs
   */
  List<Long> requireRunning(Home home, String what) {
    List<Long> pids = running();
    if (pids.isEmpty()) {
      throw new CliException(ExitCodes.NOT_FOUND, "no recording is running in " + home.root() + "; nothing to " + what
          + " (start one with 'understudy record', or the browser extension)");
    }
    return pids;
  }

  /** How pause and resume name what they reached: "the recording (process 12)", "the recordings (processes 12, 14)". */
  static String describe(List<Long> pids) {
    return pids.size() == 1 ? "the recording (process " + pids.get(0) + ")"
        : "the recordings (processes " + pids.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The process id of the recorder running in this home, if one is. */
  Optional<Long> runningRecorder() {
    return recorderPid().filter(Control::alive);
  }

  private Optional<Long> recorderPid() {
    try {
      return Optional.of(Long.parseLong(Files.readString(recorderFile(), StandardCharsets.UTF_8).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  void requestPause() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(pausedFile(), "paused\n", StandardCharsets.UTF_8);
  }

  void requestResume() throws IOException {
    Files.deleteIfExists(pausedFile());
  }

  boolean pauseRequested() {
    return Files.exists(pausedFile());
  }
}
