// Locators for an element, each with how many elements it matches now in the element's document or
// shadow root: a test id, its label, a CSS path, an XPath and its visible text. Counts are exact up to a cap
// (the `countCap` option): counting stops there, and a count equal to the cap means "at least that many".
// A unique locator is therefore always told apart from an ambiguous one, without looking at all thousand
// matches of an ambiguous one on every event.

import { accessibleName } from './accname';
import { attributedElements, labelElements, siblingPosition, TEST_ID_ATTRIBUTES, testIdCount, type Attributed } from './attributed';
import { labelIndexOf, labelsOf, perDescription, rootOf, scopeMayHavePseudoContent } from './dom';
import type { LocatorInfo } from './messages';
import { cssIdent, cssString, isStableId, normalizeSpace, truncate, xpathLiteral } from './pure';
import { implicitTags, NAME_FROM_CONTENT, roleOf } from './roles';

/** Text locators are offered only for short texts. */
const MAX_TEXT_LOCATOR = 80;
const MAX_LOCATOR = 2000;

type Root = Document | ShadowRoot;

function countSelector(root: Root, selector: string): number {
  try {
    return root.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

function uniqueId(el: Element, root: Root): string | null {
  const id = el.id;
  if (!id || !isStableId(id)) return null;
  const selector = '#' + cssIdent(id);
  return countSelector(root, selector) === 1 ? selector : null;
}

function testIdOf(el: Element): { attr: string; value: string } | null {
  for (const attr of TEST_ID_ATTRIBUTES) {
    const value = el.getAttribute(attr);
    if (value) return { attr, value };
  }
  return null;
}

/** A CSS path from the root (or the nearest ancestor with a unique id or test id) to the element. */
export function cssPath(el: Element, root: Root): string {
  return cssPathOf(el, root).css;
}

/**
 * The CSS path and whether it is anchored: it starts at a unique id, a unique test id or the document's root
 * element. Every later step is a child combinator with the element's position among its same-tag siblings, so an
 * anchored path matches exactly one element, the element itself, and needs no query to count.
 */
function cssPathOf(el: Element, root: Root): { css: string; anchored: boolean } {
  const parts: string[] = [];
  let anchored = false;
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    const id = uniqueId(cur, root);
    if (id) {
      parts.unshift(id);
      anchored = true;
      break;
    }
    const testId = cur !== el ? testIdOf(cur) : null;
    if (testId) {
      if (testIdCount(root, testId.attr, testId.value, 2) === 1) {
        parts.unshift('[' + testId.attr + '=' + cssString(testId.value) + ']');
        anchored = true;
        break;
      }
    }
    let part = cssIdent(cur.localName);
    const parent: Element | null = cur.parentElement;
    const position = siblingPosition(cur, false);
    if (position > 0) part += ':nth-of-type(' + position + ')';
    parts.unshift(part);
    if (!parent) {
      anchored = root instanceof Document && cur === root.documentElement;
      break;
    }
  }
  return { css: parts.join(' > '), anchored };
}

/** An XPath from the root (or the nearest ancestor with a unique id) to the element; `./...` in a shadow root. */
export function xpathOf(el: Element, root: Root): string {
  const steps: string[] = [];
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    if (cur.id && isStableId(cur.id) && uniqueId(cur, root)) {
      steps.unshift('//*[@id=' + xpathLiteral(cur.id) + ']');
      return steps.join('/');
    }
    const html = cur.namespaceURI === 'http://www.w3.org/1999/xhtml';
    const name = html ? cur.localName : '*[local-name()=' + xpathLiteral(cur.localName) + ']';
    // What the step's test matches: an HTML name test matches HTML elements of that name, local-name() any.
    const position = siblingPosition(cur, html);
    steps.unshift(position > 0 ? name + '[' + position + ']' : name);
    if (!cur.parentElement) break;
  }
  return (root instanceof ShadowRoot ? './' : '/') + steps.join('/');
}

function countXpath(root: Root, xpath: string): number {
  try {
    const doc = root instanceof ShadowRoot ? root.ownerDocument : root;
    return doc.evaluate('count(' + xpath + ')', root, null, XPathResult.NUMBER_TYPE, null).numberValue;
  } catch {
    return 0;
  }
}

/** The text of the labels of a labelable element, or "". */
export function labelText(el: Element): string {
  const labels = labelsOf(el);
  if (labels.length === 0) return '';
  return normalizeSpace(labels.map((l) => l.textContent || '').join(' '));
}

function countLabel(root: Root, text: string): number {
  const controls = new Set<Element>();
  for (const label of labelElements(root)) {
    const control = (label as HTMLLabelElement).control;
    if (control && labelText(control) === text) controls.add(control);
  }
  return controls.size;
}

/** Text nodes read before the scope's text is asked whether the text can occur twice. */
const QUICK_TEXT_NODES = 256;

