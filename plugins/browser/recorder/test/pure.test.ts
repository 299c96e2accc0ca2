import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveOptions } from '../src/messages';
import {
  classifyKey,
  cssContentText,
  cssIdent,
  cssString,
  hostMatches,
  isSecureAutocomplete,
  isStableId,
  normalizeSpace,
  randomId,
  scrollPermille,
  truncate,
  valueKindForInput,
  xpathLiteral,
  type KeyFacts,
} from '../src/pure';

const key = (k: Partial<KeyFacts> & { key: string }): KeyFacts => ({
  ctrl: false, shift: false, alt: false, meta: false, altGraph: false, editable: false, secure: false, ...k,
});

describe('classifyKey', () => {
  it('ignores plain typing, shifted letters and arrows', () => {
    assert.equal(classifyKey(key({ key: 'a', editable: true })), null);
    assert.equal(classifyKey(key({ key: 'A', shift: true, editable: true })), null);
    assert.equal(classifyKey(key({ key: 'ArrowDown' })), null);
    assert.equal(classifyKey(key({ key: 'Backspace', editable: true })), null);
  });
  it('reports modifier combinations with their modifiers in a fixed order', () => {
    assert.deepEqual(classifyKey(key({ key: 's', ctrl: true })), { key: 's', modifiers: ['ctrl'] });
    assert.deepEqual(classifyKey(key({ key: 'Z', ctrl: true, shift: true, meta: true })), { key: 'Z', modifiers: ['ctrl', 'shift', 'meta'] });
    assert.deepEqual(classifyKey(key({ key: 'F5' })), { key: 'F5', modifiers: [] });
  });
  it('reports Enter, Escape and Tab in any context, even in a secure field', () => {
    for (const k of ['Enter', 'Escape', 'Tab']) {
      assert.deepEqual(classifyKey(key({ key: k, editable: true, secure: true })), { key: k, modifiers: [] });
    }
    assert.deepEqual(classifyKey(key({ key: 'Tab', shift: true })), { key: 'Tab', modifiers: ['shift'] });
  });
  it('leaves copy, cut and paste keys to the clipboard events', () => {
    for (const k of ['c', 'x', 'v', 'V']) assert.equal(classifyKey(key({ key: k, ctrl: true })), null);
    assert.equal(classifyKey(key({ key: 'c', meta: true })), null);
  });
  it('never reports a character typed with AltGr, Alt in a field, or any combination in a secure field', () => {
    assert.equal(classifyKey(key({ key: '@', ctrl: true, alt: true, altGraph: true, editable: true })), null);
    assert.equal(classifyKey(key({ key: '@', ctrl: true, alt: true, editable: true })), null);
    assert.equal(classifyKey(key({ key: 'ø', alt: true, editable: true })), null);
    assert.equal(classifyKey(key({ key: 's', ctrl: true, editable: true, secure: true })), null);
    assert.deepEqual(classifyKey(key({ key: 'f', alt: true })), { key: 'f', modifiers: ['alt'] });
  });
  it('ignores modifier keys and dead keys on their own', () => {
    for (const k of ['Control', 'Shift', 'Alt', 'Meta', 'Dead', 'Unidentified', '']) assert.equal(classifyKey(key({ key: k, ctrl: true })), null);
  });
});

