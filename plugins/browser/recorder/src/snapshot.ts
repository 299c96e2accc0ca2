// Page snapshots for observations: cleaned HTML in the style web agents are trained on (tags, text and a
// short list of meaningful attributes; no scripts, styles, comments or hidden elements) and the bounds of
// the secure fields, which the Java side blacks out in the screenshot. Secure values never leave here.
//
// The cleaner works on a structural subset of the DOM (SnapNode) with the questions that need a live
// page (hidden? secure? current value?) asked through hooks, so node tests can run it on plain objects.

import { normalizeSpace, truncate } from './pure';

/** The part of a DOM node the cleaner reads. */
export interface SnapNode {
  readonly nodeType: number;
  readonly localName?: string;
  readonly data?: string;
  readonly attributes?: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly childNodes?: ArrayLike<SnapNode>;
}

/** What a field holds now: its value (absent for secure fields or when values may not be sent) and checked state. */
export interface FieldState {
  value?: string;
  checked?: boolean;
  selected?: boolean;
}

/** Questions about an element that need a live page. */
export interface SnapshotHooks {
  /** Not rendered (display:none, visibility:hidden); the hidden attribute and input type=hidden are checked by the cleaner. */
  hidden(el: SnapNode): boolean;
  /** A password-like field: its value is never written. */
  secure(el: SnapNode): boolean;
  /** The state of a form field, or undefined for other elements. */
  field(el: SnapNode): FieldState | undefined;
  /** An open shadow root of the element, if any: its children are written inside the host. */
  shadowRoot(el: SnapNode): SnapNode | null;
}

export interface CleanHtml {
  html: string;
  truncated: boolean;
}

const ELEMENT = 1;
const TEXT = 3;
const FRAGMENT = 11;

/** Elements left out with everything inside them. */
const DROPPED = new Set([
  'head', 'script', 'style', 'meta', 'link', 'noscript', 'template', 'base', 'object', 'embed', 'param',
  'source', 'track', 'canvas', 'audio', 'video', 'map',
]);
/** Elements written without their children (their inside is drawing, not content). */
const LEAF = new Set(['svg', 'math', 'iframe', 'frame', 'textarea']);
/** Elements with no end tag. */
const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'wbr']);
/** Attributes kept (besides aria-*). `class` is left out: long, generated and unstable; ids and test ids locate. */
const KEPT = new Set([
  'id', 'role', 'name', 'type', 'placeholder', 'alt', 'title', 'href', 'for', 'label', 'disabled', 'readonly',
  'required', 'multiple', 'data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy', 'lang', 'dir',
]);
/** Longest attribute value written. */
const MAX_ATTRIBUTE = 200;

