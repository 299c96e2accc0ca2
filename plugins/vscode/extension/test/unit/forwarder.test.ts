import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Forwarder } from '../../src/forwarder';
import { Notification } from '../../src/protocol';
import { editor, range, selectionChange, sourceBreakpoint, taskExecution } from '../support/editors';
import { ManualClock } from '../support/manualClock';

function setup() {
  const clock = new ManualClock();
  const sent: Notification[] = [];
  const fwd = new Forwarder((n) => sent.push(n), { clock });
  const start = clock.now();
  /** method and the params without time, for short assertions */
  const wire = () => sent.map((n) => [n.method.replace('understudy/', ''), strip(n.params)]);
  const at = (t: number) => t - start;
  return { clock, sent, fwd, wire, at };
}

function strip(params: object): Record<string, unknown> {
  const { time: _time, ...rest } = params as { time: number };
  return rest;
}

const A = editor('file:///w/a.ts', 'typescript');
const B = editor('file:///w/b.py', 'python');

describe('Forwarder', () => {
  it('tells a newly started server the active editor and window focus', () => {
    const { fwd, wire } = setup();
    fwd.activeEditorChanged(A);
    fwd.windowFocusChanged(true);
    assert.deepEqual(wire(), []);
    fwd.connected();
    assert.deepEqual(wire(), [
      ['activeEditor', { uri: 'file:///w/a.ts', languageId: 'typescript' }],
      ['windowFocus', { focused: true }],
    ]);
  });

  it('sends only the last selection of a burst, with the time it was made', () => {
    const { clock, fwd, sent, wire, at } = setup();
    fwd.connected();
    fwd.selectionChanged(selectionChange(A, 1, range(0, 1)));
    clock.advance(50);
    fwd.selectionChanged(selectionChange(A, 1, range(0, 2)));
    clock.advance(50);
    fwd.selectionChanged(selectionChange(A, 2, range(0, 3, 1, 0)));
    assert.equal(sent.length, 0);
    clock.advance(300);
    assert.deepEqual(wire(), [
      ['selection', { uri: 'file:///w/a.ts', selections: [{ start: { line: 0, character: 3 }, end: { line: 1, character: 0 } }], kind: 'mouse' }],
    ]);
    assert.equal(at(sent[0].params.time), 100);
  });

  it('coalesces two editors on the same document separately', () => {
    const { clock, fwd, sent } = setup();
    fwd.connected();
    const left = editor('file:///w/a.ts');
    const right = editor('file:///w/a.ts');
    fwd.selectionChanged(selectionChange(left, 1, range(1, 0)));
    fwd.selectionChanged(selectionChange(right, 1, range(9, 0)));
    clock.advance(300);
    assert.equal(sent.length, 2);
  });

  it('lets held-back selections go before any later event, so the wire keeps time order', () => {
    const { fwd, wire } = setup();
    fwd.connected();
    fwd.activeEditorChanged(A);
    fwd.selectionChanged(selectionChange(A, 1, range(3, 3)));
    fwd.activeEditorChanged(B);
    assert.deepEqual(
      wire().map(([m]) => m),
      ['activeEditor', 'selection', 'activeEditor'],
    );
  });

  it('leaves out repeats of the active editor and focus, but not a return to an editor after none', () => {
    const { fwd, wire } = setup();
    fwd.connected();
    fwd.activeEditorChanged(A);
    fwd.activeEditorChanged(A);
    fwd.windowFocusChanged(true);
    fwd.windowFocusChanged(true);
    fwd.activeEditorChanged(undefined);
    fwd.activeEditorChanged(A);
    assert.deepEqual(
      wire().map(([m]) => m),
      ['activeEditor', 'windowFocus', 'activeEditor'],
    );
  });

  it('records nothing while paused and catches up the present state on resume', () => {
    const { clock, fwd, wire } = setup();
    fwd.connected();
    fwd.activeEditorChanged(A);
    fwd.windowFocusChanged(true);
    assert.equal(fwd.setPaused(true), true);
    assert.equal(fwd.setPaused(true), false, 'pausing twice changes nothing');
    fwd.activeEditorChanged(B);
    fwd.selectionChanged(selectionChange(B, 1, range(0, 0)));
    fwd.windowFocusChanged(false);
    fwd.windowFocusChanged(true);
    fwd.terminalCommandEnded({ terminal: { name: 'bash' }, execution: { commandLine: { value: 'cat .env' } }, exitCode: 0 });
    fwd.debugSessionStarted({ name: 'd', type: 'node', configuration: { request: 'launch' } });
    fwd.breakpointsChanged({ added: [sourceBreakpoint('file:///w/b.py', 1)], removed: [], changed: [] });
    fwd.taskStarted(taskExecution('build', 'npm'));
    clock.advance(1000);
    fwd.setPaused(false);
    assert.deepEqual(wire(), [
      ['activeEditor', { uri: 'file:///w/a.ts', languageId: 'typescript' }],
      ['windowFocus', { focused: true }],
      ['pause', { paused: true }],
      ['pause', { paused: false }],
      ['activeEditor', { uri: 'file:///w/b.py', languageId: 'python' }],
    ]);
  });

  it('sends a selection made before pausing ahead of the pause', () => {
    const { fwd, wire } = setup();
    fwd.connected();
    fwd.selectionChanged(selectionChange(A, 1, range(2, 0)));
    fwd.setPaused(true);
    assert.deepEqual(
      wire().map(([m]) => m),
      ['selection', 'pause'],
    );
  });

  it('tells a server that starts while paused only that recording is paused', () => {
    const { fwd, wire } = setup();
    fwd.activeEditorChanged(A);
    fwd.setPaused(true);
    fwd.connected();
    assert.deepEqual(wire(), [['pause', { paused: true }]]);
  });

  it('counts events lost while the server is not running and drops selections held for a server that stopped', () => {
    const { clock, fwd, sent } = setup();
    fwd.debugSessionStarted({ name: 'd', type: 'node', configuration: { request: 'launch' } });
    fwd.connected();
    fwd.selectionChanged(selectionChange(A, 1, range(0, 0)));
    fwd.disconnected();
    clock.advance(1000);
    fwd.taskStarted(taskExecution('t', 'shell'));
    assert.equal(sent.length, 0);
    assert.equal(fwd.stats.droppedOffline, 2);
  });

  it('retells the present state to a restarted server', () => {
    const { fwd, wire } = setup();
    fwd.activeEditorChanged(A);
    fwd.connected();
    fwd.disconnected();
    fwd.connected();
    assert.deepEqual(
      wire().map(([m]) => m),
      ['activeEditor', 'activeEditor'],
    );
  });

  it('ends a process task once, with the exit code, whichever of VS Code\'s two end events comes first', () => {
    for (const order of ['processFirst', 'taskFirst'] as const) {
      const { fwd, wire } = setup();
      fwd.connected();
      const run = taskExecution('test', 'npm');
      fwd.taskStarted(run);
      fwd.taskProcessStarted(run);
      if (order === 'processFirst') {
        fwd.taskProcessEnded(run, 1);
        fwd.taskEnded(run);
      } else {
        fwd.taskEnded(run);
        fwd.taskProcessEnded(run, 1);
      }
      assert.deepEqual(wire(), [
        ['task', { event: 'start', name: 'test', source: 'npm' }],
        ['task', { event: 'end', name: 'test', source: 'npm', exitCode: 1 }],
      ], order);
    }
  });

  it('ends a task that ran no process when the task ends', () => {
    const { fwd, wire } = setup();
    fwd.connected();
    const run = taskExecution('custom', 'Workspace');
    fwd.taskStarted(run);
    fwd.taskEnded(run);
    assert.deepEqual(wire()[1], ['task', { event: 'end', name: 'custom', source: 'Workspace' }]);
  });

  it('forwards terminal commands, debug sessions and breakpoints as they come', () => {
    const { fwd, wire } = setup();
    fwd.connected();
    fwd.terminalCommandEnded({ terminal: { name: 'bash' }, execution: { commandLine: { value: 'make' } }, exitCode: 2 });
    fwd.debugSessionStarted({ name: 'Run', type: 'python', configuration: { request: 'attach' } });
    fwd.breakpointsChanged({ added: [], removed: [sourceBreakpoint('file:///w/a.ts', 4)], changed: [] });
    fwd.debugSessionStopped({ name: 'Run', type: 'python', configuration: { request: 'attach' } });
    assert.deepEqual(wire(), [
      ['terminalCommand', { terminalName: 'bash', commandLine: 'make', exitCode: 2 }],
      ['debugSession', { event: 'start', name: 'Run', type: 'python', request: 'attach' }],
      ['breakpoints', { added: [], removed: [{ uri: 'file:///w/a.ts', line: 4 }] }],
      ['debugSession', { event: 'stop', name: 'Run', type: 'python', request: 'attach' }],
    ]);
  });

  it('counts a sink that throws and goes on', () => {
    const clock = new ManualClock();
    let calls = 0;
    const fwd = new Forwarder(() => {
      calls++;
      throw new Error('connection closed');
    }, { clock });
    fwd.connected();
    fwd.windowFocusChanged(true);
    fwd.windowFocusChanged(false);
    assert.equal(calls, 2);
    assert.equal(fwd.stats.sinkErrors, 2);
    assert.equal(fwd.stats.sent, 0);
  });

  it('passes on held selections when disposed, then sends nothing', () => {
    const { clock, fwd, wire } = setup();
    fwd.connected();
    fwd.selectionChanged(selectionChange(A, 3, range(7, 7)));
    fwd.dispose();
    fwd.windowFocusChanged(true);
    clock.advance(1000);
    assert.deepEqual(
      wire().map(([m]) => m),
      ['selection'],
    );
    assert.equal(clock.pending, 0);
  });
});
