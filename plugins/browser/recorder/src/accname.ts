// Accessible names, following W3C accname 1.2 and HTML-AAM for the elements pages use.

import { isRendered, labelsOf, mayHavePseudoContent } from './dom';
import { cssContentText, normalizeSpace } from './pure';
import { NAME_FROM_CONTENT, roleOf } from './roles';
import { isSecureElement } from './secure';

/** Elements visited at most while naming one element: bounds the cost on huge subtrees. */
const NODE_BUDGET = 2000;
/** Characters gathered at most for one name. */
const TEXT_BUDGET = 2000;

interface Walk {
  visited: Set<Node>;
  nodes: number;
  /** Whether computed styles are read (hidden by CSS, block boxes, generated content); off for context names. */
  styles: boolean;
}

interface Step {
  /** The element whose name is being computed (the root of the computation). */
  root: boolean;
  /** Inside an aria-labelledby traversal: aria-labelledby is not followed again. */
  labelledBy: boolean;
  /** Gathering text for another element's name (from content or a label): every role gives content. */
  recursing: boolean;
  /** Hidden nodes count (the aria-labelledby target was itself hidden). */
  hiddenOk: boolean;
}

/**
 * The accessible name of an element, whitespace-normalized.
 *
 * @param styles false to leave computed styles out (the name of a container in a target's context): elements hidden
 *     only by CSS then count, every element's text is set apart by spaces, and ::before/::after content is left out.
 *     Reading styles right after a click makes the browser recompute them first.
 */
export function accessibleName(el: Element, styles = true): string {
  const walk: Walk = { visited: new Set(), nodes: 0, styles };
  return normalizeSpace(computeText(el, walk, { root: true, labelledBy: false, recursing: false, hiddenOk: false }));
}

function isHiddenForName(el: Element, walk: Walk): boolean {
  if (el.getAttribute('aria-hidden') === 'true') return true;
  if (el instanceof HTMLElement && el.hidden) return true;
  return walk.styles && !isRendered(el);
}

function byIds(el: Element, attr: string): Element[] {
  const ids = (el.getAttribute(attr) || '').trim().split(/\s+/).filter(Boolean);
  const root = el.getRootNode() as Document | ShadowRoot;
  const out: Element[] = [];
  for (const id of ids) {
    const found = root.getElementById ? root.getElementById(id) : null;
    if (found) out.push(found);
  }
  return out;
}

function computeText(node: Node, walk: Walk, step: Step): string {
  if (walk.visited.has(node) || walk.nodes > NODE_BUDGET) return '';
  walk.visited.add(node);
  walk.nodes++;
  if (node.nodeType === Node.TEXT_NODE) return step.recursing ? (node as Text).data : '';
  if (!(node instanceof Element)) return '';
  const el = node;

  // 2A: hidden nodes give nothing, except inside a traversal that started at a hidden node.
  if (!step.hiddenOk && !step.root && isHiddenForName(el, walk)) return '';

  // 2B: aria-labelledby, followed once.
  if (!step.labelledBy) {
    const refs = byIds(el, 'aria-labelledby');
    if (refs.length > 0) {
      return refs
        .map((ref) => {
          if (ref === el) walk.visited.delete(el); // an element may name itself among others: "Delete draft"
          return computeText(ref, walk, { root: false, labelledBy: true, recursing: true, hiddenOk: step.hiddenOk || isHiddenForName(ref, walk) });
        })
        .join(' ');
    }
  }

  const role = roleOf(el);

  // 2C: a control inside another element's name gives its value.
  if (step.recursing && !step.root) {
    const embedded = embeddedControlValue(el, role);
    if (embedded !== null) return embedded;
  }

  // 2D: aria-label.
  const label = el.getAttribute('aria-label');
  if (label && label.trim() && !(step.recursing && role === 'presentation')) return label;

  // 2E: the host language's own labels.
  if (role !== 'presentation' && role !== 'none') {
    const native = nativeText(el, walk, step);
    if (native.trim()) return native;
  }

  // 2F: name from content.
  if (step.recursing || NAME_FROM_CONTENT.has(role) || el.localName === 'label' || el.localName === 'legend') {
    const text = contentText(el, walk, step);
    if (text.trim()) return text;
  }

  // 2I: tooltip, then placeholder (HTML-AAM for text fields).
  const title = el.getAttribute('title');
  if (title && title.trim()) return title;
  if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.placeholder) return el.placeholder;
  const ariaPlaceholder = el.getAttribute('aria-placeholder');
  if (ariaPlaceholder && (role === 'textbox' || role === 'searchbox' || role === 'combobox')) return ariaPlaceholder;
  return '';
}

