package dev.understudy.plugins.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sits between an editor and a real language server: starts the server from a command line and forwards
 * editor input to the server's stdin and the server's stdout to the editor, each through a
 * {@link TransparentPipe}, byte for byte; the server's stderr goes to the given error stream. A
 * {@link FrameTap} sees a copy of every frame off the forwarding path, on one thread for both
 * directions, in the order the frames crossed the proxy.
 *
 * <p>How it ends: when the server closes its stdout (normally because it exited), the proxy waits for the
 * process, closes the editor output and reports the exit code. If the server went before the editor
 * ended the session (LSP {@code exit}), the editor's requests it left unanswered are first answered with
 * JSON-RPC errors ({@code -32603}), so the editor is not left waiting; {@link Result#problem()} says
 * what happened. When the editor closes its input, the
 * proxy closes the server's stdin and waits up to the shutdown timeout (default
 * {@link #DEFAULT_SHUTDOWN_TIMEOUT}) before destroying it. When the server sends malformed framing, the
 * proxy cannot resynchronise, so it stops the server and reports the error.
 *
 * <p>{@link #run()} blocks the calling thread until the session ends; call it once.
 */
public final class LspProxy {
  /** Default time the server gets to exit after its stdin is closed before it is destroyed: 5 seconds. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(LspProxy.class.getName());

  /**
   * How a proxy session ended.
   *
   * @param exitCode the server's exit code, or {@code -1} if it had to be destroyed and gave none
   * @param serverToEditor how the server-to-editor pipe ended
   * @param editorToServer how the editor-to-server pipe ended, or empty if the editor input was still open
   * @param serverToEditorFrames frames forwarded to the editor
   * @param editorToServerFrames frames forwarded to the server
   * @param editorSentExit whether the editor ended the session itself (LSP {@code exit})
   * @param answeredWithErrors the editor's requests the server left unanswered, which the proxy answered
   *     with JSON-RPC errors
   * @param tapDrops frame copies the tap never saw because its queue was full
   */
  public record Result(
      int exitCode,
      TransparentPipe.Result serverToEditor,
      Optional<TransparentPipe.Result> editorToServer,
      long serverToEditorFrames,
      long editorToServerFrames,
      boolean editorSentExit,
      int answeredWithErrors,
      long tapDrops) {

    /** What went wrong, in a sentence for a person, or empty when the session ended as LSP says it should. */
    public Optional<String> problem() {
      String answered = answeredWithErrors == 0 ? ""
          : "; " + answeredWithErrors + " request(s) it left unanswered were answered with errors";
      if (editorToServer.isPresent() && editorToServer.get().end() == TransparentPipe.End.MALFORMED_INPUT) {
        return Optional.of("the editor sent malformed LSP framing (" + editorToServer.get().error().getMessage()
            + "); forwarding stopped and the language server was shut down" + answered);
      }
      if (serverToEditor.end() == TransparentPipe.End.MALFORMED_INPUT) {
        return Optional.of("the language server sent malformed LSP framing (" + serverToEditor.error().getMessage()
            + "); it was stopped" + answered);
      }
      if (serverToEditor.end() == TransparentPipe.End.INPUT_FAILED) {
        return Optional.of("reading the language server's output failed (" + serverToEditor.error() + ")" + answered);
      }
      boolean editorClosed = editorToServer.isPresent() && editorToServer.get().end() != TransparentPipe.End.OUTPUT_FAILED;
      if (!editorSentExit && !editorClosed) {
        return Optional.of("the language server exited with code " + exitCode + " before the editor ended the session"
            + answered);
      }
      return Optional.empty();
    }
  }

  private final List<String> command;
  private final InputStream editorIn;
  private final OutputStream editorOut;
  private final OutputStream serverErr;
  private final FrameTap tap;
  private final Duration shutdownTimeout;
  private final int tapQueueCapacity;

  private LspProxy(Builder b) {
    this.command = List.copyOf(b.command);
    this.editorIn = b.editorIn;
    this.editorOut = b.editorOut;
    this.serverErr = b.serverErr;
    this.tap = b.tap;
    this.shutdownTimeout = b.shutdownTimeout;
    this.tapQueueCapacity = b.tapQueueCapacity;
  }

  /** A builder for a proxy in front of the server started by {@code command} (program and arguments). */
  public static Builder builder(List<String> command) {
    return new Builder(command);
  }

  /**
   * Starts the server and forwards until the session ends.
   *
   * @throws IOException when the server cannot be started
   */
  public Result run() throws IOException, InterruptedException {
    Process server = new ProcessBuilder(command).start();
    PendingRequests requests = new PendingRequests();
    // One tap thread for both directions, fed in the order frames cross: causes before their effects.
    // Each frame's head is read once, for the request tracker and the tap; the frame is not copied for them.
    ScannedFrameTap scanned = tap instanceof ScannedFrameTap s ? s : null;
    FrameQueue tapQueue = new FrameQueue((direction, frame) -> {
      byte[] raw = frame.rawBytes();
      int offset = frame.headerLength();
      int length = frame.bodyLength();
      JsonRpcHead head = JsonRpcHead.scan(raw, offset, length);
      requests.onFrame(direction, raw, offset, length, head);
      if (scanned != null) {
        scanned.onFrame(direction, raw, offset, length, head);
      } else if (tap != FrameTap.NONE) {
        tap.onFrame(direction, frame.body());
      }
    }, tapQueueCapacity, "understudy-lsp-tap");
    TransparentPipe toServer = TransparentPipe.builder(Direction.EDITOR_TO_SERVER, editorIn, server.getOutputStream())
        .sharedTapQueue(tapQueue).build();
    TransparentPipe toEditor = TransparentPipe.builder(Direction.SERVER_TO_EDITOR, server.getInputStream(), editorOut)
        .sharedTapQueue(tapQueue).build();
    tapQueue.start();

    CompletableFuture<TransparentPipe.Result> editorSide = new CompletableFuture<>();
    // The editor's input may never close (a blocked System.in read cannot be interrupted): daemon thread.
    Thread editorThread = new Thread(() -> {
      TransparentPipe.Result r = toServer.run();
      editorSide.complete(r);
      closeQuietly(server.getOutputStream());
      if (r.end() == TransparentPipe.End.INPUT_CLOSED) {
        stop(server);
      }
    }, "understudy-lsp-editor-to-server");
    editorThread.setDaemon(true);
    Thread stderrThread = new Thread(() -> {
      try (InputStream err = server.getErrorStream()) {
        err.transferTo(serverErr);
        serverErr.flush();
      } catch (IOException e) {
        LOG.log(Level.FINE, "server stderr copy ended", e);
      }
    }, "understudy-lsp-server-stderr");
    stderrThread.setDaemon(true);
    editorThread.start();
    stderrThread.start();

    TransparentPipe.Result serverSide = toEditor.run();
    if (serverSide.end() != TransparentPipe.End.INPUT_CLOSED) {
      LOG.warning("LSP server output ended with " + serverSide.end() + " (" + serverSide.error()
          + "); stopping the server");
      server.destroy();
    }
    int exitCode = stop(server);
    stderrThread.join(shutdownTimeout.toMillis());
    // Everything both sides said so far reaches the tap (and the request tracker) before the answers.
    tapQueue.awaitIdle(shutdownTimeout.toMillis());
    TransparentPipe.Result editorEnd = editorSide.getNow(null);
    int answered = 0;
    boolean editorListening = editorEnd == null || editorEnd.end() != TransparentPipe.End.INPUT_CLOSED;
    if (!requests.exitSent() && editorListening) {
      answered = answerOpenRequests(requests, exitCode, serverSide, tapQueue);
    }
    closeQuietly(editorOut);
    tapQueue.close();
    tapQueue.awaitClosed(shutdownTimeout.toMillis());
    return new Result(exitCode, serverSide, Optional.ofNullable(editorSide.getNow(null)), toEditor.frames(),
        toServer.frames(), requests.exitSent(), answered, tapQueue.drops());
  }

  /**
   * Answers each request the server left open with a JSON-RPC error, so the editor stops waiting and can
   * tell its user; the tap sees each answer as if the server had sent it. Returns how many were answered.
   */
  private int answerOpenRequests(PendingRequests requests, int exitCode, TransparentPipe.Result serverSide,
      FrameQueue tapQueue) {
    String why = serverSide.end() == TransparentPipe.End.MALFORMED_INPUT
        ? "understudy lsp-proxy: the language server sent malformed output and was stopped"
        : "understudy lsp-proxy: the language server exited (code " + exitCode + ") before answering";
    int answered = 0;
    for (PendingRequests.Request r : requests.takeOpen()) {
      byte[] body = PendingRequests.errorResponse(r, why + " " + r.method());
      LspFrame frame = LspFrame.of(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
      try {
        editorOut.write(frame.rawBytes());
        editorOut.flush();
      } catch (IOException e) {
        LOG.log(Level.FINE, "the editor is gone; no more answers", e);
        break;
      }
      answered++;
      tapQueue.offer(Direction.SERVER_TO_EDITOR, frame);
    }
    return answered;
  }

  /** Waits for the server to exit within the shutdown timeout, then destroys it; returns its exit code. */
  private int stop(Process server) {
    try {
      if (!server.waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warning("LSP server did not exit within " + shutdownTimeout + "; destroying it");
        server.destroy();
        if (!server.waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          server.destroyForcibly().waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.destroyForcibly();
    }
    return server.isAlive() ? -1 : server.exitValue();
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "close failed", e);
    }
  }

  /** Builds an {@link LspProxy}. */
  public static final class Builder {
    private final List<String> command;
    private InputStream editorIn = System.in;
    private OutputStream editorOut = System.out;
    private OutputStream serverErr = System.err;
    private FrameTap tap = FrameTap.NONE;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private int tapQueueCapacity = TransparentPipe.DEFAULT_TAP_QUEUE_CAPACITY;

    private Builder(List<String> command) {
      Objects.requireNonNull(command, "command");
      if (command.isEmpty()) {
        throw new IllegalArgumentException("command must name the language server to start");
      }
      this.command = List.copyOf(command);
    }

    /** Where the editor's frames come from; default {@code System.in}. */
    public Builder editorIn(InputStream editorIn) {
      this.editorIn = Objects.requireNonNull(editorIn, "editorIn");
      return this;
    }

    /** Where the server's frames go; default {@code System.out}. */
    public Builder editorOut(OutputStream editorOut) {
      this.editorOut = Objects.requireNonNull(editorOut, "editorOut");
      return this;
    }

    /** Where the server's stderr goes; default {@code System.err}. */
    public Builder serverErr(OutputStream serverErr) {
      this.serverErr = Objects.requireNonNull(serverErr, "serverErr");
      return this;
    }

    /** Sees a copy of every frame, both ways; default {@link FrameTap#NONE}. */
    public Builder tap(FrameTap tap) {
      this.tap = Objects.requireNonNull(tap, "tap");
      return this;
    }

    /** Time the server gets to exit before it is destroyed; default 5 seconds. */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
      if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
        throw new IllegalArgumentException("shutdownTimeout must be positive, got " + shutdownTimeout);
      }
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** Frames waiting for the tap before new ones are dropped; default {@value TransparentPipe#DEFAULT_TAP_QUEUE_CAPACITY}. */
    public Builder tapQueueCapacity(int tapQueueCapacity) {
      if (tapQueueCapacity < 1) {
        throw new IllegalArgumentException("tapQueueCapacity must be positive, got " + tapQueueCapacity);
      }
      this.tapQueueCapacity = tapQueueCapacity;
      return this;
    }

    /** The proxy. */
    public LspProxy build() {
      return new LspProxy(this);
    }
  }
}
