// ARIA roles: the explicit role attribute when valid, else the implicit role per HTML-AAM.

/** Every ARIA 1.2 role that is not abstract, plus the graphics and DPub roles pages use most. */
const ROLES = new Set([
  'alert', 'alertdialog', 'application', 'article', 'banner', 'blockquote', 'button', 'caption', 'cell', 'checkbox',
  'code', 'columnheader', 'combobox', 'complementary', 'contentinfo', 'definition', 'deletion', 'dialog', 'directory',
  'document', 'emphasis', 'feed', 'figure', 'form', 'generic', 'grid', 'gridcell', 'group', 'heading', 'img', 'image',
  'insertion', 'link', 'list', 'listbox', 'listitem', 'log', 'main', 'mark', 'marquee', 'math', 'menu', 'menubar',
  'menuitem', 'menuitemcheckbox', 'menuitemradio', 'meter', 'navigation', 'none', 'note', 'option', 'paragraph',
  'presentation', 'progressbar', 'radio', 'radiogroup', 'region', 'row', 'rowgroup', 'rowheader', 'scrollbar',
  'search', 'searchbox', 'separator', 'slider', 'spinbutton', 'status', 'strong', 'subscript', 'superscript',
  'switch', 'tab', 'table', 'tablist', 'tabpanel', 'term', 'textbox', 'time', 'timer', 'toolbar', 'tooltip', 'tree',
  'treegrid', 'treeitem', 'graphics-document', 'graphics-object', 'graphics-symbol',
]);

/** Roles whose elements a person operates: the climb from an event target stops at them. */
export const INTERACTIVE_ROLES = new Set([
  'button', 'checkbox', 'combobox', 'gridcell', 'link', 'listbox', 'menuitem', 'menuitemcheckbox', 'menuitemradio',
  'option', 'radio', 'scrollbar', 'searchbox', 'slider', 'spinbutton', 'switch', 'tab', 'textbox', 'treeitem',
]);

/** Roles whose accessible name may come from their content (accname 1.2, "name from: contents"). */
export const NAME_FROM_CONTENT = new Set([
  'button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link', 'menuitem', 'menuitemcheckbox',
  'menuitemradio', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'tooltip', 'treeitem', 'caption', 'code',
  'deletion', 'emphasis', 'insertion', 'mark', 'strong', 'subscript', 'superscript', 'term', 'time', 'legend',
]);

/** Roles that are containers worth naming in a target's context. */
export const CONTEXT_ROLES = new Set([
  'dialog', 'alertdialog', 'form', 'banner', 'complementary', 'contentinfo', 'main', 'navigation', 'region', 'search',
  'menu', 'menubar', 'listbox', 'tree', 'treegrid', 'grid', 'table', 'tablist', 'tabpanel', 'toolbar', 'radiogroup',
  'group', 'list', 'row',
]);

function hasGlobalAriaOrFocus(el: Element): boolean {
  if (el.hasAttribute('tabindex')) return true;
  for (const a of ['aria-label', 'aria-labelledby', 'aria-describedby', 'aria-live', 'aria-owns', 'aria-controls']) {
    if (el.hasAttribute(a)) return true;
  }
  return false;
}

/** The role of an element: explicit when valid (presentation ignored on focusable elements), else implicit. */
export function roleOf(el: Element): string {
  const explicit = el.getAttribute('role');
  if (explicit) {
    for (const token of explicit.trim().toLowerCase().split(/\s+/)) {
      if (!ROLES.has(token)) continue;
      if ((token === 'none' || token === 'presentation') && hasGlobalAriaOrFocus(el)) break;
      return token === 'image' ? 'img' : token;
    }
  }
  return implicitRole(el);
}

function sectioningAncestor(el: Element): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const tag = p.localName;
    if (tag === 'article' || tag === 'aside' || tag === 'main' || tag === 'nav' || tag === 'section') return true;
    const r = p.getAttribute('role');
    if (r === 'article' || r === 'complementary' || r === 'main' || r === 'navigation' || r === 'region') return true;
  }
  return false;
}

