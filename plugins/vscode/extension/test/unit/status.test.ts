import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSENT_HINT, statusView } from '../../src/status';

describe('status bar', () => {
  it('shows recording with a click that pauses', () => {
    const v = statusView('running', false);
    assert.equal(v.text, '$(record) Understudy');
    assert.equal(v.command, 'understudy.pause');
    assert.equal(v.warning, false);
  });

  it('shows paused, whatever the server does, with a click that resumes', () => {
    for (const server of ['running', 'starting', 'stopped'] as const) {
      const v = statusView(server, true);
      assert.equal(v.text, '$(debug-pause) Understudy paused');
      assert.equal(v.command, 'understudy.resume');
    }
  });

  it('warns when the server is not running and says how to allow recording', () => {
    const v = statusView('stopped', false);
    assert.equal(v.warning, true);
    assert.ok(v.tooltip.includes(CONSENT_HINT));
    assert.equal(v.command, 'understudy.showOutput');
  });
});
