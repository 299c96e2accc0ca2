/**
 * The `understudy/*` notifications this extension sends to the capture server (`understudy lsp-capture`):
 * what only the editor sees, beside the document traffic the language client already sends.
 *
 * Every params object carries `time`, milliseconds since the epoch when VS Code reported the event (not when
 * it was sent: selections are held back while they settle). Positions are LSP positions: zero-based line and
 * UTF-16 character. URIs are written as VS Code writes them in `textDocument/didOpen`.
 */

/** Method names, one per notification. */
export const Method = {
  activeEditor: 'understudy/activeEditor',
  selection: 'understudy/selection',
  terminalCommand: 'understudy/terminalCommand',
  debugSession: 'understudy/debugSession',
  breakpoints: 'understudy/breakpoints',
  task: 'understudy/task',
  windowFocus: 'understudy/windowFocus',
  pause: 'understudy/pause',
} as const;

export type MethodName = (typeof Method)[keyof typeof Method];

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** What moved the selection; null when VS Code did not say. */
export type SelectionKind = 'keyboard' | 'mouse' | 'command' | null;

interface Timed {
  time: number;
}

export interface ActiveEditorParams extends Timed {
  uri: string;
  languageId: string;
}

export interface SelectionParams extends Timed {
  uri: string;
  selections: Range[];
  kind: SelectionKind;
}

/** A command line run in a terminal with shell integration. The command line is sensitive content. */
export interface TerminalCommandParams extends Timed {
  terminalName: string;
  commandLine: string;
  cwd?: string;
  exitCode?: number;
}

export interface DebugSessionParams extends Timed {
  event: 'start' | 'stop';
  name: string;
  type: string;
  request: string;
}

export interface BreakpointAt {
  uri: string;
  /** Zero-based, like every line in LSP. */
  line: number;
}

export interface AddedBreakpoint extends BreakpointAt {
  condition?: string;
}

export interface BreakpointsParams extends Timed {
  added: AddedBreakpoint[];
  removed: BreakpointAt[];
}

export interface TaskParams extends Timed {
  event: 'start' | 'end';
  name: string;
  source: string;
  exitCode?: number;
}

export interface WindowFocusParams extends Timed {
  focused: boolean;
}

export interface PauseParams extends Timed {
  paused: boolean;
}

/** One notification as it goes on the wire: its method and its params. */
export type Notification =
  | { method: typeof Method.activeEditor; params: ActiveEditorParams }
  | { method: typeof Method.selection; params: SelectionParams }
  | { method: typeof Method.terminalCommand; params: TerminalCommandParams }
  | { method: typeof Method.debugSession; params: DebugSessionParams }
  | { method: typeof Method.breakpoints; params: BreakpointsParams }
  | { method: typeof Method.task; params: TaskParams }
  | { method: typeof Method.windowFocus; params: WindowFocusParams }
  | { method: typeof Method.pause; params: PauseParams };
