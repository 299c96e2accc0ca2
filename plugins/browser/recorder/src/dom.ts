// Small DOM helpers shared by the recorder's parts.

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

/** The element an event happened on, inside open shadow roots; text nodes give their parent. */
export function eventElement(event: Event): Element | null {
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
