// Elements of a document that carry a role or contenteditable attribute (the candidates for any role besides
// the tags that have it implicitly) and elements that carry a naming attribute (aria-label, aria-labelledby,
// title, aria-placeholder: their name needs the full computation), its label elements, its elements by test id,
// and each parent's children by position. A MutationObserver keeps them current, so that counting role + name
// matches, counting a test id, finding labels and placing an element among a thousand siblings do not scan the
// whole document on every event (a selector scan of a 10,000-element page costs a few tenths of a millisecond
// each time).

import { cssString } from './pure';

const ROLE_ATTRIBUTES = ['role', 'contenteditable'];
const NAME_ATTRIBUTES = ['aria-label', 'aria-labelledby', 'title', 'aria-placeholder'];
/** Test id attributes, in the order they are preferred. */
export const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'];
const ROLE_SELECTOR = ROLE_ATTRIBUTES.map((a) => '[' + a + ']').join(',');
const NAME_SELECTOR = NAME_ATTRIBUTES.map((a) => '[' + a + ']').join(',');
const TEST_ID_SELECTOR = TEST_ID_ATTRIBUTES.map((a) => '[' + a + ']').join(',');

/** The two sets of one tree scope. */
export interface Attributed {
  /** Elements with a role or contenteditable attribute, in no particular order. */
  readonly roled: readonly Element[];
  /** Whether an element has a naming attribute. */
  named(el: Element): boolean;
}

interface Index {
  readonly root: Document;
  readonly roled: Set<Element>;
  readonly named: Set<Element>;
  readonly labels: Set<Element>;
  /** Elements by test id attribute and value (keyed "attr=value"); an entry may hold elements whose value changed since. */
  readonly testIds: Map<string, TestIdEntry>;
  /**
   * Per parent whose children were placed: each child's position among its same-tag siblings. Dropped on a child
   * list change of the parent, and all of them when a subtree is inserted (it may have changed while detached,
   * where the observer does not see it).
   */
  positions: WeakMap<Node, Positions>;
  /** Entries added since the last sweep, and how many were left after it: see {@link sweepIfGrown}. */
  added: number;
  live: number;
  readonly observer: MutationObserver;
}

interface TestIdEntry {
  readonly attr: string;
  readonly value: string;
  readonly elements: Set<Element>;
}

/** Whether an element noted under a test id still carries it in this document. */
function stillCarries(el: Element, root: Document, entry: TestIdEntry): boolean {
  return el.isConnected && el.getRootNode() === root && el.getAttribute(entry.attr) === entry.value;
}

/** Entries the index may gain before a sweep is considered at all. */
const SWEEP_MIN = 1000;

/** The children of one parent by tag: each child's 1-based position among the siblings of its tag, and how many there are. */
interface Positions {
  readonly position: Map<Element, number>;
  readonly total: Map<string, number>;
  /** Tags whose siblings are not all in one namespace (an XPath name test tells them apart, CSS does not). */
  readonly mixed: Set<string>;
}

let indexes = new WeakMap<Document, Index>();
const observers: MutationObserver[] = [];

function hasAny(el: Element, attributes: readonly string[]): boolean {
  for (const a of attributes) if (el.hasAttribute(a)) return true;
  return false;
}

function noteTestIds(index: Index, el: Element): void {
  for (const attr of TEST_ID_ATTRIBUTES) {
    const value = el.getAttribute(attr);
    if (value === null) continue;
    const key = attr + '=' + value;
    const entry = index.testIds.get(key);
    if (!entry) index.testIds.set(key, { attr, value, elements: new Set([el]) });
    else if (!entry.elements.has(el)) entry.elements.add(el);
    else continue;
    index.added++;
  }
}

function add(index: Index, set: Set<Element>, el: Element): void {
  if (set.has(el)) return;
  set.add(el);
  index.added++;
}

function note(index: Index, node: Node): void {
  if (!(node instanceof Element)) return;
  if (hasAny(node, ROLE_ATTRIBUTES)) add(index, index.roled, node);
  if (hasAny(node, NAME_ATTRIBUTES)) add(index, index.named, node);
  if (hasAny(node, TEST_ID_ATTRIBUTES)) noteTestIds(index, node);
  if (node.localName === 'label') add(index, index.labels, node);
  if (node.firstElementChild) {
    for (const el of Array.from(node.querySelectorAll(ROLE_SELECTOR))) add(index, index.roled, el);
    for (const el of Array.from(node.querySelectorAll(NAME_SELECTOR))) add(index, index.named, el);
    for (const el of Array.from(node.querySelectorAll(TEST_ID_SELECTOR))) noteTestIds(index, el);
    for (const el of Array.from(node.getElementsByTagName('label'))) add(index, index.labels, el);
  }
}

function apply(index: Index, records: MutationRecord[]): void {
  for (const r of records) {
    if (r.type === 'attributes') {
      note(index, r.target);
      continue;
    }
    index.positions.delete(r.target);
    for (const node of Array.from(r.addedNodes)) {
      if (node instanceof Element && node.firstElementChild) index.positions = new WeakMap();
      note(index, node);
    }
  }
  sweepIfGrown(index);
}

