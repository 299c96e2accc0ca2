// Small DOM helpers shared by the recorder's parts.

import { labelElements } from './attributed';

/** The element's parent, stepping out of a shadow root to its host. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** The document or shadow root that holds a node. */
export function rootOf(node: Node): Document | ShadowRoot {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root : (node.ownerDocument ?? (root as Document));
}

/** The shadow hosts between the document and the element, outermost first. */
export function shadowHosts(el: Element): Element[] {
  const hosts: Element[] = [];
  let root = el.getRootNode();
  while (root instanceof ShadowRoot) {
    hosts.unshift(root.host);
    root = root.host.getRootNode();
  }
  return hosts;
}

/**
 * Whether the event's path may hold an open shadow root. Seen from outside, an event from inside a shadow tree
 * is retargeted to its host: a target that is an element without an open shadow root means the path holds none
 * this listener can see (a closed root hides itself and everything in it). Spares reading the whole path.
 */
export function crossesOpenShadowRoot(event: Event): boolean {
  const target = event.target;
  return !(target instanceof Element) || target.shadowRoot !== null;
}

/** The element an event happened on, inside open shadow roots; text nodes give their parent. */
export function eventElement(event: Event): Element | null {
  if (!crossesOpenShadowRoot(event)) return event.target as Element;
  const path = event.composedPath();
  for (const node of path) {
    if (node instanceof Element) return node;
    if (node instanceof Text && node.parentElement) return node.parentElement;
  }
  return event.target instanceof Element ? event.target : null;
}

/** The element that has focus, inside open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Whether a node is an HTML input of one of these types (lower case). */
export function isInputOfType(el: Element, ...types: string[]): el is HTMLInputElement {
  return el instanceof HTMLInputElement && types.includes((el.type || 'text').toLowerCase());
}

const NON_TEXT_INPUTS = ['button', 'submit', 'reset', 'image', 'checkbox', 'radio', 'file', 'hidden', 'color', 'range'];

/** Whether the element takes typed text: text-like inputs, textareas, contenteditable hosts. */
export function isTextEntry(el: Element): el is HTMLElement {
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !NON_TEXT_INPUTS.includes((el.type || 'text').toLowerCase());
  return el instanceof HTMLElement && el.isContentEditable;
}

/** The contenteditable editing host holding an element, if any. */
export function editingHost(el: Element): HTMLElement | null {
  let host: HTMLElement | null = null;
  for (let cur: Element | null = el; cur instanceof HTMLElement && cur.isContentEditable; cur = cur.parentElement) host = cur;
  return host;
}

/** Whether the element is rendered (not display:none, not visibility:hidden, not hidden in an ancestor). */
export function isRendered(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') {
    if (check.call(el, { visibilityProperty: true })) return true;
    // display: contents has no box of its own but its children render.
    return getComputedStyle(el).display === 'contents' && (el.parentElement === null || isRendered(el.parentElement));
  }
  const style = getComputedStyle(el);
  return style.display !== 'none' && style.visibility !== 'hidden';
}

/** Per tree scope: each labelled control and its labels in tree order. Set only while a target is described. */
let labelIndex: Map<Node, Map<Element, HTMLLabelElement[]>> | null = null;
/** Per tree scope: whether any style sheet there could give an element ::before or ::after content. */
let pseudoIndex: Map<Node, boolean> | null = null;
/** Per tree scope: values computed once while one target is described ({@link perDescription}). */
let scopeValues: Map<Node, Map<string, unknown>> | null = null;

/**
 * Runs `fn` with the labels of every control, and whether style sheets give pseudo-element content, indexed once
 * per document or shadow root. Reading `el.labels` walks the whole tree scope in Chromium, and a computed style
 * for a pseudo-element that does not exist is resolved anew on each call: counting a thousand same-named
 * buttons did both a thousand times.
 * The DOM must not change inside `fn`.
 */
