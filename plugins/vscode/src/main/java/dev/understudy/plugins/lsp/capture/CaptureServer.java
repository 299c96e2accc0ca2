package dev.understudy.plugins.lsp.capture;

import dev.understudy.api.CaptureClock;
import dev.understudy.proto.v1.Action;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The editor capture server: a language server an editor runs next to its real ones, for every file type,
 * that answers nothing but records what the editor does. Documents opened, changed, saved and closed (the
 * changes coalesced into semantic edits by {@link EditCoalescer}), files created, renamed and deleted,
 * commands executed, and the {@code understudy/*} notifications of {@link EditorNotificationService}.
 *
 * <pre>{@code
 * CaptureServer server = CaptureServer.builder(actions::add).build();
 * CaptureServer.Result result = server.run(System.in, System.out);  // until the editor sends exit
 * }</pre>
 *
 * <p>One server serves one connection, once. {@link #run} blocks the calling thread; LSP4J reads on a thread
 * of its own and the actions are handed to the consumer on it (or on the idle timer's thread, for an edit
 * completed by idleness), one at a time.
 */
public final class CaptureServer {

  private static final Logger LOG = Logger.getLogger(CaptureServer.class.getName());

  /** Default idle window after which a run of typing is recorded as one edit: 1 second. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(1);
  /** Default longest text one coalesced edit gathers before it is recorded: {@value} characters. */
  public static final int DEFAULT_MAX_EDIT_CHARS = 10_000;
  /** Default longest document whose text at open is recorded (longer ones cannot be replayed): {@value} characters. */
  public static final int DEFAULT_MAX_OPEN_CHARS = 2_000_000;

  /** Counters of one connection. */
  public record Stats(long messages, long actions, long changes, long malformed, long unknownMethods,
      long unknownDocuments) {}

  /**
   * How a connection ended.
   *
   * @param exitCode what the protocol asks a server to exit with: 0 after {@code shutdown} then {@code exit},
   *     1 otherwise (exit without shutdown, or the editor closed the connection)
   * @param exitReceived whether the editor sent {@code exit} (false: the input ended)
   */
  public record Result(int exitCode, boolean exitReceived, Stats stats) {}

  private final Builder config;
  private final CaptureLauncher.Counters counters = new CaptureLauncher.Counters();
  private final EditorCapture capture;
  private boolean used;

  private CaptureServer(Builder b) {
    this.config = b;
    this.capture = new EditorCapture(b.emitter, b.clock, b.pauseControl, b.idle.toNanos(), b.maxEditChars, b.maxOpenChars,
        b.selectionText);
  }

  /** A builder for a server handing its actions to {@code emitter}. */
  public static Builder builder(Consumer<Action> emitter) {
    return new Builder(emitter);
  }

  /**
   * Serves one editor on these streams until it sends {@code exit} or closes its side, then completes the
   * edit being coalesced. Nothing but LSP messages is written to {@code out}.
   *
   * @throws IllegalStateException if this server already ran
   */
  public Result run(InputStream in, OutputStream out) throws InterruptedException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    synchronized (this) {
      if (used) {
        throw new IllegalStateException("a capture server serves one connection");
      }
      used = true;
    }
    CaptureLanguageServer server = new CaptureLanguageServer(capture, config.commands);
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "understudy-lsp-capture");
      t.setDaemon(true);
      return t;
    });
    try {
      CaptureLauncher builder = new CaptureLauncher(server, counters);
      builder.setInput(in).setOutput(out).setExecutorService(executor);
      Launcher<LanguageClient> launcher = builder.create();
      Future<Void> listening = launcher.startListening();
      while (!server.exited().await(50, TimeUnit.MILLISECONDS)) {
        if (listening.isDone()) {
          break;
        }
      }
      boolean exitReceived = server.exited().getCount() == 0;
      if (!listening.isDone()) {
        listening.cancel(true);
      } else {
        try {
          listening.get(0, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
          LOG.log(Level.FINE, "the editor's connection ended with an error", e);
        }
      }
      return new Result(exitReceived && server.shutdownRequested() ? 0 : 1, exitReceived, stats());
    } finally {
      capture.close();
      executor.shutdownNow();
    }
  }

  /** The counters so far. */
  public Stats stats() {
    return new Stats(counters.messages.get(), capture.emitted(), capture.changes(),
        counters.malformed.get() + capture.malformedCount(), counters.unknownMethods.get(), capture.unknownDocuments());
  }

  /** Whether an editor extension has paused capture. */
  public boolean paused() {
    return capture.paused();
  }

  /** Builds a {@link CaptureServer}. Not thread-safe. */
  public static final class Builder {
    private final Consumer<Action> emitter;
    private CaptureClock clock = CaptureClock.system();
    private PauseControl pauseControl = PauseControl.NONE;
    private Duration idle = DEFAULT_IDLE;
    private int maxEditChars = DEFAULT_MAX_EDIT_CHARS;
    private int maxOpenChars = DEFAULT_MAX_OPEN_CHARS;
    private boolean selectionText = true;
    private List<String> commands = List.of();

    private Builder(Consumer<Action> emitter) {
      this.emitter = Objects.requireNonNull(emitter, "emitter");
    }

    /** The clock for event times and the idle window: default the system clock. */
    public Builder clock(CaptureClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** What {@code understudy/pause} does beyond the server's own pause: default {@link PauseControl#NONE}. */
    public Builder pauseControl(PauseControl pauseControl) {
      this.pauseControl = Objects.requireNonNull(pauseControl, "pauseControl");
      return this;
    }

    /** How long typing may pause and still join the same edit: default {@link #DEFAULT_IDLE}. */
    public Builder idle(Duration idle) {
      Objects.requireNonNull(idle, "idle");
      if (idle.isNegative() || idle.isZero()) {
        throw new IllegalArgumentException("idle must be positive, got " + idle);
      }
      this.idle = idle;
      return this;
    }

    /** Longest text one edit gathers: default {@value #DEFAULT_MAX_EDIT_CHARS}. */
    public Builder maxEditChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("maxEditChars must be positive, got " + chars);
      }
      this.maxEditChars = chars;
      return this;
    }

    /** Longest document whose opening text is recorded: default {@value #DEFAULT_MAX_OPEN_CHARS}. */
    public Builder maxOpenChars(int chars) {
      if (chars < 0) {
        throw new IllegalArgumentException("maxOpenChars must be 0 or more, got " + chars);
      }
      this.maxOpenChars = chars;
      return this;
    }

    /** Whether selections carry the selected text (when the policy allows text content): default true. */
    public Builder selectionText(boolean selectionText) {
      this.selectionText = selectionText;
      return this;
    }

    /** Commands the server advertises for {@code workspace/executeCommand}: default none. */
    public Builder commands(List<String> commands) {
      this.commands = List.copyOf(Objects.requireNonNull(commands, "commands"));
      return this;
    }

    public CaptureServer build() {
      return new CaptureServer(this);
    }
  }
}
