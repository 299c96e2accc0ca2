/** Replay of editor sessions: each document rebuilt from the text it was opened with and the edits recorded. */
package dev.understudy.plugins.lsp.replay;