export function withDomIndex<T>(fn: () => T): T {
  if (labelIndex) return fn();
  labelIndex = new Map();
  pseudoIndex = new Map();
  scopeValues = new Map();
  try {
    return fn();
  } finally {
    labelIndex = null;
    pseudoIndex = null;
    scopeValues = null;
  }
}

/**
 * A value of a tree scope computed once while a target is described (inside {@link withDomIndex}), as the
 * indexes above are; computed on every call outside it.
 */
export function perDescription<T>(root: Document | ShadowRoot, key: string, compute: () => T): T {
  if (!scopeValues) return compute();
  let values = scopeValues.get(root);
  if (!values) {
    values = new Map();
    scopeValues.set(root, values);
  }
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}

/** The labels of a labelable element in tree order (what `el.labels` gives), or none. */
export function labelsOf(el: Element): HTMLLabelElement[] {
  const root = el.getRootNode();
  const index = root instanceof Document || root instanceof ShadowRoot ? labelIndexOf(root) : null;
  if (!index) {
    const labels = (el as HTMLInputElement).labels;
    return labels ? Array.from(labels) : [];
  }
  return index.get(el) ?? [];
}

/** The labelled controls of a tree scope and their labels; null outside {@link withDomIndex}. */
export function labelIndexOf(root: Document | ShadowRoot): ReadonlyMap<Element, HTMLLabelElement[]> | null {
  if (!labelIndex) return null;
  let index = labelIndex.get(root);
  if (!index) {
    index = new Map();
    for (const label of labelElements(root)) {
      const control = (label as HTMLLabelElement).control;
      if (!control) continue;
      const list = index.get(control);
      if (list) list.push(label as HTMLLabelElement);
      else index.set(control, [label as HTMLLabelElement]);
    }
    // The kept label set has no order: a control's labels go back into tree order.
    for (const list of index.values()) if (list.length > 1) list.sort(inTreeOrder);
    labelIndex.set(root, index);
  }
  return index;
}

function inTreeOrder(a: Node, b: Node): number {
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

const PSEUDO_SELECTOR = /:(before|after)\b/i;

function sheetsHavePseudo(sheets: Iterable<CSSStyleSheet>): boolean {
  for (const sheet of sheets) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      return true; // a cross-origin sheet cannot be read: assume it may
    }
    if (rulesHavePseudo(rules)) return true;
  }
  return false;
}

function rulesHavePseudo(rules: CSSRuleList): boolean {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSStyleRule && PSEUDO_SELECTOR.test(rule.selectorText)) return true;
    if (rule instanceof CSSImportRule) {
      if (rule.styleSheet && sheetsHavePseudo([rule.styleSheet])) return true;
      continue;
    }
    const nested = (rule as CSSRule & { cssRules?: CSSRuleList }).cssRules;
    if (nested && rulesHavePseudo(nested)) return true;
  }
  return false;
}

function scopeHasPseudo(root: Document | ShadowRoot): boolean {
  const sheets = [...Array.from(root.styleSheets), ...(root.adoptedStyleSheets ?? [])];
  return sheetsHavePseudo(sheets);
}

/**
 * Whether the element may have ::before or ::after content: false only when no author style sheet in its
 * tree scope (nor the document's, for a shadow root) has such a rule. The browser's own sheet gives `q` quotes.
 * Always true outside {@link withDomIndex}.
 */
export function mayHavePseudoContent(el: Element): boolean {
  if (el.localName === 'q') return true;
  const root = el.getRootNode();
  return !(root instanceof Document || root instanceof ShadowRoot) || scopeMayHavePseudoContent(root);
}

/** Whether style sheets could give any element of this tree scope ::before or ::after content (true outside {@link withDomIndex}). */
export function scopeMayHavePseudoContent(root: Document | ShadowRoot): boolean {
  if (!pseudoIndex) return true;
  let has = pseudoIndex.get(root);
  if (has === undefined) {
    has = scopeHasPseudo(root) || (root instanceof ShadowRoot && scopeHasPseudo(root.ownerDocument));
    pseudoIndex.set(root, has);
  }
  return has;
}
