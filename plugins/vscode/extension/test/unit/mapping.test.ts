import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as map from '../../src/mapping';
import { editor, range, selectionChange, sourceBreakpoint, taskExecution, uri } from '../support/editors';

const T = 1_700_000_000_123;

describe('mapping', () => {
  it('maps the active editor to its uri and language', () => {
    assert.deepEqual(map.activeEditor(editor('file:///w/a%20b.ts', 'typescript'), T), {
      method: 'understudy/activeEditor',
      params: { time: T, uri: 'file:///w/a%20b.ts', languageId: 'typescript' },
    });
  });

  it('records untitled documents like files', () => {
    assert.equal(map.activeEditor(editor('untitled:Untitled-1'), T)?.method, 'understudy/activeEditor');
  });

  it('leaves out no editor and editors of documents the server is not given', () => {
    assert.equal(map.activeEditor(undefined, T), undefined);
    assert.equal(map.activeEditor(editor('output:extension-output-1'), T), undefined);
    assert.equal(map.activeEditor(editor('git:/w/a.ts?ref'), T), undefined);
    assert.equal(map.selection(selectionChange(editor('vscode-settings:/x'), 1, range(0, 0)), T), undefined);
  });

  it('maps selections to plain LSP ranges with the kind named', () => {
    const live = { start: { line: 1, character: 2, extra: 'x' }, end: { line: 3, character: 4 }, anchor: {} };
    const n = map.selection(selectionChange(editor('file:///w/a.ts'), 2, live, range(5, 0)), T);
    assert.deepEqual(n, {
      method: 'understudy/selection',
      params: {
        time: T,
        uri: 'file:///w/a.ts',
        selections: [
          { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } },
          { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } },
        ],
        kind: 'mouse',
      },
    });
  });

  it('names every selection change kind and null when VS Code gives none', () => {
    assert.equal(map.selectionKind(1), 'keyboard');
    assert.equal(map.selectionKind(2), 'mouse');
    assert.equal(map.selectionKind(3), 'command');
    assert.equal(map.selectionKind(undefined), null);
    assert.equal(map.selectionKind(7), null);
  });

  it('maps a finished shell command with its terminal, cwd as a path and exit code', () => {
    const n = map.terminalCommand(
      { terminal: { name: 'bash' }, execution: { commandLine: { value: 'npm test' }, cwd: uri('file:///w/my%20app') }, exitCode: 1 },
      T,
    );
    assert.deepEqual(n, {
      method: 'understudy/terminalCommand',
      params: { time: T, terminalName: 'bash', commandLine: 'npm test', cwd: '/w/my app', exitCode: 1 },
    });
  });

  it('leaves out an unknown cwd and exit code, keeps a remote cwd as its uri and a string cwd as is', () => {
    const base = { terminal: { name: 'zsh' }, exitCode: undefined };
    assert.deepEqual(map.terminalCommand({ ...base, execution: { commandLine: { value: 'ls' } } }, T)?.params, {
      time: T,
      terminalName: 'zsh',
      commandLine: 'ls',
    });
    const remote = map.terminalCommand({ ...base, execution: { commandLine: { value: 'ls' }, cwd: uri('vscode-remote://ssh/w') } }, T);
    assert.equal((remote?.params as { cwd?: string }).cwd, 'vscode-remote://ssh/w');
    const text = map.terminalCommand({ ...base, execution: { commandLine: { value: 'ls' }, cwd: '/tmp' } }, T);
    assert.equal((text?.params as { cwd?: string }).cwd, '/tmp');
  });

  it('keeps exit code zero', () => {
    const n = map.terminalCommand({ terminal: { name: 't' }, execution: { commandLine: { value: 'true' } }, exitCode: 0 }, T);
    assert.equal((n?.params as { exitCode?: number }).exitCode, 0);
  });

  it('does not record a command line the shell reported empty', () => {
    assert.equal(map.terminalCommand({ terminal: { name: 't' }, execution: { commandLine: { value: '  ' } }, exitCode: 0 }, T), undefined);
  });

  it('maps debug session start and stop with type and request', () => {
    const session = { name: 'Launch app', type: 'node', configuration: { request: 'launch', program: 'x.js' } };
    assert.deepEqual(map.debugSession('start', session, T), {
      method: 'understudy/debugSession',
      params: { time: T, event: 'start', name: 'Launch app', type: 'node', request: 'launch' },
    });
    assert.equal((map.debugSession('stop', { ...session, configuration: {} }, T).params as { request: string }).request, '');
  });

  it('maps source breakpoints, changed ones as added, and leaves out function breakpoints', () => {
    const n = map.breakpoints(
      {
        added: [sourceBreakpoint('file:///w/a.ts', 9), { condition: 'x' } /* a function breakpoint */],
        changed: [sourceBreakpoint('file:///w/b.ts', 3, 'i > 2')],
        removed: [sourceBreakpoint('file:///w/c.ts', 0, 'ignored')],
      },
      T,
    );
    assert.deepEqual(n, {
      method: 'understudy/breakpoints',
      params: {
        time: T,
        added: [
          { uri: 'file:///w/a.ts', line: 9 },
          { uri: 'file:///w/b.ts', line: 3, condition: 'i > 2' },
        ],
        removed: [{ uri: 'file:///w/c.ts', line: 0 }],
      },
    });
  });

  it('sends nothing when only breakpoints without a location changed', () => {
    assert.equal(map.breakpoints({ added: [{}], changed: [], removed: [{}] }, T), undefined);
  });

  it('maps task start and end, with the exit code when known', () => {
    const run = taskExecution('build', 'npm');
    assert.deepEqual(map.task('start', run, T), {
      method: 'understudy/task',
      params: { time: T, event: 'start', name: 'build', source: 'npm' },
    });
    assert.deepEqual(map.task('end', run, T, 2).params, { time: T, event: 'end', name: 'build', source: 'npm', exitCode: 2 });
    assert.equal('exitCode' in map.task('end', run, T).params, false);
  });

  it('maps window focus and pause', () => {
    assert.deepEqual(map.windowFocus(false, T), { method: 'understudy/windowFocus', params: { time: T, focused: false } });
    assert.deepEqual(map.pause(true, T), { method: 'understudy/pause', params: { time: T, paused: true } });
  });
});
