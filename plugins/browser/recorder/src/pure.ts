// Pure functions of the recorder: no DOM, so node's test runner covers them directly.

import type { Modifier, ValueKind } from './messages';

/** Collapses runs of white space to one space and trims, as accessible names and text locators are compared. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** At most `max` characters (UTF-16 units, never splitting a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * Whether a host matches a glob where `*` is any run of characters (dots included), ignoring case:
 * `*.bank.example` matches `www.bank.example`, not `bank.example`.
 */
export function hostMatches(host: string, glob: string): boolean {
  const h = host.toLowerCase();
  const parts = glob.toLowerCase().split('*');
  if (parts.length === 1) return h === parts[0];
  if (!h.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = h.indexOf(parts[i], at);
    if (found < 0) return false;
    at = found + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return h.length - last.length >= at && h.endsWith(last);
}

/** The kind of value an input of this type holds. */
export function valueKindForInput(type: string): ValueKind {
  switch (type) {
    case 'number':
    case 'range':
      return 'number';
    case 'date':
    case 'datetime-local':
    case 'month':
    case 'time':
    case 'week':
      return 'date';
    case 'checkbox':
    case 'radio':
      return 'checked';
    case 'file':
      return 'file';
    default:
      return 'text';
  }
}

/** Autocomplete tokens that make a field secure: payment cards and credentials. */
export function isSecureAutocomplete(autocomplete: string): boolean {
  for (const token of autocomplete.toLowerCase().split(/\s+/)) {
    if (token.startsWith('cc-') || token === 'current-password' || token === 'new-password' || token === 'one-time-code') {
      return true;
    }
  }
  return false;
}

/** What the key handler knows about one keydown. */
export interface KeyFacts {
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  /** AltGr held: Ctrl+Alt then types characters on many layouts. */
  altGraph: boolean;
  /** The focus is in a field that takes typed text. */
  editable: boolean;
  /** The focus is in a secure field. */
  secure: boolean;
}

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn', 'FnLock', 'Hyper', 'Super', 'OS']);
const CONTEXT_KEYS = new Set(['Enter', 'Escape', 'Tab']);
const CLIPBOARD_KEYS = new Set(['c', 'x', 'v']);

/**
 * The shortcut a keydown is, or null when it is typing (or a clipboard key, which the clipboard event
 * reports). Shortcuts: Ctrl/Meta with a key, Alt with a key outside text fields, F-keys, and Enter,
 * Escape, Tab in any context. In a secure field only Enter, Escape and Tab, so no typed character can
 * leak as a "shortcut".
 */
export function classifyKey(k: KeyFacts): { key: string; modifiers: Modifier[] } | null {
  if (!k.key || MODIFIER_KEYS.has(k.key) || k.key === 'Dead' || k.key === 'Unidentified' || k.key === 'Process') {
    return null;
  }
  const modifiers: Modifier[] = [];
  if (k.ctrl) modifiers.push('ctrl');
  if (k.shift) modifiers.push('shift');
  if (k.alt) modifiers.push('alt');
  if (k.meta) modifiers.push('meta');
  if (CONTEXT_KEYS.has(k.key)) return { key: k.key, modifiers };
  if (k.secure || k.altGraph) return null;
  if (k.ctrl || k.meta) {
    if (!k.alt && CLIPBOARD_KEYS.has(k.key.toLowerCase())) return null;
    if (k.ctrl && k.alt && k.editable && k.key.length === 1) return null; // Ctrl+Alt as AltGr on Windows layouts
    return { key: k.key, modifiers };
  }
  if (k.alt) {
    return k.editable && k.key.length === 1 ? null : { key: k.key, modifiers };
  }
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(k.key)) return { key: k.key, modifiers };
  return null;
}

/** Vertical scroll position in thousandths of the scrollable range (0 when it cannot scroll). */
export function scrollPermille(top: number, scrollHeight: number, clientHeight: number): number {
  const range = scrollHeight - clientHeight;
  if (range <= 0) return 0;
  return Math.max(0, Math.min(1000, Math.round((top / range) * 1000)));
}

/**
 * Whether an id looks written by a person (kept in selectors) rather than generated per render
 * (`:r1:`, `ember123`, `mui-4711`, long hex or digit runs), which would not find the element again.
 */
export function isStableId(id: string): boolean {
  if (!id || id.length > 64) return false;
  if (/^[0-9]/.test(id)) return false;
  if (/[0-9]{4,}/.test(id)) return false;
  if (/[0-9a-f]{8,}/i.test(id) && /[0-9]/.test(id)) return false;
  if (/^:|^(ember|react-|mui-|radix-|headlessui-|__)|:r[0-9a-z]+:/.test(id)) return false;
  return true;
}

/** A CSS string literal: `"..."` with quotes, backslashes and control characters escaped. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (code < 0x20 || code === 0x7f) out += '\\' + code.toString(16) + ' ';
    else out += ch;
  }
  return out + '"';
}

/** A CSS identifier, escaped as CSS.escape does. */
export function cssIdent(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (code === 0) out += '\ufffd';
    else if ((code >= 1 && code <= 0x1f) || code === 0x7f || (i === 0 && code >= 0x30 && code <= 0x39)
        || (i === 1 && code >= 0x30 && code <= 0x39 && text[0] === '-')) {
      out += '\\' + code.toString(16) + ' ';
    } else if (i === 0 && ch === '-' && text.length === 1) out += '\\-';
    else if (code >= 0x80 || ch === '-' || ch === '_' || /[0-9A-Za-z]/.test(ch)) out += ch;
    else out += '\\' + ch;
  }
  return out;
}

/** An XPath string literal, with concat() when the text holds both kinds of quote. */
export function xpathLiteral(text: string): string {
  if (!text.includes('"')) return '"' + text + '"';
  if (!text.includes("'")) return "'" + text + "'";
  return 'concat(' + text.split('"').map((part) => '"' + part + '"').join(', \'"\', ') + ')';
}

/**
 * The text of a CSS `content` value as accessible names use it: quoted strings and `attr()` values
 * joined; with alternative text (`content: "★" / "Favourite"`) the alternative; none for `none`,
 * `normal`, images and counters.
 */
export function cssContentText(content: string, attr: (name: string) => string): string {
  if (!content || content === 'none' || content === 'normal') return '';
  const slash = findUnquoted(content, '/');
  const source = slash >= 0 ? content.slice(slash + 1) : content;
  let out = '';
  // Strings, and functions (whose quoted arguments are not text: url("x.png")); of these only attr() gives text.
  const re = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([a-zA-Z-]+)\(((?:[^()"']|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')*)\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null) {
    if (m[3] !== undefined) {
      if (m[3].toLowerCase() === 'attr') out += attr(m[4].trim().split(/\s+/)[0] || '');
    } else out += unescapeCss(m[1] !== undefined ? m[1] : m[2]);
  }
  return out;
}

function findUnquoted(text: string, ch: string): number {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ch) return i;
  }
  return -1;
}

function unescapeCss(text: string): string {
  return text.replace(/\\([0-9a-fA-F]{1,6})\s?|\\(.)/g, (_m, hex: string | undefined, ch: string | undefined) =>
    hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : (ch as string));
}

/** A random id of 16 hex digits for one recorder instance. */
export function randomId(random: (bytes: Uint8Array) => void): string {
  const bytes = new Uint8Array(8);
  random(bytes);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
