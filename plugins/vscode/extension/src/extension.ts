/**
 * Understudy for VS Code: starts the capture server (`understudy lsp-capture`) as a language server for
 * every file, so it sees opens, edits, saves and file operations, and forwards what only the editor sees as
 * `understudy/*` notifications. This file only wires VS Code to the pure modules beside it.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from 'vscode-languageclient/node';
import { Forwarder } from './forwarder';
import { ShellExecutionEndLike } from './mapping';
import { Notification } from './protocol';
import { serverCommand, SettingError } from './settings';
import { ServerState, statusView } from './status';

const PAUSED_KEY = 'understudy.paused';
/** How many failed sends are written to the output channel before it goes quiet (they are still counted). */
const MAX_LOGGED_SEND_ERRORS = 5;

/** Terminal shell integration events, VS Code 1.93 and later; absent before. */
interface ShellIntegrationWindow {
  onDidEndTerminalShellExecution?: vscode.Event<ShellExecutionEndLike>;
}

class Recorder implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private stateListener: vscode.Disposable | undefined;
  private server: ServerState = 'stopped';
  private sendErrors = 0;
  readonly forwarder: Forwarder;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly item: vscode.StatusBarItem,
  ) {
    this.forwarder = new Forwarder((n) => this.send(n));
  }

  get paused(): boolean {
    return this.forwarder.paused;
  }

  async start(): Promise<void> {
    if (this.client !== undefined) {
      return;
    }
    let command;
    try {
      const config = vscode.workspace.getConfiguration('understudy');
      command = serverCommand(config.get('command'), config.get('args'));
    } catch (e) {
      const message = e instanceof SettingError ? e.message : String(e);
      this.output.appendLine(`Understudy: not started: ${message}`);
      void vscode.window.showErrorMessage(`Understudy: ${message}`);
      this.setServer('stopped');
      return;
    }
    const serverOptions: ServerOptions = { command: command.command, args: command.args };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
      outputChannel: this.output,
    };
    const client = new LanguageClient('understudy', 'Understudy capture server', serverOptions, clientOptions);
    this.client = client;
    this.stateListener = client.onDidChangeState((e) => {
      if (this.client === client) {
        this.setServer(toServerState(e.newState));
      }
    });
    this.output.appendLine(`Understudy: starting ${[command.command, ...command.args].join(' ')}`);
    this.setServer('starting');
    try {
      await client.start();
    } catch (e) {
      this.output.appendLine(`Understudy: the capture server did not start: ${String(e)}`);
      if (this.client === client) {
        this.setServer('stopped');
      }
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.stateListener?.dispose();
    this.stateListener = undefined;
    this.setServer('stopped');
    if (client !== undefined) {
      try {
        await client.stop();
      } catch (e) {
        this.output.appendLine(`Understudy: stopping the capture server: ${String(e)}`);
      }
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    if (!this.paused) {
      await this.start();
    }
  }

  /** Pausing keeps the server (it drops what it is sent); resuming starts it if it was never started. */
  async setPaused(paused: boolean): Promise<void> {
    this.forwarder.setPaused(paused);
    await this.context.globalState.update(PAUSED_KEY, paused);
    await vscode.commands.executeCommand('setContext', PAUSED_KEY, paused);
    this.render();
    if (!paused && this.client === undefined) {
      await this.start();
    }
  }

  render(): void {
    const view = statusView(this.server, this.paused);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.command;
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.forwarder.dispose();
  }

  private setServer(state: ServerState): void {
    this.server = state;
    if (state === 'running') {
      this.forwarder.connected();
    } else {
      this.forwarder.disconnected();
    }
    this.render();
  }

  private send(n: Notification): void {
    const client = this.client;
    if (client === undefined) {
      return;
    }
    client.sendNotification(n.method, n.params).catch((e: unknown) => {
      this.sendErrors++;
      if (this.sendErrors <= MAX_LOGGED_SEND_ERRORS) {
        this.output.appendLine(`Understudy: could not send ${n.method}: ${String(e)}`);
      }
    });
  }
}

function toServerState(state: State): ServerState {
  switch (state) {
    case State.Running:
      return 'running';
    case State.Starting:
      return 'starting';
    default:
      return 'stopped';
  }
}

let current: Recorder | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Understudy');
  const item = vscode.window.createStatusBarItem('understudy.status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'Understudy recording';
  const recorder = new Recorder(context, output, item);
  current = recorder;
  const fwd = recorder.forwarder;
  context.subscriptions.push(output, item, recorder);

  const paused = context.globalState.get<boolean>(PAUSED_KEY, false);
  fwd.setPaused(paused);
  await vscode.commands.executeCommand('setContext', PAUSED_KEY, paused);
  fwd.activeEditorChanged(vscode.window.activeTextEditor);
  fwd.windowFocusChanged(vscode.window.state.focused);

  const shell = vscode.window as unknown as ShellIntegrationWindow;
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((e) => fwd.activeEditorChanged(e)),
    vscode.window.onDidChangeTextEditorSelection((e) => fwd.selectionChanged(e)),
    vscode.window.onDidChangeWindowState((s) => fwd.windowFocusChanged(s.focused)),
    vscode.debug.onDidStartDebugSession((s) => fwd.debugSessionStarted(s)),
    vscode.debug.onDidTerminateDebugSession((s) => fwd.debugSessionStopped(s)),
    vscode.debug.onDidChangeBreakpoints((e) => fwd.breakpointsChanged(e)),
    vscode.tasks.onDidStartTask((e) => fwd.taskStarted(e.execution)),
    vscode.tasks.onDidStartTaskProcess((e) => fwd.taskProcessStarted(e.execution)),
    vscode.tasks.onDidEndTaskProcess((e) => fwd.taskProcessEnded(e.execution, e.exitCode)),
    vscode.tasks.onDidEndTask((e) => fwd.taskEnded(e.execution)),
    vscode.commands.registerCommand('understudy.pause', () => recorder.setPaused(true)),
    vscode.commands.registerCommand('understudy.resume', () => recorder.setPaused(false)),
    vscode.commands.registerCommand('understudy.togglePause', () => recorder.setPaused(!recorder.paused)),
    vscode.commands.registerCommand('understudy.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('understudy.restart', () => recorder.restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('understudy.command') || e.affectsConfiguration('understudy.args')) {
        void recorder.restart();
      }
    }),
  );
  if (typeof shell.onDidEndTerminalShellExecution === 'function') {
    context.subscriptions.push(shell.onDidEndTerminalShellExecution((e) => fwd.terminalCommandEnded(e)));
  } else {
    output.appendLine('Understudy: this VS Code has no terminal shell integration events; terminal commands are not recorded.');
  }

  recorder.render();
  if (!paused) {
    // Not awaited: VS Code need not wait for a JVM to start; the status bar shows when it runs.
    void recorder.start();
  }
}

/** Passes on what is held back, then stops the capture server; VS Code waits for the returned promise. */
export function deactivate(): Thenable<void> | undefined {
  const recorder = current;
  current = undefined;
  if (recorder === undefined) {
    return undefined;
  }
  recorder.dispose();
  return recorder.stop();
}
