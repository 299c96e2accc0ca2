/**
 * The embedded session store: where every session's records live, crash-safe, as CRC-framed
 * segment files under one directory per session; with readers that salvage damage, recovery, a
 * verifier and session listing.
 */
package dev.understudy.core.store;
