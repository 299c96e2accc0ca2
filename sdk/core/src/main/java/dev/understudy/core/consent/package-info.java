/**
 * Consent: the ledger of who agreed to be recorded by which adapter in which app, until when, and
 * whether they took it back; and the runtime's watch over it during a recording.
 */
package dev.understudy.core.consent;