function embeddedControlValue(el: Element, role: string): string | null {
  if (role === 'textbox' || role === 'searchbox') {
    if (isSecureElement(el)) return '';
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
    return null; // a contenteditable or ARIA textbox gives its content
  }
  if (role === 'combobox' || role === 'listbox') {
    if (el instanceof HTMLSelectElement) {
      return Array.from(el.selectedOptions).map((o) => o.label || o.text).join(' ');
    }
    if (el instanceof HTMLInputElement) return isSecureElement(el) ? '' : el.value;
    const selected = el.querySelector('[aria-selected="true"]');
    return selected ? normalizeSpace(selected.textContent || '') : '';
  }
  if (role === 'slider' || role === 'spinbutton' || role === 'progressbar' || role === 'meter' || role === 'scrollbar') {
    const text = el.getAttribute('aria-valuetext');
    if (text) return text;
    const now = el.getAttribute('aria-valuenow');
    if (now) return now;
    if (el instanceof HTMLInputElement) return el.value;
    return '';
  }
  return null;
}

function nativeText(el: Element, walk: Walk, step: Step): string {
  const tag = el.localName;
  if (el instanceof HTMLInputElement) {
    const type = (el.type || 'text').toLowerCase();
    if (type === 'submit' || type === 'reset' || type === 'button') {
      const labels = labelsText(el, walk, step);
      if (labels) return labels;
      if (el.hasAttribute('value')) return el.value;
      return type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '';
    }
    if (type === 'image') return el.alt || el.getAttribute('value') || el.title || 'Submit';
  }
  if (tag === 'img' || tag === 'area') return el.getAttribute('alt') || '';
  if (tag === 'svg' && el.namespaceURI === 'http://www.w3.org/2000/svg') {
    const title = Array.from(el.children).find((c) => c.localName === 'title');
    return title ? title.textContent || '' : '';
  }
  if (tag === 'fieldset') return childText(el, 'legend', walk, step);
  if (tag === 'figure') return childText(el, 'figcaption', walk, step);
  if (tag === 'table') {
    const caption = (el as HTMLTableElement).caption;
    if (caption) return computeText(caption, walk, { ...step, root: false, recursing: true });
    return '';
  }
  if (tag === 'optgroup') return el.getAttribute('label') || '';
  if (tag === 'option') return (el as HTMLOptionElement).label || '';
  return labelsText(el, walk, step);
}

function childText(el: Element, childTag: string, walk: Walk, step: Step): string {
  const child = Array.from(el.children).find((c) => c.localName === childTag);
  return child ? computeText(child, walk, { ...step, root: false, recursing: true }) : '';
}

function labelsText(el: Element, walk: Walk, step: Step): string {
  const labels = labelsOf(el);
  if (labels.length === 0) return '';
  return labels
    .map((label) => computeText(label, walk, { root: false, labelledBy: step.labelledBy, recursing: true, hiddenOk: step.hiddenOk }))
    .join(' ');
}

function isBlock(display: string): boolean {
  return display !== '' && !display.startsWith('inline') && display !== 'contents';
}

/**
 * Whether an element child's text is set apart by spaces: a block box (by computed style), or, without styles, every
 * element (a flex or grid container makes blocks of spans; an inline boundary inside a word is rarer than that).
 */
function isBlockElement(el: Element, walk: Walk): boolean {
  return walk.styles ? isBlock(getComputedStyle(el).display) : true;
}

function pseudoText(el: Element, which: '::before' | '::after', walk: Walk): string {
  if (!walk.styles || !mayHavePseudoContent(el)) return '';
  const content = getComputedStyle(el, which).content;
  return cssContentText(content, (name) => el.getAttribute(name) || '');
}

function childNodesOf(el: Element): Node[] {
  if (el instanceof HTMLSlotElement) {
    const assigned = el.assignedNodes({ flatten: true });
    if (assigned.length > 0) return assigned;
  }
  if (el.shadowRoot) return Array.from(el.shadowRoot.childNodes);
  return Array.from(el.childNodes);
}

function contentText(el: Element, walk: Walk, step: Step): string {
  let out = pseudoText(el, '::before', walk);
  for (const child of childNodesOf(el)) {
    if (out.length > TEXT_BUDGET) break;
    if (child instanceof Element) {
      const tag = child.localName;
      if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') continue;
      if (tag === 'br') {
        out += ' ';
        continue;
      }
      const text = computeText(child, walk, { root: false, labelledBy: step.labelledBy, recursing: true, hiddenOk: step.hiddenOk });
      out += isBlockElement(child, walk) ? ' ' + text + ' ' : text;
    } else {
      out += computeText(child, walk, { root: false, labelledBy: step.labelledBy, recursing: true, hiddenOk: step.hiddenOk });
    }
  }
  return out + pseudoText(el, '::after', walk);
}
