/**
 * Editors through the Language Server Protocol: LSP base-protocol framing, a byte-transparent proxy that
 * forwards frames between an editor and a real language server and hands a copy of each to a tap, and
 * the translation of that traffic into semantic actions (edits with what they removed, requests with
 * their outcomes, and the causal links from a rename, a formatting, a chosen code action or a taken
 * completion to the edits and saves that followed).
 */
package dev.understudy.plugins.lsp;
