import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverCommand, SettingError } from '../../src/settings';

describe('settings', () => {
  it('starts `understudy lsp-capture` by default', () => {
    assert.deepEqual(serverCommand(undefined, undefined), { command: 'understudy', args: ['lsp-capture'] });
  });

  it('takes a command path and arguments as given', () => {
    assert.deepEqual(serverCommand(' /opt/understudy/bin/understudy ', ['lsp-capture', '--policy', '/p.yaml']), {
      command: '/opt/understudy/bin/understudy',
      args: ['lsp-capture', '--policy', '/p.yaml'],
    });
  });

  it('refuses a bad value, naming the setting', () => {
    assert.throws(() => serverCommand('', undefined), (e: unknown) => {
      assert.ok(e instanceof SettingError);
      assert.equal(e.setting, 'understudy.command');
      assert.match(e.message, /^understudy.command: must be a non-empty string, was ""$/);
      return true;
    });
    assert.throws(() => serverCommand(undefined, 'lsp-capture'), /^SettingError: understudy.args: must be an array of strings, was "lsp-capture"$/);
    assert.throws(() => serverCommand('understudy', ['lsp-capture', 3]), /understudy.args: must be an array of strings/);
  });
});
