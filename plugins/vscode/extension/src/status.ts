/**
 * What the status-bar item says for each state of recording. No dependency on `vscode`: extension.ts copies
 * the fields onto the item.
 */

/** The capture server's state as the language client reports it. */
export type ServerState = 'starting' | 'running' | 'stopped';

export interface StatusView {
  text: string;
  tooltip: string;
  /** The command a click runs. */
  command: string;
  /** Shown with the warning background: recording was meant to be on and is not. */
  warning: boolean;
}

export const CONSENT_HINT = 'understudy consent grant --adapter lsp-capture';

export function statusView(server: ServerState, paused: boolean): StatusView {
  if (paused) {
    return {
      text: '$(debug-pause) Understudy paused',
      tooltip: 'Understudy is not recording this window. Click to resume.',
      command: 'understudy.resume',
      warning: false,
    };
  }
  switch (server) {
    case 'running':
      return {
        text: '$(record) Understudy',
        tooltip: 'Understudy is recording this window (edits, active editor, selections, terminal commands, ' +
          'debug sessions, breakpoints, tasks, window focus). Click to pause.',
        command: 'understudy.pause',
        warning: false,
      };
    case 'starting':
      return {
        text: '$(loading~spin) Understudy',
        tooltip: 'Starting the Understudy capture server…',
        command: 'understudy.showOutput',
        warning: false,
      };
    case 'stopped':
      return {
        text: '$(circle-slash) Understudy off',
        tooltip: 'The Understudy capture server is not running, so nothing is recorded. Check the ' +
          `understudy.command setting and that recording is allowed (${CONSENT_HINT}), then run ` +
          '"Understudy: Restart Capture Server". Click for its output.',
        command: 'understudy.showOutput',
        warning: true,
      };
  }
}
