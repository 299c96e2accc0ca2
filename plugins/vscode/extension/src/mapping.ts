/**
 * Editor events → `understudy/*` notifications, one pure function each.
 *
 * The input shapes are the parts of VS Code's event objects that the mapping reads, declared here so this
 * module never loads `vscode`: VS Code's own objects fit them (TypeScript checks that in extension.ts), and
 * tests build them as plain objects. A function returns undefined when the event is nothing to record.
 */
import {
  AddedBreakpoint,
  BreakpointAt,
  Method,
  Notification,
  Position,
  Range,
  SelectionKind,
} from './protocol';

/** The document schemes the extension records: those the capture server is given documents of. */
export const CAPTURED_SCHEMES: readonly string[] = ['file', 'untitled'];

export interface UriLike {
  readonly scheme: string;
  readonly fsPath: string;
  toString(): string;
}

export interface TextEditorLike {
  readonly document: { readonly uri: UriLike; readonly languageId: string };
}

export interface RangeLike {
  readonly start: Position;
  readonly end: Position;
}

/** VS Code's TextEditorSelectionChangeEvent; `kind` is TextEditorSelectionChangeKind (1, 2, 3). */
export interface SelectionChangeLike {
  readonly textEditor: TextEditorLike;
  readonly selections: readonly RangeLike[];
  readonly kind?: number;
}

/** VS Code's TerminalShellExecutionEndEvent (API 1.93). */
export interface ShellExecutionEndLike {
  readonly terminal: { readonly name: string };
  readonly execution: {
    readonly commandLine: { readonly value: string };
    readonly cwd?: UriLike | string;
  };
  readonly exitCode: number | undefined;
}

export interface DebugSessionLike {
  readonly name: string;
  readonly type: string;
  readonly configuration: { readonly request?: string };
}

/** A VS Code Breakpoint; only SourceBreakpoints have a location, and only those are recorded. */
export interface BreakpointLike {
  readonly condition?: string;
  readonly location?: { readonly uri: UriLike; readonly range: { readonly start: Position } };
}

export interface BreakpointsChangeLike {
  readonly added: readonly BreakpointLike[];
  readonly removed: readonly BreakpointLike[];
  readonly changed: readonly BreakpointLike[];
}

export interface TaskExecutionLike {
  readonly task: { readonly name: string; readonly source: string };
}

export function isCaptured(uri: UriLike): boolean {
  return CAPTURED_SCHEMES.includes(uri.scheme);
}

export function activeEditor(editor: TextEditorLike | undefined, time: number): Notification | undefined {
  if (editor === undefined || !isCaptured(editor.document.uri)) {
    return undefined;
  }
  return {
    method: Method.activeEditor,
    params: { time, uri: editor.document.uri.toString(), languageId: editor.document.languageId },
  };
}

/** TextEditorSelectionChangeKind: Keyboard = 1, Mouse = 2, Command = 3. */
export function selectionKind(kind: number | undefined): SelectionKind {
  switch (kind) {
    case 1:
      return 'keyboard';
    case 2:
      return 'mouse';
    case 3:
      return 'command';
    default:
      return null;
  }
}

function range(r: RangeLike): Range {
  return {
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
  };
}

export function selection(event: SelectionChangeLike, time: number): Notification | undefined {
  const uri = event.textEditor.document.uri;
  if (!isCaptured(uri)) {
    return undefined;
  }
  return {
    method: Method.selection,
    params: { time, uri: uri.toString(), selections: event.selections.map(range), kind: selectionKind(event.kind) },
  };
}

/** A path for a file URI (what a person reads in a prompt), the URI text for anything else. */
function cwdText(cwd: UriLike | string | undefined): string | undefined {
  if (cwd === undefined || typeof cwd === 'string') {
    return cwd === '' ? undefined : cwd;
  }
  return cwd.scheme === 'file' ? cwd.fsPath : cwd.toString();
}

/** A finished shell command; an empty command line (the shell reported nothing usable) is not recorded. */
export function terminalCommand(event: ShellExecutionEndLike, time: number): Notification | undefined {
  const commandLine = event.execution.commandLine.value;
  if (commandLine.trim() === '') {
    return undefined;
  }
  const n: Notification & { method: typeof Method.terminalCommand } = {
    method: Method.terminalCommand,
    params: { time, terminalName: event.terminal.name, commandLine },
  };
  const cwd = cwdText(event.execution.cwd);
  if (cwd !== undefined) {
    n.params.cwd = cwd;
  }
  if (event.exitCode !== undefined) {
    n.params.exitCode = event.exitCode;
  }
  return n;
}

export function debugSession(event: 'start' | 'stop', session: DebugSessionLike, time: number): Notification {
  return {
    method: Method.debugSession,
    params: { time, event, name: session.name, type: session.type, request: session.configuration.request ?? '' },
  };
}

function at(b: BreakpointLike): BreakpointAt | undefined {
  if (b.location === undefined) {
    return undefined;
  }
  return { uri: b.location.uri.toString(), line: b.location.range.start.line };
}

function added(b: BreakpointLike): AddedBreakpoint | undefined {
  const where = at(b);
  if (where === undefined) {
    return undefined;
  }
  return b.condition ? { ...where, condition: b.condition } : where;
}

function present<T>(x: T | undefined): x is T {
  return x !== undefined;
}

/**
 * Breakpoints set and cleared in source files. VS Code reports an edited breakpoint (moved, condition
 * changed) only with its new state, so it is listed under `added`: the receiver treats `added` as "is now
 * set here, with this condition". Function and data breakpoints have no location and are left out.
 */
export function breakpoints(event: BreakpointsChangeLike, time: number): Notification | undefined {
  const set = [...event.added, ...event.changed].map(added).filter(present);
  const cleared = event.removed.map(at).filter(present);
  if (set.length === 0 && cleared.length === 0) {
    return undefined;
  }
  return { method: Method.breakpoints, params: { time, added: set, removed: cleared } };
}

export function task(
  event: 'start' | 'end',
  execution: TaskExecutionLike,
  time: number,
  exitCode?: number,
): Notification {
  const n: Notification & { method: typeof Method.task } = {
    method: Method.task,
    params: { time, event, name: execution.task.name, source: execution.task.source },
  };
  if (exitCode !== undefined) {
    n.params.exitCode = exitCode;
  }
  return n;
}

export function windowFocus(focused: boolean, time: number): Notification {
  return { method: Method.windowFocus, params: { time, focused } };
}

export function pause(paused: boolean, time: number): Notification {
  return { method: Method.pause, params: { time, paused } };
}
