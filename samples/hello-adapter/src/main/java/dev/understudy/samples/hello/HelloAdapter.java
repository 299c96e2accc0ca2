package dev.understudy.samples.hello;

import dev.understudy.api.ActionEmitter;
import dev.understudy.api.Adapter;
import dev.understudy.api.CaptureContext;
import dev.understudy.proto.v1.Action;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Plays a script as if a person were working: one action per step, emitted from the adapter's own
 * thread, as a real adapter emits from the application's event thread.
 *
 * <p>{@link #start} reads the script (an unreadable script fails the start, before anything is
 * emitted) and starts the script thread; {@link #stop} stops it and waits for it. A line that does not
 * parse is reported with {@link ActionEmitter#reportLoss} naming the line, and the script goes on.
 */
final class HelloAdapter implements Adapter {

  /** The demo script inside the plugin jar, played when no script is configured. */
  static final String DEMO_SCRIPT = "demo-script.txt";

  private static final long STOP_WAIT_MS = 5_000;

  private final Path scriptFile;
  private final int delayMs;
  private volatile Thread thread;

  HelloAdapter(Path scriptFile, int delayMs) {
    this.scriptFile = scriptFile;
    this.delayMs = delayMs;
  }

  @Override
  public void start(CaptureContext context) throws IOException {
    Script script = new Script(readScript());
    Thread player = new Thread(() -> play(script, context), "hello-adapter-script");
    player.setDaemon(true);
    thread = player;
    player.start();
  }

  @Override
  public void stop() throws InterruptedException {
    Thread player = thread;
    if (player != null) {
      player.interrupt();
      player.join(STOP_WAIT_MS);
    }
  }

  private void play(Script script, CaptureContext context) {
    ActionEmitter emitter = context.emitter();
    boolean first = true;
    for (int line = 1; line <= script.lineCount() && !Thread.currentThread().isInterrupted(); line++) {
      List<Action> steps;
      try {
        steps = script.steps(line);
      } catch (ScriptException e) {
        // A bad line costs one action, visibly: the session gets a Gap, the rest of the script plays.
        emitter.reportLoss(1, e.getMessage());
        continue;
      }
      for (Action step : steps) {
        if (!first && !pause()) {
          return;
        }
        first = false;
        emitter.emit(step.toBuilder().setTimeUnixNano(context.clock().nowUnixNanos()).build());
      }
    }
  }

  // False when interrupted: stop() was called.
  private boolean pause() {
    if (delayMs == 0) {
      return true;
    }
    try {
      Thread.sleep(delayMs);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private List<String> readScript() throws IOException {
    if (scriptFile != null) {
      return Files.readAllLines(scriptFile, StandardCharsets.UTF_8);
    }
    try (InputStream in = HelloAdapter.class.getResourceAsStream(DEMO_SCRIPT)) {
      if (in == null) {
        throw new IOException("the demo script " + DEMO_SCRIPT + " is missing from the plugin");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    }
  }
}
