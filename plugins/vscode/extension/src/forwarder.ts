/**
 * Decides what of the editor's events goes to the capture server, and when: nothing while recording is
 * paused or the server is not running, selections coalesced per editor, the present state (active editor,
 * window focus) caught up when recording resumes or the server (re)starts. No dependency on `vscode`.
 */
import { Clock, Coalescer, DEFAULT_MAX_WAIT_MS, DEFAULT_QUIET_MS, systemClock } from './coalescer';
import * as map from './mapping';
import { Method, Notification } from './protocol';

export interface ForwarderOptions {
  clock?: Clock;
  /** See Coalescer; default DEFAULT_QUIET_MS. */
  selectionQuietMs?: number;
  /** See Coalescer; default DEFAULT_MAX_WAIT_MS. */
  selectionMaxWaitMs?: number;
}

export interface ForwarderStats {
  /** Notifications handed to the sink. */
  sent: number;
  /** Events that happened while the server was not running. */
  droppedOffline: number;
  /** Times the sink threw. */
  sinkErrors: number;
}

/**
 * Called on VS Code's extension host thread (its event callbacks), one call at a time; never throws into
 * VS Code's event dispatch: a sink that throws is counted in stats.sinkErrors.
 */
export class Forwarder {
  private readonly clock: Clock;
  private readonly selections: Coalescer<map.TextEditorLike, Notification>;
  private isPaused = false;
  private online = false;
  private disposed = false;

  /** What the editor shows now, kept while paused or offline so it can be told on resume or connect. */
  private editor: map.TextEditorLike | undefined;
  private focused: boolean | undefined;
  /** What the server was last told, to leave out repeats. */
  private toldEditorUri: string | undefined;
  private toldFocused: boolean | undefined;

  /** Task executions that run a process: they end with the process, which has the exit code. */
  private readonly processTasks = new WeakSet<map.TaskExecutionLike>();
  private readonly endedWithProcess = new WeakSet<map.TaskExecutionLike>();

  readonly stats: ForwarderStats = { sent: 0, droppedOffline: 0, sinkErrors: 0 };

  constructor(
    private readonly sink: (notification: Notification) => void,
    options: ForwarderOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.selections = new Coalescer(
      this.clock,
      (n) => this.deliver(n),
      options.selectionQuietMs ?? DEFAULT_QUIET_MS,
      options.selectionMaxWaitMs ?? DEFAULT_MAX_WAIT_MS,
    );
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** The capture server is running: tell it the present state (or that recording is paused). */
  connected(): void {
    if (this.disposed || this.online) {
      return;
    }
    this.online = true;
    this.toldEditorUri = undefined;
    this.toldFocused = undefined;
    if (this.isPaused) {
      this.send(map.pause(true, this.clock.now()));
    } else {
      this.catchUp();
    }
  }

  /** The capture server stopped: hold nothing back for it. */
  disconnected(): void {
    this.online = false;
    this.selections.discardAll();
  }

  /** Pauses or resumes recording; returns whether that changed anything. */
  setPaused(paused: boolean): boolean {
    if (this.disposed || paused === this.isPaused) {
      return false;
    }
    if (paused) {
      this.selections.flushAll();
      this.send(map.pause(true, this.clock.now()));
      this.isPaused = true;
    } else {
      this.isPaused = false;
      this.send(map.pause(false, this.clock.now()));
      this.catchUp();
    }
    return true;
  }

  activeEditorChanged(editor: map.TextEditorLike | undefined): void {
    this.editor = editor;
    if (this.canSend()) {
      this.tellEditor();
    }
  }

  selectionChanged(event: map.SelectionChangeLike): void {
    if (!this.recording()) {
      return;
    }
    const n = map.selection(event, this.clock.now());
    if (n !== undefined) {
      this.selections.offer(event.textEditor, n);
    }
  }

  windowFocusChanged(focused: boolean): void {
    this.focused = focused;
    if (this.canSend()) {
      this.tellFocus();
    }
  }

  terminalCommandEnded(event: map.ShellExecutionEndLike): void {
    this.record(() => map.terminalCommand(event, this.clock.now()));
  }

  debugSessionStarted(session: map.DebugSessionLike): void {
    this.record(() => map.debugSession('start', session, this.clock.now()));
  }

  debugSessionStopped(session: map.DebugSessionLike): void {
    this.record(() => map.debugSession('stop', session, this.clock.now()));
  }

  breakpointsChanged(event: map.BreakpointsChangeLike): void {
    this.record(() => map.breakpoints(event, this.clock.now()));
  }

  taskStarted(execution: map.TaskExecutionLike): void {
    this.record(() => map.task('start', execution, this.clock.now()));
  }

  /** A task's process started: its end is reported with the process, which knows the exit code. */
  taskProcessStarted(execution: map.TaskExecutionLike): void {
    this.processTasks.add(execution);
  }

  taskProcessEnded(execution: map.TaskExecutionLike, exitCode: number | undefined): void {
    this.processTasks.delete(execution);
    this.endedWithProcess.add(execution);
    this.record(() => map.task('end', execution, this.clock.now(), exitCode));
  }

  /** Ends a task that ran no process (or whose process start was not seen); others end with their process. */
  taskEnded(execution: map.TaskExecutionLike): void {
    if (this.processTasks.has(execution)) {
      return;
    }
    if (this.endedWithProcess.delete(execution)) {
      return;
    }
    this.record(() => map.task('end', execution, this.clock.now()));
  }

  /** Passes on the selections held back, then sends nothing more. */
  dispose(): void {
    if (this.online && !this.isPaused) {
      this.selections.flushAll();
    }
    this.selections.discardAll();
    this.disposed = true;
    this.online = false;
  }

  /** State (active editor, focus) is kept while offline and told on connect: nothing is lost. */
  private canSend(): boolean {
    return !this.disposed && !this.isPaused && this.online;
  }

  /** An event (a selection, a command, a task...) is lost when the server is not running to hear it. */
  private recording(): boolean {
    if (this.disposed || this.isPaused) {
      return false;
    }
    if (!this.online) {
      this.stats.droppedOffline++;
      return false;
    }
    return true;
  }

  private record(make: () => Notification | undefined): void {
    if (!this.recording()) {
      return;
    }
    const n = make();
    if (n !== undefined) {
      this.send(n);
    }
  }

  private catchUp(): void {
    this.tellEditor();
    this.tellFocus();
  }

  private tellEditor(): void {
    const n = map.activeEditor(this.editor, this.clock.now());
    if (n === undefined || n.method !== Method.activeEditor) {
      // No recorded editor is in front: the next one to come there is news, even the same as before.
      this.toldEditorUri = undefined;
      return;
    }
    if (n.params.uri === this.toldEditorUri) {
      return;
    }
    this.toldEditorUri = n.params.uri;
    this.send(n);
  }

  private tellFocus(): void {
    if (this.focused === undefined || this.focused === this.toldFocused) {
      return;
    }
    this.toldFocused = this.focused;
    this.send(map.windowFocus(this.focused, this.clock.now()));
  }

  /**
   * Nothing goes out while the server is not running (connected() tells it the present state). Everything
   * but a selection first lets the held-back selections go, so the wire keeps time order.
   */
  private send(n: Notification): void {
    if (!this.online) {
      return;
    }
    if (n.method !== Method.selection) {
      this.selections.flushAll();
    }
    this.deliver(n);
  }

  private deliver(n: Notification): void {
    try {
      this.sink(n);
      this.stats.sent++;
    } catch {
      this.stats.sinkErrors++;
    }
  }
}