describe('text helpers', () => {
  it('normalizes white space as names are compared', () => {
    assert.equal(normalizeSpace('  Save\n\t draft\u00a0 '), 'Save draft');
  });
  it('truncates without splitting a surrogate pair', () => {
    assert.equal(truncate('ab😀c', 3), 'ab');
    assert.equal(truncate('abc', 5), 'abc');
  });
  it('matches host globs like the policy does', () => {
    assert.ok(hostMatches('www.bank.example', '*.bank.example'));
    assert.ok(!hostMatches('bank.example', '*.bank.example'));
    assert.ok(hostMatches('mybank.example.org', '*bank*'));
    assert.ok(hostMatches('Intranet', 'intranet'));
    assert.ok(!hostMatches('intranet2', 'intranet'));
    assert.ok(!hostMatches('ab', 'a*b*c'));
  });
  it('knows which autocomplete tokens are secure', () => {
    assert.ok(isSecureAutocomplete('cc-number'));
    assert.ok(isSecureAutocomplete('billing cc-csc'));
    assert.ok(isSecureAutocomplete('current-password'));
    assert.ok(isSecureAutocomplete('one-time-code'));
    assert.ok(!isSecureAutocomplete('email'));
    assert.ok(!isSecureAutocomplete('username'));
  });
  it('maps input types to value kinds', () => {
    assert.equal(valueKindForInput('range'), 'number');
    assert.equal(valueKindForInput('datetime-local'), 'date');
    assert.equal(valueKindForInput('email'), 'text');
    assert.equal(valueKindForInput('checkbox'), 'checked');
  });
  it('places the scroll position in thousandths of the range', () => {
    assert.equal(scrollPermille(0, 2000, 1000), 0);
    assert.equal(scrollPermille(500, 2000, 1000), 500);
    assert.equal(scrollPermille(1200, 2000, 1000), 1000);
    assert.equal(scrollPermille(10, 500, 1000), 0);
  });
  it('tells hand-written ids from generated ones', () => {
    for (const id of ['email', 'login-form', 'save_btn', 'step2']) assert.ok(isStableId(id), id);
    for (const id of ['', ':r1:', 'ember1234', 'mui-42', 'a1b2c3d4e5f6', 'item-20240101', '1abc', 'react-select-3-input']) {
      assert.ok(!isStableId(id), id);
    }
  });
});

describe('selector syntax', () => {
  it('escapes CSS identifiers as CSS.escape does', () => {
    assert.equal(cssIdent('email'), 'email');
    assert.equal(cssIdent('a.b'), 'a\\.b');
    assert.equal(cssIdent('1x'), '\\31 x');
    assert.equal(cssIdent('-'), '\\-');
    assert.equal(cssIdent('-2'), '-\\32 ');
    assert.equal(cssIdent('é_-'), 'é_-');
  });
  it('quotes CSS strings', () => {
    assert.equal(cssString('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(cssString('x\ny'), '"x\\a y"');
  });
  it('quotes XPath literals, with concat when both quotes occur', () => {
    assert.equal(xpathLiteral('plain'), '"plain"');
    assert.equal(xpathLiteral('say "hi"'), '\'say "hi"\'');
    assert.equal(xpathLiteral('it\'s "x"'), 'concat("it\'s ", \'"\', "x", \'"\', "")');
  });
});

describe('cssContentText', () => {
  const none = (): string => '';
  it('reads quoted strings and attr()', () => {
    assert.equal(cssContentText('"Hello"', none), 'Hello');
    assert.equal(cssContentText('"(" attr(data-n) ")"', (n) => (n === 'data-n' ? '3' : '')), '(3)');
    assert.equal(cssContentText("'it\\'s'", none), "it's");
    assert.equal(cssContentText('"\\2605"', none), '★');
  });
  it('prefers alternative text and ignores none, normal, images and counters', () => {
    assert.equal(cssContentText('"★" / "Favourite"', none), 'Favourite');
    assert.equal(cssContentText('none', none), '');
    assert.equal(cssContentText('normal', none), '');
    assert.equal(cssContentText('url("x.png")', none), '');
    assert.equal(cssContentText('url("x.png") "Next"', none), 'Next');
    assert.equal(cssContentText('counter(item)', none), '');
  });
});

describe('options and ids', () => {
  it('fills defaults and ignores fields of the wrong type', () => {
    const o = resolveOptions({ clipboardContent: true, maxValueLength: 10, scrollQuietMs: -1, maskValuesHosts: ['a', 3 as unknown as string] });
    assert.equal(o.clipboardContent, true);
    assert.equal(o.textContent, true);
    assert.equal(o.fileNames, false);
    assert.equal(o.maxValueLength, 10);
    assert.equal(o.scrollQuietMs, 400);
    assert.deepEqual(o.maskValuesHosts, ['a']);
    assert.deepEqual(resolveOptions(undefined), resolveOptions({}));
  });
  it('makes 16 hex digit ids', () => {
    let n = 0;
    const id = randomId((b) => b.forEach((_, i) => (b[i] = n++ * 17)));
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.equal(id.slice(0, 4), '0011');
  });
});