/**
 * The smallest elements whose whitespace-normalized text is exactly `text`, counted up to `cap` (a count of
 * `cap` means at least that many); 0 when more than `limit` × 20 text nodes would have to be read.
 */
export function countText(root: Root, text: string, cap: number, limit: number): number {
  const found = new Set<Element>();
  const doc = root instanceof ShadowRoot ? root.ownerDocument : root;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const first = text.charAt(0);
  let visited = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++visited > limit * 20) return 0;
    // The first text nodes did not settle it: one read of the scope's text may (the element described is one match).
    if (visited === QUICK_TEXT_NODES && found.size < cap && occursAtMostOnce(root, text)) return 1;
    const data = (node as Text).data;
    if (data.indexOf(first) < 0) continue; // cheap: a text that could start the match holds its first character
    const own = normalizeSpace(data);
    if (!own || own.length > text.length || !text.startsWith(own.slice(0, Math.min(own.length, 16)))) continue;
    for (let el = node.parentElement; el; el = el.parentElement) {
      const tag = el.localName;
      if (tag === 'script' || tag === 'style') break;
      const full = normalizeSpace(el.textContent || '');
      if (full === text) {
        if (!found.has(el)) {
          found.add(el);
          if (found.size >= cap && innermost(found) >= cap) return cap;
        }
        break;
      }
      if (full.length > text.length + 2) break;
    }
  }
  return innermost(found);
}

/**
 * Whether the longest word of a text occurs at most once in the scope's text, read with one native call per
 * top-level element (cheaper than visiting every text node; top-level scripts and styles are left out, deeper
 * ones only make the answer "no" more often). Elements whose texts do not overlap, such as innermost text
 * matches or leaf elements, cannot both hold it.
 */
function occursAtMostOnce(root: Root, text: string): boolean {
  let word = '';
  for (const w of text.split(/[\s\u00a0]+/)) if (w.length > word.length) word = w;
  if (!word) return false;
  let seen = 0;
  const scan = (parent: Node): boolean => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child instanceof Element) {
        const tag = child.localName;
        if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') continue;
        if (tag === 'body' && child.parentNode === root.firstElementChild) {
          if (!scan(child)) return false;
          continue;
        }
      }
      const all = child.textContent ?? '';
      for (let at = all.indexOf(word); at >= 0; at = all.indexOf(word, at + 1)) if (++seen > 1) return false;
    }
    return true;
  };
  return scan(root instanceof Document ? root.documentElement ?? root : root);
}

/**
 * How many of the matches are innermost: an element counts once, not again for a wrapper with the same text.
 * One walk up from each match (not every match against every other) keeps this linear in the matches.
 */
function innermost(found: Set<Element>): number {
  const wrappers = new Set<Element>();
  for (const el of found) {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (found.has(up)) wrappers.add(up);
    }
  }
  return found.size - wrappers.size;
}

/** The visible text offered as a text locator, or "" when the element has none or too much. */
export function textOf(el: Element): string {
  const text = normalizeSpace(el.textContent || '');
  return text.length > 0 && text.length <= MAX_TEXT_LOCATOR ? text : '';
}

/**
 * How many elements in the root have this role and accessible name, counted up to `cap` (a count of `cap` means
 * at least that many); 0 when more than `limit` candidates are read before it settles. `self` is the element described: it has
 * them by definition. `plainMatches`, when given, receives how many of the matches counted (self included) are
 * plain elements named by their own text: each of them is also a match of the text locator.
 */
export function countRoleName(root: Root, self: Element, role: string, name: string, cap: number, limit: number,
    plainMatches?: { n: number }): number {
  if (!role) return 0;
  const tags = implicitTags(role);
  const lists: ArrayLike<Element>[] = [];
  for (const tag of tags) {
    // A document's tag collections are kept by the browser; a shadow root has none. Their length is not asked:
    // after a DOM change it costs a walk of the whole document, and the count usually settles in the first few.
    lists.push(root instanceof Document ? root.getElementsByTagName(tag) : root.querySelectorAll(tag));
  }
  lists.push(attributedOf(root).roled.filter((el) => !tags.includes(el.localName)));
  let candidates = 0;
  const plain = plainTestOf(root);
  const fromContent = NAME_FROM_CONTENT.has(role);
  // When the name's longest word occurs once in the scope's text and the element described is plain, that
  // occurrence is its own: no other plain element can have the name (their texts do not overlap). Asked only
  // once the first candidates have not settled the count: reading the scope's text costs a scan of its own.
  const selfPlain = name !== '' && plain(self);
  let othersPlainMiss: boolean | undefined;
  let seen = 0;
  let count = 0;
  let plainCount = 0;
  const settle = (n: number): number => {
    if (plainMatches) plainMatches.n = plainCount;
    return n;
  };
  for (const list of lists) {
    for (let i = 0, c = list[0]; c; c = list[++i]) {
      if (++candidates > limit) return settle(0);
      if (c === self) {
        if (selfPlain) plainCount++;
      } else {
        if (name !== '' && plain(c)) {
          if (++seen === QUICK_CANDIDATES) othersPlainMiss = selfPlain && occursAtMostOnce(root, name);
          if (othersPlainMiss) continue;
          // Named by its own text alone (accname 2F; a role not named from content gets no name at all).
          const text = c.textContent || '';
          if (text !== name && (text.length < name.length || text.length > QUICK_TEXT || normalizeSpace(text) !== name)) continue;
          if (roleOf(c) !== role || !(fromContent || namedByContentTag(c))) continue;
          plainCount++;
        } else if (roleOf(c) !== role || accessibleName(c) !== name) {
          continue;
        }
      }
      if (++count >= cap) return settle(cap);
    }
  }
  return settle(count);
}

