/** Neovim, headless and scripted, as a real LSP client: for demos and end-to-end tests of the proxy. */
package dev.understudy.plugins.lsp.nvim;
