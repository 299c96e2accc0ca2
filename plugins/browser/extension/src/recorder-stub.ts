// TEMPORARY STUB — not the recorder. It stands in for plugins/browser/recorder/src/recorder.ts (being
// written on branch 'browser') with the same signature, so the extension builds and its plumbing can be
// tested. It reports clicks on buttons and links, and field values at change, in message format 1
// (docs/browser-recorder-messages.md), with a crude name and a single CSS locator. Delete it once the
// real recorder is merged.

type Send = (message: unknown) => void;

function rid(): string {
  return 'stub' + Math.random().toString(36).slice(2, 12);
}

function target(el: Element) {
  const tag = el.tagName.toLowerCase();
  const role = tag === 'button' ? 'button' : tag === 'a' ? 'link' : tag === 'input' || tag === 'textarea' ? 'textbox' : '';
  const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
  const name = (el.getAttribute('aria-label') || label || (el as HTMLElement).innerText || '').trim().slice(0, 200);
  const css = el.id ? `#${CSS.escape(el.id)}` : tag;
  const input = el as HTMLInputElement;
  return {
    role,
    name,
    tag,
    inputType: tag === 'input' ? input.type : undefined,
    secure: tag === 'input' && input.type === 'password',
    roleNameCount: 1,
    locators: [{ kind: 'css', value: css, count: document.querySelectorAll(css).length }],
    shadow: [],
    context: [],
  };
}

export function startRecorder(send: Send, _options: unknown): void {
  const id = rid();
  let seq = 0;
  const emit = (body: object) =>
    send({ v: 1, rid: id, seq: ++seq, t: Date.now(), frame: { url: location.href, top: window === window.top, title: document.title }, ...body });
  window.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target.closest('button, a[href]') : null;
    if (el) emit({ type: 'click', target: target(el), method: 'click', button: 0 });
  }, true);
  window.addEventListener('change', (e) => {
    const el = e.target;
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
    const t = target(el);
    emit(t.secure
      ? { type: 'value', target: t, valueKind: 'text', omitted: true, truncated: false, cause: 'change' }
      : { type: 'value', target: t, valueKind: 'text', value: el.value, omitted: false, truncated: false, cause: 'change' });
  }, true);
}