/**
 * Drops what left the document or lost its attribute from every set once the index has gained more entries than
 * it held after the last sweep (at least {@link SWEEP_MIN}): a page that keeps replacing rows does not make the
 * index hold on to every row it ever had. Amortized, each entry is swept a bounded number of times.
 */
function sweepIfGrown(index: Index): void {
  if (index.added < Math.max(SWEEP_MIN, index.live)) return;
  const root = index.root;
  prune(index.roled, root, ROLE_ATTRIBUTES);
  prune(index.named, root, NAME_ATTRIBUTES);
  prune(index.labels, root, null);
  let live = index.roled.size + index.named.size + index.labels.size;
  for (const [key, entry] of index.testIds) {
    for (const el of entry.elements) if (!stillCarries(el, root, entry)) entry.elements.delete(el);
    if (entry.elements.size === 0) index.testIds.delete(key);
    else live += entry.elements.size;
  }
  index.live = live;
  index.added = 0;
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

/**
 * How many elements of this document or shadow root carry the test id, counted up to `cap` (a count of `cap`
 * means at least that many).
 */
export function testIdCount(root: Document | ShadowRoot, attr: string, value: string, cap: number): number {
  if (!(root instanceof Document) || typeof MutationObserver !== 'function') {
    try {
      return Math.min(cap, root.querySelectorAll('[' + attr + '=' + cssString(value) + ']').length);
    } catch {
      return 0;
    }
  }
  if (value.includes('\0')) return 0; // CSS reads U+0000 as U+FFFD: no selector finds this value
  const entry = currentIndex(root).testIds.get(attr + '=' + value);
  if (!entry) return 0;
  let count = 0;
  for (const el of entry.elements) {
    if (!stillCarries(el, root, entry)) {
      entry.elements.delete(el);
    } else if (++count >= cap) {
      return cap;
    }
  }
  return count;
}

/**
 * The element's 1-based position among its parent's children of its tag (and, for an XPath, of its namespace),
 * or 0 when it is the only one. Kept per parent in a document until the parent's children change; walked in a
 * shadow root.
 */
export function siblingPosition(el: Element, sameNamespace: boolean): number {
  const parent = el.parentNode;
  const doc = el.ownerDocument;
  const root = el.getRootNode();
  if (!parent || root !== doc || typeof MutationObserver !== 'function') return walkPosition(el, sameNamespace);
  const index = currentIndex(doc);
  let positions = index.positions.get(parent);
  if (!positions) {
    positions = placeChildren(parent);
    index.positions.set(parent, positions);
  }
  const tag = el.localName;
  if (sameNamespace && positions.mixed.has(tag)) return walkPosition(el, true);
  const position = positions.position.get(el);
  if (position === undefined) return walkPosition(el, sameNamespace);
  return (positions.total.get(tag) ?? 0) > 1 ? position : 0;
}

function placeChildren(parent: Node): Positions {
  const position = new Map<Element, number>();
  const total = new Map<string, number>();
  const namespaces = new Map<string, string | null>();
  const mixed = new Set<string>();
  for (let c = (parent as ParentNode).firstElementChild; c; c = c.nextElementSibling) {
    const tag = c.localName;
    const n = (total.get(tag) ?? 0) + 1;
    total.set(tag, n);
    position.set(c, n);
    const ns = namespaces.get(tag);
    if (ns === undefined) namespaces.set(tag, c.namespaceURI);
    else if (ns !== c.namespaceURI) mixed.add(tag);
  }
  return { position, total, mixed };
}

function walkPosition(el: Element, sameNamespace: boolean): number {
  const same = (s: Element): boolean => s.localName === el.localName && (!sameNamespace || s.namespaceURI === el.namespaceURI);
  let before = 0;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (same(s)) before++;
  if (before > 0) return before + 1;
  for (let s = el.nextElementSibling; s; s = s.nextElementSibling) if (same(s)) return 1;
  return 0;
}

/**
 * Builds this document's index now (the recorder asks when the page is idle after loading), so that the first
 * event does not pay for it.
 */
export function prepareIndex(root: Document): void {
  if (typeof MutationObserver === 'function') currentIndex(root);
}

/** The document's index, built on first use and brought up to date with the observer's pending records. */
function currentIndex(root: Document): Index {
  let index = indexes.get(root);
  if (!index) {
    const roled = new Set<Element>(Array.from(root.querySelectorAll(ROLE_SELECTOR)));
    const named = new Set<Element>(Array.from(root.querySelectorAll(NAME_SELECTOR)));
    const labels = new Set<Element>(Array.from(root.getElementsByTagName('label')));
    const observer = new MutationObserver((records) => apply(created, records));
    const created: Index = { root, roled, named, labels, testIds: new Map(), positions: new WeakMap(), added: 0, live: 0, observer };
    for (const el of Array.from(root.querySelectorAll(TEST_ID_SELECTOR))) noteTestIds(created, el);
    created.live = roled.size + named.size + labels.size + created.added;
    created.added = 0;
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: [...ROLE_ATTRIBUTES, ...NAME_ATTRIBUTES, ...TEST_ID_ATTRIBUTES],
    });
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
