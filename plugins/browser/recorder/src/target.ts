// The semantic target of an event: which element, its role and name, where it sits, how to find it again.

import { accessibleName } from './accname';
import { composedParent, editingHost, rootOf, shadowHosts, withDomIndex } from './dom';
import { countRoleName, cssStep, locatorsOf, plainName, plainTestOf, textOf } from './locators';
import type { RoleName, TargetInfo } from './messages';
import { truncate } from './pure';
import { CONTEXT_ROLES, INTERACTIVE_ROLES, roleOf } from './roles';
import { isSecureElement } from './secure';

const MAX_NAME = 1000;
const MAX_CONTEXT = 8;

const ACTIONABLE_TAGS = new Set(['button', 'input', 'select', 'textarea', 'summary', 'label', 'option']);

function isActionable(el: Element): boolean {
  const tag = el.localName;
  if (ACTIONABLE_TAGS.has(tag)) return true;
  if ((tag === 'a' || tag === 'area') && el.hasAttribute('href')) return true;
  const role = el.getAttribute('role');
  if (role && INTERACTIVE_ROLES.has(roleOf(el))) return true;
  if (el.hasAttribute('onclick')) return true;
  const tabindex = el.getAttribute('tabindex');
  if (tabindex !== null && tabindex.trim() !== '' && !Number.isNaN(Number(tabindex))) return true;
  return el instanceof HTMLElement && el.isContentEditable && editingHost(el) === el;
}

/**
 * The element a person meant: from the event target up to the nearest actionable element (the button,
 * not the span inside it), inside shadow roots and out of them; the target itself when none is.
 */
export function actionableElement(start: Element): Element {
  const host = editingHost(start);
  if (host) return host;
  for (let el: Element | null = start; el; el = composedParent(el)) {
    if (el.localName === 'body' || el.localName === 'html') break;
    if (isActionable(el)) return el;
  }
  return start;
}

/**
 * The containers around an element that name where it is, outermost first. Their names leave computed styles out
 * (see {@link accessibleName}): a row's name is its cells' text, read without making the browser recompute styles.
 */
export function contextOf(el: Element): RoleName[] {
  const out: RoleName[] = [];
  for (let cur = composedParent(el); cur; cur = composedParent(cur)) {
    const role = roleOf(cur);
    if (CONTEXT_ROLES.has(role)) out.unshift({ role, name: truncate(accessibleName(cur, false), MAX_NAME) });
  }
  return out.length > MAX_CONTEXT ? out.slice(out.length - MAX_CONTEXT) : out;
}

/** Role and name only: for the element focused before, a submitter, a drag source summary. */
export function roleAndName(el: Element): RoleName {
  return { role: roleOf(el), name: truncate(accessibleName(el), MAX_NAME) };
}

/** How far counts go: exact up to `cap` (a count equal to it means at least that many), none above `limit` candidates. */
export interface CountBounds {
  cap: number;
  limit: number;
}

/** Everything the recorder tells about an element. */
export function describeTarget(el: Element, counts: CountBounds, topFrame: boolean): TargetInfo {
  return withDomIndex(() => describe(el, counts, topFrame));
}

function describe(el: Element, counts: CountBounds, topFrame: boolean): TargetInfo {
  const role = roleOf(el);
  const root = rootOf(el);
  const plain = plainTestOf(root)(el);
  const name = truncate(plain ? plainName(el, role) : accessibleName(el), MAX_NAME);
  const secure = isSecureElement(el);
  // Plain elements with this role and name have exactly the element's text: they count for its text locator too.
  const plainMatches = { n: 0 };
  const roleNameCount = countRoleName(root, el, role, name, counts.cap, counts.limit, plainMatches);
  const textMatches = plain && name !== '' && textOf(el) === name ? plainMatches.n : 0;
  const target: TargetInfo = {
    role,
    name,
    tag: el.localName,
    secure,
    roleNameCount,
    countCap: counts.cap,
    locators: locatorsOf(el, secure, counts.cap, counts.limit, textMatches),
    shadow: shadowHosts(el).map(cssStep),
    context: contextOf(el),
  };
  if (el instanceof HTMLInputElement) target.inputType = (el.type || 'text').toLowerCase();
  const autocomplete = el.getAttribute('autocomplete');
  if (autocomplete) target.autocomplete = truncate(autocomplete, 100);
  if (topFrame) {
    const r = el.getBoundingClientRect();
    target.bounds = { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
  }
  return target;
}

/** The page itself as a target (a scroll of the document). */
export function documentTarget(doc: Document): TargetInfo {
  return {
    role: 'document',
    name: truncate(doc.title || '', MAX_NAME),
    tag: 'html',
    secure: false,
    roleNameCount: 1,
    locators: [{ kind: 'css', value: 'html', count: 1 }, { kind: 'xpath', value: '/html', count: 1 }],
    shadow: [],
    context: [],
  };
}