/** Whether an attribute is kept in the snapshot (values are written from the live field state, not the markup). */
export function keepsAttribute(name: string): boolean {
  const n = name.toLowerCase();
  return KEPT.has(n) || (n.startsWith('aria-') && n !== 'aria-valuetext');
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cleans the tree under root into HTML of at most maxChars characters (the rest is cut, at an element
 * boundary, and marked truncated).
 */
export function cleanHtml(root: SnapNode, hooks: SnapshotHooks, maxChars: number): CleanHtml {
  const out: string[] = [];
  let length = 0;
  let truncated = false;
  const write = (s: string): boolean => {
    if (length + s.length > maxChars) {
      truncated = true;
      return false;
    }
    out.push(s);
    length += s.length;
    return true;
  };

  const children = (node: SnapNode): void => {
    const list = node.childNodes;
    if (!list) return;
    for (let i = 0; i < list.length && !truncated; i++) visit(list[i]);
  };

  const visit = (node: SnapNode): void => {
    if (node.nodeType === TEXT) {
      const text = normalizeSpace(node.data || '');
      if (text) write(escapeText(text) + ' ');
      return;
    }
    if (node.nodeType === FRAGMENT) {
      children(node);
      return;
    }
    if (node.nodeType !== ELEMENT) return; // comments, processing instructions
    const tag = (node.localName || '').toLowerCase();
    if (!tag || DROPPED.has(tag)) return;
    const list = node.attributes;
    for (let i = 0; list && i < list.length; i++) {
      const n = list[i].name.toLowerCase();
      if (n === 'hidden' || (n === 'type' && tag === 'input' && list[i].value.toLowerCase() === 'hidden')) return;
    }
    if (hooks.hidden(node)) return;
    const secure = hooks.secure(node);
    let attrs = '';
    for (let i = 0; list && i < list.length; i++) {
      const { name, value } = list[i];
      if (!keepsAttribute(name)) continue;
      if (name.toLowerCase() === 'href' && /^\s*javascript:/i.test(value)) continue;
      attrs += ' ' + name.toLowerCase() + '="' + escapeAttribute(truncate(value, MAX_ATTRIBUTE)) + '"';
    }
    const state = hooks.field(node);
    if (state) {
      if (!secure && state.value !== undefined && state.value !== '') {
        attrs += ' value="' + escapeAttribute(truncate(state.value, MAX_ATTRIBUTE)) + '"';
      }
      if (state.checked) attrs += ' checked';
      if (state.selected) attrs += ' selected';
    }
    if (!write('<' + tag + attrs + '>')) return;
    if (VOID.has(tag)) return;
    if (!LEAF.has(tag)) {
      const shadow = hooks.shadowRoot(node);
      if (shadow) children(shadow);
      children(node);
    }
    if (!truncated) write('</' + tag + '>');
  };

  visit(root);
  return { html: out.join('').replace(/ <\//g, '</'), truncated };
}

// --- the live page --------------------------------------------------------------------------------

/** A rectangle in CSS pixels of the top-level viewport. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the Java side asks the top frame's recorder for (docs/browser-recorder-messages.md, Observations). */
export interface PageSnapshot {
  html: string;
  truncated: boolean;
  /** Secure fields and frames the recorder cannot look into, to black out in a screenshot. */
  secure: Rect[];
  viewport: { width: number; height: number };
}

/** Hooks answering from the live DOM. */
export function liveHooks(isSecure: (el: Element) => boolean, valuesAllowed: boolean): SnapshotHooks {
  return {
    hidden(n) {
      const el = n as unknown as Element;
      const view = el.ownerDocument.defaultView;
      if (!view) return false;
      const style = view.getComputedStyle(el);
      return style.display === 'none' || style.visibility === 'hidden';
    },
    secure: (n) => isSecure(n as unknown as Element),
    field(n) {
      const el = n as unknown as Element;
      const value = (v: string): string | undefined => (valuesAllowed && !isSecure(el) ? v : undefined);
      if (el instanceof HTMLInputElement) {
        if (el.type === 'checkbox' || el.type === 'radio') return { checked: el.checked };
        if (el.type === 'file') return {};
        return { value: value(el.value) };
      }
      if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return { value: value(el.value) };
      if (el instanceof HTMLOptionElement) return { selected: el.selected };
      return undefined;
    },
    shadowRoot: (n) => (n as unknown as Element).shadowRoot as unknown as SnapNode | null,
  };
}

/** Bounds of the secure fields in a document (and its open shadow roots and same-origin frames), offset to the top viewport. */
export function secureBounds(doc: Document, isSecure: (el: Element) => boolean, dx = 0, dy = 0): Rect[] {
  const out: Rect[] = [];
  const visitRoot = (root: Document | ShadowRoot): void => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.shadowRoot) visitRoot(el.shadowRoot);
      if (el instanceof HTMLIFrameElement || el instanceof HTMLFrameElement) {
        const r = el.getBoundingClientRect();
        let inner: Document | null = null;
        try {
          inner = el.contentDocument;
        } catch {
          inner = null;
        }
        if (inner) out.push(...secureBounds(inner, isSecure, dx + r.left + el.clientLeft, dy + r.top + el.clientTop));
        // A frame we cannot look into may hold a card form: black it out whole.
        else out.push({ x: dx + r.left, y: dy + r.top, width: r.width, height: r.height });
        continue;
      }
      if (!isSecure(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out.push({ x: dx + r.left, y: dy + r.top, width: r.width, height: r.height });
    }
  };
  visitRoot(doc);
  return out;
}

/** The snapshot of this (top-level) document. */
export function snapshotPage(isSecure: (el: Element) => boolean, valuesAllowed: boolean, maxChars: number): PageSnapshot {
  const root = (document.body || document.documentElement) as unknown as SnapNode;
  const { html, truncated } = cleanHtml(root, liveHooks(isSecure, valuesAllowed), maxChars);
  return {
    html,
    truncated,
    secure: secureBounds(document, isSecure),
    viewport: { width: window.innerWidth, height: window.innerHeight },
  };
}
