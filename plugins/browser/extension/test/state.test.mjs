// The badge and forwarding rules, on the built-free source through esbuild's transform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const code = buildSync({ entryPoints: [join(here, '..', 'src', 'state.ts')], bundle: true, format: 'esm', write: false }).outputFiles[0].text;
const { INITIAL_STATE, applyHostMessage, badge, disconnected, forwards } = await import('data:text/javascript,' + encodeURIComponent(code));

const connected = { ...INITIAL_STATE, connected: true };
const status = (fields) => ({ type: 'status', protocol: 1, recording: true, paused: false, ...fields });

test('shows REC in red while the host records', () => {
  const s = applyHostMessage(connected, status({ session: '0190a1b2-c3d4-7000-8000-000000000000' }));
  assert.equal(badge(s).text, 'REC');
  assert.equal(badge(s).icon, 'on');
  assert.match(badge(s).title, /recording.*0190a1b2-c3d4/);
  assert.equal(forwards(s), true);
});

test('shows the pause and stops forwarding while paused', () => {
  const s = applyHostMessage(connected, status({ paused: true }));
  assert.equal(badge(s).text, 'II');
  assert.equal(badge(s).icon, 'off');
  assert.equal(forwards(s), false);
});

test('shows why when the host refuses to record', () => {
  const s = applyHostMessage(connected, status({ recording: false, error: "adapter 'browser' has no consent" }));
  assert.equal(badge(s).text, '!');
  assert.match(badge(s).title, /no consent/);
  assert.equal(forwards(s), false);
});

test('keeps the host reason when the port then closes, else the browser reason', () => {
  const refused = applyHostMessage(connected, status({ recording: false, error: 'no consent' }));
  assert.equal(disconnected(refused, 'Native host has exited.').error, 'no consent');
  const missing = disconnected(connected, 'Specified native messaging host not found.');
  assert.equal(missing.recording, false);
  assert.equal(badge(missing).text, '!');
  assert.match(badge(missing).title, /not found/);
});

test('keeps the recorder options the host gives', () => {
  const s = applyHostMessage(connected, status({ options: { textContent: false, fileNames: false } }));
  assert.deepEqual(s.options, { textContent: false, fileNames: false });
  assert.deepEqual(applyHostMessage(s, status({})).options, { textContent: false, fileNames: false });
  assert.equal(INITIAL_STATE.options, null);
});

test('counts rejections the host reports', () => {
  const s = applyHostMessage(connected, { type: 'error', reason: 'malformed', detail: 'x', errors: 3 });
  assert.equal(s.errors, 3);
});

test('forwards before the first status so nothing typed early is lost', () => {
  assert.equal(forwards(connected), true);
  assert.equal(badge(connected).text, '…');
});

test('shows nothing when never connected', () => {
  assert.equal(badge(INITIAL_STATE).text, '');
  assert.equal(forwards(INITIAL_STATE), false);
});
