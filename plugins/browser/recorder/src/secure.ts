// Secure fields: their values are never read, let alone sent.

import { isSecureAutocomplete } from './pure';

/** Inputs that were password fields at some point on this page ("show password" turns them to text). */
const everPassword = new WeakSet<Element>();

/**
 * Whether an element is a password-like field: an input that is or was type=password, or whose
 * autocomplete names a payment card, a password or a one-time code.
 */
export function isSecureElement(el: Element): boolean {
  if (el instanceof HTMLInputElement) {
    if ((el.type || '').toLowerCase() === 'password') {
      everPassword.add(el);
      return true;
    }
    if (everPassword.has(el)) return true;
  }
  const autocomplete = el.getAttribute('autocomplete');
  return !!autocomplete && isSecureAutocomplete(autocomplete);
}

/** Remembers the password fields now in a document or shadow root, before anyone can retype them. */
export function notePasswordFields(root: Document | ShadowRoot | Element): void {
  for (const input of Array.from(root.querySelectorAll('input[type=password i]'))) everPassword.add(input);
}