/** Tags whose name comes from an attribute, a value, a child, assigned nodes or quotes rather than their own text. */
const NAMED_OTHERWISE = new Set(['input', 'img', 'area', 'svg', 'select', 'textarea', 'option', 'optgroup', 'table', 'fieldset', 'figure', 'slot', 'q']);
/** Plain candidates read before the scope's text is asked whether the name can occur in another. */
const QUICK_CANDIDATES = 64;
/** Longer texts take the full computation (which stops gathering at its own budget). */
const QUICK_TEXT = 1000;

/**
 * A test for elements of this scope whose accessible name can only come from their own text: no element
 * children or shadow root, no naming attribute, no label, no generated content possible in the scope. For them
 * the name is the whitespace-normalized text (for roles named from content) or nothing; reading `textContent`
 * is far cheaper than the full computation, which every other element gets.
 */
function plainTest(root: Root, named: (el: Element) => boolean): (el: Element) => boolean {
  if (scopeMayHavePseudoContent(root)) return () => false;
  const labelled = labelIndexOf(root);
  return (el) => el.firstElementChild === null && !named(el) && !NAMED_OTHERWISE.has(el.localName) && !el.shadowRoot
    && (labelled ? !labelled.has(el) : !(el as HTMLInputElement).labels?.length);
}

/** The attributed elements of a scope, read once per description. */
function attributedOf(root: Root): Attributed {
  return perDescription(root, 'attributed', () => attributedElements(root));
}

/** {@link plainTest} for a scope, made once per description. */
export function plainTestOf(root: Root): (el: Element) => boolean {
  return perDescription(root, 'plain', () => plainTest(root, attributedOf(root).named));
}

function namedByContentTag(el: Element): boolean {
  return el.localName === 'label' || el.localName === 'legend';
}

/**
 * The accessible name of an element that passes {@link plainTest}: its whitespace-normalized text for a role named
 * from content (and labels, legends), else none; the same as the full computation for such an element.
 */
export function plainName(el: Element, role: string): string {
  return NAME_FROM_CONTENT.has(role) || namedByContentTag(el) ? normalizeSpace(el.textContent || '') : '';
}

/**
 * Every locator the element has, with counts up to `cap`; text-bearing ones left out for a secure field.
 *
 * @param textMatches elements already known to match the element's own text exactly, itself included (from
 *     {@link countRoleName}); when they reach the cap, the text locator is not counted again
 */
export function locatorsOf(el: Element, secure: boolean, cap: number, countLimit: number, textMatches = 0): LocatorInfo[] {
  const root = rootOf(el);
  const out: LocatorInfo[] = [];
  const testId = testIdOf(el);
  if (testId) {
    const value = truncate(testId.value, MAX_LOCATOR);
    out.push({ kind: 'testId', value, attr: testId.attr, count: testIdCount(root, testId.attr, testId.value, cap) });
  }
  const label = labelText(el);
  if (label && label.length <= MAX_LOCATOR) out.push({ kind: 'label', value: label, count: Math.min(cap, countLabel(root, label)) });
  const css = cssPathOf(el, root);
  if (css.css.length <= MAX_LOCATOR) out.push({ kind: 'css', value: css.css, count: css.anchored ? 1 : Math.min(cap, countSelector(root, css.css)) });
  const xpath = xpathOf(el, root);
  // In a document the XPath is unique by construction (a unique id or the root, then a position at every step).
  const xpathCount = root instanceof Document && el.isConnected ? 1 : Math.min(cap, countXpath(root, xpath));
  if (xpath.length <= MAX_LOCATOR) out.push({ kind: 'xpath', value: xpath, count: xpathCount });
  const isField = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement
    || (el instanceof HTMLElement && el.isContentEditable);
  if (!secure && !isField) {
    const text = textOf(el);
    if (text) out.push({ kind: 'text', value: text, count: textMatches >= cap ? cap : countText(root, text, cap, countLimit) });
  }
  return out;
}

/** The CSS path of an element within its own root and how many elements it matches there. */
export function cssStep(el: Element): { css: string; count: number } {
  const root = rootOf(el);
  const path = cssPathOf(el, root);
  return { css: path.css, count: path.anchored ? 1 : countSelector(root, path.css) };
}
