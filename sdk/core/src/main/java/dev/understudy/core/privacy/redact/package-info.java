/**
 * Redaction driven by the schema: finds the fields marked {@code (understudy.v1.sensitive)} in the
 * Action descriptor, detects personal data and secrets in them with linear-time regular expressions
 * behind cheap prefilters, and replaces each match with a typed, keyed pseudonym, recording what it did.
 */
package dev.understudy.core.privacy.redact;
