// Elements of a document that carry a role or contenteditable attribute (the candidates for any role besides
// the tags that have it implicitly) and elements that carry a naming attribute (aria-label, aria-labelledby,
// title, aria-placeholder: their name needs the full computation), and its label elements. A MutationObserver
// keeps the sets current, so that counting role + name matches and finding labels do not scan the whole document
// on every event (a selector scan of a 10,000-element page costs a few tenths of a millisecond each time).

const ROLE_ATTRIBUTES = ['role', 'contenteditable'];
const NAME_ATTRIBUTES = ['aria-label', 'aria-labelledby', 'title', 'aria-placeholder'];
const ROLE_SELECTOR = ROLE_ATTRIBUTES.map((a) => '[' + a + ']').join(',');
const NAME_SELECTOR = NAME_ATTRIBUTES.map((a) => '[' + a + ']').join(',');

/** The two sets of one tree scope. */
export interface Attributed {
  /** Elements with a role or contenteditable attribute, in no particular order. */
  readonly roled: readonly Element[];
  /** Whether an element has a naming attribute. */
  named(el: Element): boolean;
}

interface Index {
  readonly roled: Set<Element>;
  readonly named: Set<Element>;
  readonly labels: Set<Element>;
  readonly observer: MutationObserver;
}

let indexes = new WeakMap<Document, Index>();
const observers: MutationObserver[] = [];

function hasAny(el: Element, attributes: readonly string[]): boolean {
  for (const a of attributes) if (el.hasAttribute(a)) return true;
  return false;
}

function note(index: Index, node: Node): void {
  if (!(node instanceof Element)) return;
  if (hasAny(node, ROLE_ATTRIBUTES)) index.roled.add(node);
  if (hasAny(node, NAME_ATTRIBUTES)) index.named.add(node);
  if (node.localName === 'label') index.labels.add(node);
  if (node.firstElementChild) {
    for (const el of Array.from(node.querySelectorAll(ROLE_SELECTOR))) index.roled.add(el);
    for (const el of Array.from(node.querySelectorAll(NAME_SELECTOR))) index.named.add(el);
    for (const el of Array.from(node.getElementsByTagName('label'))) index.labels.add(el);
  }
}

function apply(index: Index, records: MutationRecord[]): void {
  for (const r of records) {
    if (r.type === 'attributes') note(index, r.target);
    else for (const node of Array.from(r.addedNodes)) note(index, node);
  }
}

/** Drops what left the scope or lost its attributes; what is left is current. */
function prune(set: Set<Element>, root: Document, attributes: readonly string[] | null): void {
  for (const el of set) {
    if (!el.isConnected || el.getRootNode() !== root || (attributes && !hasAny(el, attributes))) set.delete(el);
  }
}

/**
 * The attributed elements of this document or shadow root. A document's sets are built on the first call and
 * then kept by a MutationObserver; a shadow root (usually small, and not seen by the document's observer) is
 * queried each time.
 */
export function attributedElements(root: Document | ShadowRoot): Attributed {
  if (!(root instanceof Document) || typeof MutationObserver !== 'function') {
    const named = new Set(Array.from(root.querySelectorAll(NAME_SELECTOR)));
    return { roled: Array.from(root.querySelectorAll(ROLE_SELECTOR)), named: (el) => named.has(el) };
  }
  const index = currentIndex(root);
  prune(index.roled, root, ROLE_ATTRIBUTES);
  prune(index.named, root, NAME_ATTRIBUTES);
  const named = index.named;
  return { roled: Array.from(index.roled), named: (el) => named.has(el) };
}

/** The label elements of this document or shadow root, in no particular order (kept like the sets above). */
export function labelElements(root: Document | ShadowRoot): readonly Element[] {
  if (!(root instanceof Document) || typeof MutationObserver !== 'function') return Array.from(root.querySelectorAll('label'));
  const index = currentIndex(root);
  prune(index.labels, root, null);
  return Array.from(index.labels);
}

/** The document's index, built on first use and brought up to date with the observer's pending records. */
function currentIndex(root: Document): Index {
  let index = indexes.get(root);
  if (!index) {
    const roled = new Set<Element>(Array.from(root.querySelectorAll(ROLE_SELECTOR)));
    const named = new Set<Element>(Array.from(root.querySelectorAll(NAME_SELECTOR)));
    const labels = new Set<Element>(Array.from(root.getElementsByTagName('label')));
    const observer = new MutationObserver((records) => apply(created, records));
    const created: Index = { roled, named, labels, observer };
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: [...ROLE_ATTRIBUTES, ...NAME_ATTRIBUTES] });
    observers.push(observer);
    index = created;
    indexes.set(root, index);
  } else {
    apply(index, index.observer.takeRecords());
  }
  return index;
}

/** Stops every observer this module started (the recorder stopped). */
export function stopAttributedIndexes(): void {
  for (const observer of observers.splice(0)) observer.disconnect();
  indexes = new WeakMap();
}
