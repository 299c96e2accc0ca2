/**
 * Editors through the Language Server Protocol: LSP base-protocol framing and a byte-transparent proxy
 * that forwards frames between an editor and a real language server and hands a copy of each to a tap.
 */
package dev.understudy.plugins.lsp;
