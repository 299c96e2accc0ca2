import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanHtml, keepsAttribute, type FieldState, type SnapNode, type SnapshotHooks } from '../src/snapshot';

interface Fake extends SnapNode {
  hidden?: boolean;
  secure?: boolean;
  state?: FieldState;
  shadow?: Fake;
}

const el = (tag: string, attrs: Record<string, string> = {}, children: Fake[] = [], extra: Partial<Fake> = {}): Fake => ({
  nodeType: 1,
  localName: tag,
  attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })),
  childNodes: children,
  ...extra,
});
const text = (data: string): Fake => ({ nodeType: 3, data });
const comment = (data: string): Fake => ({ nodeType: 8, data });

const hooks: SnapshotHooks = {
  hidden: (n) => !!(n as Fake).hidden,
  secure: (n) => !!(n as Fake).secure,
  field: (n) => (n as Fake).state,
  shadowRoot: (n) => (n as Fake).shadow ?? null,
};

describe('cleanHtml', () => {
  it('drops scripts, styles, comments, hidden elements and svg internals, and keeps text', () => {
    const body = el('body', {}, [
      el('script', {}, [text('window.secret = 1')]),
      el('style', {}, [text('.a { color: red }')]),
      comment('a comment'),
      el('div', { hidden: '' }, [text('hidden by attribute')]),
      el('div', {}, [text('hidden by style')], { hidden: true }),
      el('svg', { role: 'img', 'aria-label': 'Logo' }, [el('path', { d: 'M0 0' })]),
      el('h1', {}, [text('  Test   shop ')]),
    ]);
    const { html, truncated } = cleanHtml(body, hooks, 10_000);
    assert.equal(html, '<body><svg role="img" aria-label="Logo"></svg><h1>Test shop</h1></body>');
    assert.equal(truncated, false);
  });

  it('keeps whitelisted attributes only, and no javascript: links', () => {
    const body = el('body', {}, [
      el('a', { href: 'javascript:alert(1)', class: 'btn x-1', id: 'go', onclick: 'x()' }, [text('Go')]),
      el('a', { href: '/next', 'data-testid': 'next', style: 'color: red', 'aria-describedby': 'h' }, [text('Next')]),
    ]);
    assert.equal(cleanHtml(body, hooks, 10_000).html,
      '<body><a id="go">Go</a><a href="/next" data-testid="next" aria-describedby="h">Next</a></body>');
    assert.ok(keepsAttribute('aria-label'));
    assert.ok(!keepsAttribute('class'));
    assert.ok(!keepsAttribute('value'), 'values come from the live field, never from the markup');
  });

  it('writes current values of plain fields and never those of secure fields', () => {
    const body = el('body', {}, [
      el('label', { for: 'pw' }, [text('Password')]),
      el('input', { id: 'pw', type: 'password', value: 'markup-secret' }, [], { secure: true, state: { value: 'typed-secret' } }),
      el('input', { name: 'city' }, [], { state: { value: 'Paris & "Lyon"' } }),
      el('input', { type: 'checkbox' }, [], { state: { checked: true } }),
      el('textarea', { name: 'bio' }, [text('default text')], { state: { value: 'Hello' } }),
    ]);
    const { html } = cleanHtml(body, hooks, 10_000);
    assert.equal(html, '<body><label for="pw">Password</label><input id="pw" type="password">'
      + '<input name="city" value="Paris &amp; &quot;Lyon&quot;"><input type="checkbox" checked>'
      + '<textarea name="bio" value="Hello"></textarea></body>');
    assert.ok(!html.includes('secret'));
  });

  it('writes open shadow roots inside their host and escapes text', () => {
    const host = el('card-form', {}, [text('light')], { shadow: { nodeType: 11, childNodes: [el('b', {}, [text('a < b')])] } });
    assert.equal(cleanHtml(el('body', {}, [host]), hooks, 10_000).html, '<body><card-form><b>a &lt; b</b>light</card-form></body>');
  });

  it('stops at the size limit and says so', () => {
    const body = el('body', {}, Array.from({ length: 100 }, (_, i) => el('p', {}, [text('paragraph ' + i)])));
    const { html, truncated } = cleanHtml(body, hooks, 200);
    assert.ok(truncated);
    assert.ok(html.length <= 200, String(html.length));
    assert.ok(html.startsWith('<body><p>paragraph 0</p>'));
  });
});
