package dev.understudy.plugins.lsp.capture;

import dev.understudy.api.CaptureClock;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.TextRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * The capture server's state and rules, apart from the protocol: the open documents and their text, the
 * edit being coalesced, pause, and which action each event becomes. Every method is synchronized: LSP4J
 * delivers notifications on one thread, and the idle timer completes a waiting edit from another.
 */
final class EditorCapture implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EditorCapture.class.getName());
  /** Selected text longer than this is not recorded with the selection (the ranges still are): {@value}. */
  static final int MAX_SELECTION_CHARS = 2_000;

  /** One open document. */
  private static final class Doc {
    final DocumentText text;
    final String language;
    long version;
    /** Why its record is not complete (see {@link CaptureAttributes#INCOMPLETE}); null when it is. */
    String incomplete;

    Doc(String text, String language, long version) {
      this.text = new DocumentText(text);
      this.language = language;
      this.version = version;
    }
  }

  private final Map<String, Doc> docs = new HashMap<>();
  private final CaptureActions actions = new CaptureActions();
  private final EditCoalescer coalescer;
  private final Consumer<Action> out;
  private final CaptureClock clock;
  private final PauseControl pauseControl;
  private final int maxOpenChars;
  private final boolean selectionText;
  private final long idleNanos;
  private final ScheduledExecutorService timer;
  private ScheduledFuture<?> idleCheck;
  private boolean paused;
  private boolean closed;
  private String activeUri = "";

  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong unknownDocuments = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong withheld = new AtomicLong();

  EditorCapture(Consumer<Action> out, CaptureClock clock, PauseControl pauseControl, long idleNanos, int maxRunChars,
      int maxOpenChars, boolean selectionText) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pauseControl = Objects.requireNonNull(pauseControl, "pauseControl");
    this.idleNanos = idleNanos;
    this.maxOpenChars = maxOpenChars;
    this.selectionText = selectionText;
    this.coalescer = new EditCoalescer(idleNanos, maxRunChars, this::emitEdit);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "understudy-lsp-capture-idle");
      t.setDaemon(true);
      return t;
    });
  }

  // --- LSP ---

  synchronized void editorName(String name) {
    actions.editorName(name);
  }

  synchronized String appId() {
    return actions.appId();
  }

  synchronized void open(String uri, String language, long version, String text) {
    coalescer.flush();
    long now = clock.nowUnixNanos();
    Doc doc = new Doc(text, language, version);
    docs.put(uri, doc);
    emitBuilt(actions.fileEvent(FileOperation.FILE_OPERATION_OPEN, uri, "", now), doc);
    if (paused) {
      doc.incomplete = "paused";
    } else if (text.length() > maxOpenChars) {
      doc.incomplete = "too-large";
    } else {
      emit(actions.openText(uri, language, version, text, now));
    }
  }

  synchronized void change(String uri, long version, List<TextDocumentContentChangeEvent> contentChanges) {
    Doc doc = docs.get(uri);
    if (doc == null) {
      unknownDocuments.incrementAndGet();
      return;
    }
    long wall = clock.nowUnixNanos();
    long nanos = clock.nanoTime();
    for (TextDocumentContentChangeEvent c : contentChanges) {
      if (c == null || c.getText() == null) {
        malformed.incrementAndGet();
        continue;
      }
      changes.incrementAndGet();
      int start;
      int end;
      if (c.getRange() == null) {
        start = 0;
        end = doc.text.length();
      } else {
        start = offset(doc, c.getRange().getStart());
        end = offset(doc, c.getRange().getEnd());
      }
      if (paused) {
        doc.text.replace(start, Math.max(start, end), c.getText());
        doc.incomplete = "paused";
      } else {
        coalescer.change(uri, doc.text, start, end, c.getText(), version, wall, nanos);
      }
    }
    doc.version = version;
    scheduleIdleCheck();
  }

  synchronized void save(String uri) {
    coalescer.flush();
    Doc doc = docs.get(uri);
    Action.Builder a = actions.fileEvent(FileOperation.FILE_OPERATION_SAVE, uri, "", clock.nowUnixNanos());
    if (doc == null) {
      unknownDocuments.incrementAndGet();
    } else {
      a.addAttributes(CaptureActions.attr(CaptureAttributes.SHA256, PrivacyPolicy.sha256(doc.text.toString())));
      if (doc.incomplete != null) {
        a.addAttributes(CaptureActions.attr(CaptureAttributes.INCOMPLETE, doc.incomplete));
      }
    }
    emitBuilt(a, doc);
  }

  synchronized void close(String uri) {
    coalescer.flush();
    Doc doc = docs.remove(uri);
    emitBuilt(actions.fileEvent(FileOperation.FILE_OPERATION_CLOSE, uri, "", clock.nowUnixNanos()), doc);
  }

  synchronized void files(FileOperation op, List<String> uris) {
    coalescer.flush();
    long now = clock.nowUnixNanos();
    for (String uri : uris) {
      emit(actions.fileEvent(op, uri, "", now).build());
    }
  }

  synchronized void renamed(String oldUri, String newUri) {
    coalescer.flush();
    emit(actions.fileEvent(FileOperation.FILE_OPERATION_RENAME, oldUri, newUri, clock.nowUnixNanos()).build());
  }

  synchronized void executeCommand(String command, List<String> arguments) {
    coalescer.flush();
    String[] named = new String[arguments.size() * 2];
    for (int i = 0; i < arguments.size(); i++) {
      named[2 * i] = "arg" + i;
      named[2 * i + 1] = arguments.get(i);
    }
    emit(actions.invoke(command, InvokeMethod.INVOKE_METHOD_COMMAND_PALETTE, null, clock.nowUnixNanos(), named).build());
  }

  // --- understudy/* notifications (times in ms since the epoch, 0 when the editor gave none) ---

  synchronized void activeEditor(String uri, String language, long timeMillis) {
    coalescer.flush();
    Doc doc = docs.get(uri);
    String lang = !language.isEmpty() ? language : doc == null ? "" : doc.language;
    emit(actions.focus(uri, lang, activeUri, time(timeMillis)));
    activeUri = uri;
  }

  /** Each range as {startLine, startCharacter, endLine, endCharacter}. */
  synchronized void selection(String uri, List<int[]> ranges, String kind, long timeMillis) {
    Doc doc = docs.get(uri);
    if (doc != null && ranges.size() == 1 && ranges.get(0)[0] == ranges.get(0)[2] && ranges.get(0)[1] == ranges.get(0)[3]
        && coalescer.caretFollowsRun(doc.text, doc.text.offset(ranges.get(0)[0], ranges.get(0)[1]))) {
      withheld.incrementAndGet(); // the caret following what is being typed: the edit says it already
      return;
    }
    coalescer.flush();
    List<TextRange> protoRanges = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int[] r : ranges) {
      protoRanges.add(CaptureActions.range(r[0], r[1], r[2], r[3]));
      if (selectionText && doc != null) {
        int s = doc.text.offset(r[0], r[1]);
        int e = doc.text.offset(r[2], r[3]);
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(doc.text.substring(Math.min(s, e), Math.max(s, e)));
      }
    }
    String selected = text.length() <= MAX_SELECTION_CHARS ? text.toString() : "";
    emit(actions.selection(uri, protoRanges, selected, kind, time(timeMillis)));
  }

  synchronized void terminalCommand(String terminal, String commandLine, String cwd, String exitCode, long timeMillis) {
    coalescer.flush();
    Action.Builder a = actions.invoke("terminal.execute", InvokeMethod.INVOKE_METHOD_COMMAND_PALETTE,
        CaptureActions.named("terminal", terminal), time(timeMillis), "commandLine", commandLine, "cwd", cwd);
    emit(withExitCode(a, exitCode).build());
  }

  synchronized void debugSession(String event, String name, String type, String request, long timeMillis) {
    coalescer.flush();
    emit(actions.invoke("debug." + event, InvokeMethod.INVOKE_METHOD_UNSPECIFIED, CaptureActions.named("debug-session", name),
        time(timeMillis), "type", type, "request", request).build());
  }

  /** Each breakpoint as uri, line, condition (null when none). */
  synchronized void breakpoints(List<Object[]> added, List<Object[]> removed, long timeMillis) {
    coalescer.flush();
    long time = time(timeMillis);
    for (Object[] b : added) {
      emit(breakpoint("debug.addBreakpoint", b, time));
    }
    for (Object[] b : removed) {
      emit(breakpoint("debug.removeBreakpoint", b, time));
    }
  }

  private Action breakpoint(String command, Object[] b, long time) {
    String uri = (String) b[0];
    int line = (Integer) b[1];
    Action.Builder a = actions.invoke(command, InvokeMethod.INVOKE_METHOD_UNSPECIFIED,
        CaptureActions.documentTarget(uri, CaptureActions.range(line, 0, line, 0)), time, "condition", (String) b[2]);
    a.getSourceBuilder().setDocument(uri);
    return a.build();
  }

  synchronized void task(String event, String name, String source, String exitCode, long timeMillis) {
    coalescer.flush();
    Action.Builder a = actions.invoke("task." + event, InvokeMethod.INVOKE_METHOD_UNSPECIFIED, CaptureActions.named("task", name),
        time(timeMillis), "source", source);
    emit(withExitCode(a, exitCode).build());
  }

  synchronized void windowFocus(boolean focused, long timeMillis) {
    coalescer.flush();
    emit(actions.windowFocus(focused, time(timeMillis)));
  }

  /** Pauses or resumes capture; what was typed before a pause is recorded first. */
  synchronized void pause(boolean pause) {
    if (pause == paused) {
      return;
    }
    if (pause) {
      coalescer.flush();
      paused = true;
    } else {
      paused = false;
    }
    try {
      if (pause) {
        pauseControl.pause();
      } else {
        pauseControl.resume();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "pause control failed", e);
    }
  }

  synchronized boolean paused() {
    return paused;
  }

  /** Counts a notification whose parameters were missing or of the wrong shape. */
  void malformed() {
    malformed.incrementAndGet();
  }

  /** Completes the edit being coalesced, then stops the idle timer. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      coalescer.flush();
    }
    timer.shutdownNow();
  }

  /** Completes the edit being coalesced, now. */
  synchronized void flush() {
    coalescer.flush();
  }

  long emitted() {
    return emitted.get();
  }

  long changes() {
    return changes.get();
  }

  long unknownDocuments() {
    return unknownDocuments.get();
  }

  long malformedCount() {
    return malformed.get();
  }

  // --- internals ---

  private void emitEdit(EditCoalescer.Edit e) {
    Doc doc = docs.get(e.uri());
    emit(actions.textEdit(e, doc == null ? "" : doc.language));
  }

  private void emitBuilt(Action.Builder a, Doc doc) {
    if (doc != null) {
      if (!doc.language.isEmpty()) {
        a.addAttributes(CaptureActions.attr(CaptureAttributes.LANGUAGE, doc.language));
      }
      a.addAttributes(CaptureActions.attr(CaptureAttributes.VERSION, Long.toString(doc.version)));
    }
    emit(a.build());
  }

  private void emit(Action a) {
    if (paused || closed) {
      return;
    }
    emitted.incrementAndGet();
    out.accept(a);
  }

  private static Action.Builder withExitCode(Action.Builder a, String exitCode) {
    return exitCode.isEmpty() ? a : a.addAttributes(CaptureActions.attr(CaptureAttributes.EXIT_CODE, exitCode));
  }

  private long time(long millis) {
    return millis > 0 ? TimeUnit.MILLISECONDS.toNanos(millis) : clock.nowUnixNanos();
  }

  private static int offset(Doc doc, Position p) {
    return p == null ? 0 : doc.text.offset(p.getLine(), p.getCharacter());
  }

  private void scheduleIdleCheck() {
    if (closed || idleCheck != null || !coalescer.pending()) {
      return;
    }
    long delay = Math.max(TimeUnit.MILLISECONDS.toNanos(1), coalescer.idleAt() - clock.nanoTime());
    idleCheck = timer.schedule(this::idleTick, Math.min(delay, idleNanos), TimeUnit.NANOSECONDS);
  }

  private synchronized void idleTick() {
    idleCheck = null;
    coalescer.flushIfIdle(clock.nanoTime());
    scheduleIdleCheck();
  }
}