function hasName(el: Element): boolean {
  return !!(el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby')?.trim() || el.getAttribute('title')?.trim());
}

/** The implicit ARIA role of an HTML element (HTML-AAM), or "" for generic elements. */
export function implicitRole(el: Element): string {
  if (el.namespaceURI === 'http://www.w3.org/2000/svg') return el.localName === 'svg' ? 'graphics-document' : '';
  const tag = el.localName;
  switch (tag) {
    case 'a':
    case 'area':
      return el.hasAttribute('href') ? 'link' : '';
    case 'article':
      return 'article';
    case 'aside':
      return 'complementary';
    case 'blockquote':
      return 'blockquote';
    case 'button':
      return 'button';
    case 'caption':
      return 'caption';
    case 'code':
      return 'code';
    case 'datalist':
      return 'listbox';
    case 'del':
    case 's':
      return 'deletion';
    case 'details':
      return 'group';
    case 'dialog':
      return 'dialog';
    case 'dd':
      return 'definition';
    case 'dfn':
    case 'dt':
      return 'term';
    case 'em':
      return 'emphasis';
    case 'fieldset':
      return 'group';
    case 'figure':
      return 'figure';
    case 'footer':
      return sectioningAncestor(el) ? '' : 'contentinfo';
    case 'form':
      return 'form';
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'heading';
    case 'header':
      return sectioningAncestor(el) ? '' : 'banner';
    case 'hr':
      return 'separator';
    case 'html':
      return 'document';
    case 'img': {
      const alt = el.getAttribute('alt');
      return alt === '' && !hasName(el) ? 'presentation' : 'img';
    }
    case 'input':
      return inputRole(el as HTMLInputElement);
    case 'ins':
      return 'insertion';
    case 'li':
      return 'listitem';
    case 'main':
      return 'main';
    case 'mark':
      return 'mark';
    case 'math':
      return 'math';
    case 'menu':
    case 'ol':
    case 'ul':
      return 'list';
    case 'meter':
      return 'meter';
    case 'nav':
      return 'navigation';
    case 'optgroup':
      return 'group';
    case 'option':
      return 'option';
    case 'output':
      return 'status';
    case 'p':
      return 'paragraph';
    case 'progress':
      return 'progressbar';
    case 'search':
      return 'search';
    case 'section':
      return hasName(el) ? 'region' : '';
    case 'select': {
      const s = el as HTMLSelectElement;
      return s.multiple || s.size > 1 ? 'listbox' : 'combobox';
    }
    case 'strong':
      return 'strong';
    case 'sub':
      return 'subscript';
    case 'summary':
      return 'button';
    case 'sup':
      return 'superscript';
    case 'table':
      return 'table';
    case 'tbody':
    case 'tfoot':
    case 'thead':
      return 'rowgroup';
    case 'td':
      return el.closest('table')?.getAttribute('role') === 'grid' ? 'gridcell' : 'cell';
    case 'textarea':
      return 'textbox';
    case 'th':
      return headerCellRole(el as HTMLTableCellElement);
    case 'time':
      return 'time';
    case 'tr':
      return 'row';
    default:
      return (el as HTMLElement).isContentEditable && !(el.parentElement as HTMLElement | null)?.isContentEditable ? 'textbox' : '';
  }
}

function headerCellRole(th: HTMLTableCellElement): string {
  const scope = th.getAttribute('scope');
  if (scope === 'row' || scope === 'rowgroup') return 'rowheader';
  if (scope === 'col' || scope === 'colgroup') return 'columnheader';
  const row = th.parentElement;
  if (row && row.parentElement?.localName === 'thead') return 'columnheader';
  // A header cell first in a row of data cells heads the row.
  if (row && th === row.firstElementChild && Array.from(row.children).some((c) => c.localName === 'td')) return 'rowheader';
  return 'columnheader';
}

function inputRole(input: HTMLInputElement): string {
  const type = (input.getAttribute('type') || 'text').toLowerCase();
  const list = input.hasAttribute('list');
  switch (type) {
    case 'button':
    case 'image':
    case 'reset':
    case 'submit':
    case 'file':
      return 'button';
    case 'checkbox':
      return 'checkbox';
    case 'radio':
      return 'radio';
    case 'range':
      return 'slider';
    case 'number':
      return 'spinbutton';
    case 'search':
      return list ? 'combobox' : 'searchbox';
    case 'hidden':
      return '';
    case 'color':
      return 'button';
    case 'email':
    case 'tel':
    case 'text':
    case 'url':
      return list ? 'combobox' : 'textbox';
    default:
      return 'textbox'; // password and the date and time types are edited as text
  }
}

/**
 * The tags whose elements may have this role implicitly (a superset: `roleOf` decides), to count role + name
 * matches without computing the role of every element on the page. Elements with a `role` or
 * `contenteditable` attribute are candidates for every role besides these.
 */
const IMPLICIT_TAGS: Record<string, readonly string[]> = {
  link: ['a', 'area'],
  button: ['button', 'input', 'summary'],
  checkbox: ['input'],
  radio: ['input'],
  slider: ['input'],
  spinbutton: ['input'],
  searchbox: ['input'],
  combobox: ['select', 'input'],
  listbox: ['select', 'datalist'],
  textbox: ['input', 'textarea'],
  heading: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  option: ['option'],
  img: ['img'],
  form: ['form'],
  navigation: ['nav'],
  main: ['main'],
  dialog: ['dialog'],
  listitem: ['li'],
  cell: ['td'],
  gridcell: ['td'],
  row: ['tr'],
  columnheader: ['th'],
  rowheader: ['th'],
  table: ['table'],
  list: ['ul', 'ol', 'menu'],
  group: ['fieldset', 'details', 'optgroup'],
  region: ['section'],
  banner: ['header'],
  contentinfo: ['footer'],
  complementary: ['aside'],
  article: ['article'],
  figure: ['figure'],
  paragraph: ['p'],
  separator: ['hr'],
};

/** The tags whose elements may have this role without a role attribute; none for roles only ARIA gives. */
export function implicitTags(role: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(IMPLICIT_TAGS, role) ? IMPLICIT_TAGS[role] : [];
}
