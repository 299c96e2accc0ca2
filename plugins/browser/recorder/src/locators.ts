// Locators for an element, each with how many elements it matches now in the element's document or
// shadow root: a test id, its label, a CSS path, an XPath and its visible text.

import { accessibleName } from './accname';
import { labelsOf, rootOf } from './dom';
import type { LocatorInfo } from './messages';
import { cssIdent, cssString, isStableId, normalizeSpace, truncate, xpathLiteral } from './pure';
import { roleCandidates, roleOf } from './roles';

/** Test id attributes, in the order they are preferred. */
export const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'];

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
  const parts: string[] = [];
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    const id = uniqueId(cur, root);
    if (id) {
      parts.unshift(id);
      break;
    }
    const testId = cur !== el ? testIdOf(cur) : null;
    if (testId) {
      const selector = '[' + testId.attr + '=' + cssString(testId.value) + ']';
      if (countSelector(root, selector) === 1) {
        parts.unshift(selector);
        break;
      }
    }
    let part = cssIdent(cur.localName);
    const parent: Element | null = cur.parentElement;
    const siblings: Element[] = cur.parentNode ? Array.from((cur.parentNode as ParentNode).children) : [];
    if (siblings.length > 1) {
      let same = 0;
      let index = 0;
      for (const sibling of siblings) {
        if (sibling.localName === cur.localName) {
          same++;
          if (sibling === cur) index = same;
        }
      }
      if (same > 1) part += ':nth-of-type(' + index + ')';
    }
    parts.unshift(part);
    if (!parent) break;
  }
  return parts.join(' > ');
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
    let same = 0;
    let index = 0;
    const siblings: Element[] = cur.parentNode ? Array.from((cur.parentNode as ParentNode).children) : [cur];
    for (const sibling of siblings) {
      if (sibling.localName === cur.localName && sibling.namespaceURI === cur.namespaceURI) {
        same++;
        if (sibling === cur) index = same;
      }
    }
    steps.unshift(same > 1 ? name + '[' + index + ']' : name);
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
  for (const label of Array.from(root.querySelectorAll('label'))) {
    const control = (label as HTMLLabelElement).control;
    if (control && labelText(control) === text) controls.add(control);
  }
  return controls.size;
}

/** The smallest elements whose whitespace-normalized text is exactly `text`. */
export function countText(root: Root, text: string, limit: number): number {
  const found = new Set<Element>();
  const doc = root instanceof ShadowRoot ? root.ownerDocument : root;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const first = text.charAt(0);
  let visited = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++visited > limit * 20) return 0;
    const data = (node as Text).data;
    if (data.indexOf(first) < 0) continue; // cheap: a text that could start the match holds its first character
    const own = normalizeSpace(data);
    if (!own || own.length > text.length || !text.startsWith(own.slice(0, Math.min(own.length, 16)))) continue;
    for (let el = node.parentElement; el; el = el.parentElement) {
      const tag = el.localName;
      if (tag === 'script' || tag === 'style') break;
      const full = normalizeSpace(el.textContent || '');
      if (full === text) {
        found.add(el);
        break;
      }
      if (full.length > text.length + 2) break;
    }
  }
  // An element counts once, not again for a wrapper with the same text: only the innermost ones count.
  // One walk up from each match (not every match against every other) keeps this linear in the matches.
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

/** How many elements in the root have this role and accessible name; 0 when there are too many candidates. */
export function countRoleName(root: Root, role: string, name: string, limit: number): number {
  if (!role) return 0;
  let candidates: Element[];
  try {
    candidates = Array.from(root.querySelectorAll(roleCandidates(role)));
  } catch {
    return 0;
  }
  if (candidates.length > limit) return 0;
  let count = 0;
  for (const c of candidates) {
    if (roleOf(c) === role && accessibleName(c) === name) count++;
  }
  return count;
}

/** Every locator the element has, with counts; text-bearing ones left out for a secure field. */
export function locatorsOf(el: Element, secure: boolean, countLimit: number): LocatorInfo[] {
  const root = rootOf(el);
  const out: LocatorInfo[] = [];
  const testId = testIdOf(el);
  if (testId) {
    const value = truncate(testId.value, MAX_LOCATOR);
    out.push({ kind: 'testId', value, attr: testId.attr, count: countSelector(root, '[' + testId.attr + '=' + cssString(testId.value) + ']') });
  }
  const label = labelText(el);
  if (label && label.length <= MAX_LOCATOR) out.push({ kind: 'label', value: label, count: countLabel(root, label) });
  const css = cssPath(el, root);
  if (css.length <= MAX_LOCATOR) out.push({ kind: 'css', value: css, count: countSelector(root, css) });
  const xpath = xpathOf(el, root);
  if (xpath.length <= MAX_LOCATOR) out.push({ kind: 'xpath', value: xpath, count: countXpath(root, xpath) });
  const isField = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement
    || (el instanceof HTMLElement && el.isContentEditable);
  if (!secure && !isField) {
    const text = textOf(el);
    if (text) out.push({ kind: 'text', value: text, count: countText(root, text, countLimit) });
  }
  return out;
}

/** The CSS path of an element within its own root and how many elements it matches there. */
export function cssStep(el: Element): { css: string; count: number } {
  const root = rootOf(el);
  const css = cssPath(el, root);
  return { css, count: countSelector(root, css) };
}
