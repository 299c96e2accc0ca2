/**
 * The office adapter's {@code uno} backend: LibreOffice recorded through UNO — the dispatch recorder,
 * document events, undo titles and accessibility — turned into semantic actions, and replayed
 * ({@link dev.understudy.plugins.office.uno.UnoReplay}). The code that calls LibreOffice lives in
 * {@code .bridge} and is loaded with the installation's own Java UNO classes
 * ({@link dev.understudy.plugins.office.uno.UnoBridge}); the value types it shares with this package are
 * public for that reason only.
 */
package dev.understudy.plugins.office.uno;
