/**
 * extension.ts against stand-ins for `vscode` and the language client (the build swaps them in): that each
 * VS Code event reaches the server as its notification, and what the commands and status bar do.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { activate, deactivate } from '../../src/extension';
import { behaviour, clients, LanguageClient, State } from '../fakes/languageclient';
import { fake } from '../fakes/vscode';
import { editor, range, selectionChange, sourceBreakpoint, taskExecution, uri } from '../support/editors';

function context(paused = false) {
  const state = new Map<string, unknown>([['understudy.paused', paused]]);
  return {
    subscriptions: [] as { dispose(): unknown }[],
    globalState: {
      get: <T>(key: string, fallback: T) => (state.has(key) ? (state.get(key) as T) : fallback),
      update: async (key: string, value: unknown) => void state.set(key, value),
    },
    state,
  };
}

/** Lets the promises the extension started settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function methods(client: LanguageClient): string[] {
  return client.sent.map((n) => n.method.replace('understudy/', ''));
}

function status() {
  return fake.statusItems[fake.statusItems.length - 1];
}

async function start(ctx = context()) {
  await activate(ctx as unknown as vscode.ExtensionContext);
  await settle();
  return ctx;
}

describe('extension', () => {
  let ctx: ReturnType<typeof context> | undefined;

  beforeEach(() => {
    clients.length = 0;
    behaviour.startFails = false;
    fake.activeTextEditor = editor('file:///w/main.go', 'go');
    fake.focused = true;
    fake.settings.clear();
    fake.shellIntegration = true;
    fake.errors.length = 0;
    fake.output.length = 0;
    fake.statusItems.length = 0;
    fake.context.clear();
  });

  afterEach(async () => {
    await deactivate();
    for (const d of ctx?.subscriptions ?? []) {
      d.dispose();
    }
    ctx = undefined;
  });

  it('starts `understudy lsp-capture` over stdio for every file and tells it the active editor and focus', async () => {
    ctx = await start();
    assert.equal(clients.length, 1);
    const client = clients[0];
    // No transport: the language client would otherwise append --stdio to the command line.
    assert.deepEqual(client.serverOptions, { command: 'understudy', args: ['lsp-capture'] });
    assert.deepEqual(client.clientOptions.documentSelector, [{ scheme: 'file' }, { scheme: 'untitled' }]);
    assert.deepEqual(client.sent.map((n) => [n.method, { ...(n.params as object), time: 0 }]), [
      ['understudy/activeEditor', { time: 0, uri: 'file:///w/main.go', languageId: 'go' }],
      ['understudy/windowFocus', { time: 0, focused: true }],
    ]);
    assert.equal(status().text, '$(record) Understudy');
    assert.equal(status().visible, true);
  });

  it('sends each VS Code event as its understudy notification', async () => {
    ctx = await start();
    const client = clients[0];
    client.sent.length = 0;
    const other = editor('untitled:Untitled-1', 'markdown');
    fake.activeEditor.fire(other);
    fake.selection.fire(selectionChange(other, 1, range(0, 4)));
    fake.shellEnd.fire({ terminal: { name: 'bash' }, execution: { commandLine: { value: 'go test ./...' }, cwd: uri('file:///w') }, exitCode: 0 });
    fake.debugStart.fire({ name: 'Launch', type: 'go', configuration: { request: 'launch' } });
    fake.breakpoints.fire({ added: [sourceBreakpoint('file:///w/main.go', 11)], removed: [], changed: [] });
    fake.debugStop.fire({ name: 'Launch', type: 'go', configuration: { request: 'launch' } });
    const run = taskExecution('build', 'go');
    fake.taskStart.fire({ execution: run });
    fake.taskProcessStart.fire({ execution: run, processId: 42 });
    fake.taskProcessEnd.fire({ execution: run, exitCode: 0 });
    fake.taskEnd.fire({ execution: run });
    fake.windowState.fire({ focused: false });
    await settle();
    assert.deepEqual(methods(client), [
      'activeEditor',
      'selection',
      'terminalCommand',
      'debugSession',
      'breakpoints',
      'debugSession',
      'task',
      'task',
      'windowFocus',
    ]);
    assert.deepEqual(client.sent[2].params, {
      time: (client.sent[2].params as { time: number }).time,
      terminalName: 'bash',
      commandLine: 'go test ./...',
      cwd: '/w',
      exitCode: 0,
    });
  });

  it('pauses and resumes from the commands, remembers it, and shows it in the status bar', async () => {
    ctx = await start();
    const client = clients[0];
    client.sent.length = 0;
    await fake.commands.get('understudy.pause')!();
    fake.windowState.fire({ focused: false });
    fake.debugStart.fire({ name: 'x', type: 'node', configuration: { request: 'launch' } });
    assert.equal(status().text, '$(debug-pause) Understudy paused');
    assert.equal(status().command, 'understudy.resume');
    assert.equal(fake.context.get('understudy.paused'), true);
    assert.equal(ctx.state.get('understudy.paused'), true);
    await fake.commands.get('understudy.togglePause')!();
    await settle();
    assert.deepEqual(methods(client), ['pause', 'pause', 'windowFocus']);
    assert.deepEqual(client.sent.map((n) => (n.params as { paused?: boolean }).paused), [true, false, undefined]);
    assert.equal(status().text, '$(record) Understudy');
    assert.equal(ctx.state.get('understudy.paused'), false);
    assert.equal(clients.length, 1, 'pausing keeps the one server');
  });

  it('does not start the server when the window opens paused, and starts it on resume', async () => {
    ctx = await start(context(true));
    assert.equal(clients.length, 0);
    assert.equal(status().text, '$(debug-pause) Understudy paused');
    await fake.commands.get('understudy.resume')!();
    await settle();
    assert.equal(clients.length, 1);
    assert.deepEqual(methods(clients[0]), ['activeEditor', 'windowFocus']);
  });

  it('shows that nothing is recorded when the server does not start', async () => {
    behaviour.startFails = true;
    ctx = await start();
    assert.equal(status().text, '$(circle-slash) Understudy off');
    assert.equal(status().command, 'understudy.showOutput');
    assert.ok(fake.output.some((l) => l.includes('did not start') && l.includes('ENOENT')));
  });

  it('starts the server again on the restart command, e.g. once consent is granted', async () => {
    behaviour.startFails = true;
    ctx = await start();
    behaviour.startFails = false;
    await fake.commands.get('understudy.restart')!();
    await settle();
    assert.equal(clients.length, 2);
    assert.equal(clients[1].state, State.Running);
    assert.equal(status().text, '$(record) Understudy');
    assert.deepEqual(methods(clients[1]), ['activeEditor', 'windowFocus']);
  });

  it('refuses a bad setting with its name and starts nothing', async () => {
    fake.settings.set('understudy.args', 'lsp-capture');
    ctx = await start();
    assert.equal(clients.length, 0);
    assert.deepEqual(fake.errors, ['Understudy: understudy.args: must be an array of strings, was "lsp-capture"']);
    assert.equal(status().text, '$(circle-slash) Understudy off');
  });

  it('restarts the server with the new command when the settings change', async () => {
    ctx = await start();
    fake.settings.set('understudy.command', '/opt/understudy/bin/understudy');
    fake.configuration.fire({ affectsConfiguration: (s: string) => s === 'understudy.command' });
    await settle();
    await settle();
    assert.equal(clients.length, 2);
    assert.equal(clients[0].state, State.Stopped);
    assert.equal(clients[1].serverOptions.command, '/opt/understudy/bin/understudy');
    assert.equal(status().text, '$(record) Understudy');
  });

  it('records terminal commands only where VS Code has shell integration events, and says so', async () => {
    fake.shellIntegration = false;
    ctx = await start();
    assert.equal(fake.shellEnd.count, 0);
    assert.ok(fake.output.some((l) => l.includes('terminal commands are not recorded')));
    assert.equal(status().text, '$(record) Understudy');
  });

  it('stops the server on deactivate', async () => {
    ctx = await start();
    await deactivate();
    assert.equal(clients[0].state, State.Stopped);
  });
});
