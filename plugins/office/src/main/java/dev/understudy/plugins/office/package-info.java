/**
 * The office adapter: one adapter ({@value dev.understudy.plugins.office.OfficeAdapterProvider#NAME})
 * over several {@link dev.understudy.plugins.office.Backend}s — LibreOffice through UNO, the Linux
 * desktop through AT-SPI, Swing applications through the Java accessibility agent, window context
 * through X11 — chosen with {@code adapter.office.backends}.
 */
package dev.understudy.plugins.office;
