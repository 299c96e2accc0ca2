/**
 * The editor capture server: a language server (Eclipse LSP4J) an editor runs next to its real ones, that
 * records documents opened, edited (coalesced into semantic edits), saved and closed, file operations,
 * commands and the editor extension's {@code understudy/*} notifications, as the {@code lsp-capture} adapter.
 */
package dev.understudy.plugins.lsp.capture;
