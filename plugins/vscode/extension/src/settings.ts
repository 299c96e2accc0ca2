/**
 * The extension's settings, checked: how to start the capture server. No dependency on `vscode`.
 */

/** The `understudy` command, found on PATH unless a path is given. */
export const DEFAULT_COMMAND = 'understudy';
/** Its subcommand that runs the capture server on standard input and output. */
export const DEFAULT_ARGS: readonly string[] = ['lsp-capture'];

export interface ServerCommand {
  command: string;
  args: string[];
}

/** A bad setting, named in the message. */
export class SettingError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'SettingError';
  }
}

/**
 * The server command from the values of `understudy.command` and `understudy.args` (undefined: the
 * default). Throws SettingError naming the setting when a value has the wrong shape.
 */
export function serverCommand(command: unknown, args: unknown): ServerCommand {
  const cmd = command === undefined ? DEFAULT_COMMAND : command;
  if (typeof cmd !== 'string' || cmd.trim() === '') {
    throw new SettingError('understudy.command', `must be a non-empty string, was ${JSON.stringify(cmd)}`);
  }
  const list = args === undefined ? DEFAULT_ARGS : args;
  if (!Array.isArray(list) || !list.every((a) => typeof a === 'string')) {
    throw new SettingError('understudy.args', `must be an array of strings, was ${JSON.stringify(list)}`);
  }
  return { command: cmd.trim(), args: [...list] };
}
