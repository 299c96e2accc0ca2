package dev.understudy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@code understudy pause} and {@code resume} reach a running {@code understudy record}: files in
 * {@code <home>/control}. The recorder writes its process id to {@code recorder} while it runs and
 * polls for {@code paused} on every tick (250 ms); pause creates that file, resume deletes it.
 */
final class Control {

  private final Path dir;

  Control(Path dir) {
    this.dir = dir;
  }

  private Path recorderFile() {
    return dir.resolve("recorder");
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

  /** The process id of the recorder running in this home, if one is. */
  Optional<Long> runningRecorder() {
    return recorderPid().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  /**
   * The running recorder's process id.
   *
   * @throws CliException (not found) saying there is nothing to {@code what} when none runs
   */
  long requireRecorder(Home home, String what) {
    return runningRecorder().orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND,
        "no recording is running in " + home.root() + "; nothing to " + what + " (start one with 'understudy record')"));
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
