/**
 * Forgetting: deleting whole sessions by id, start date, app or age (retention), together with
 * every export Understudy wrote of them, which the export ledger remembers.
 */
package dev.understudy.core.retention;
