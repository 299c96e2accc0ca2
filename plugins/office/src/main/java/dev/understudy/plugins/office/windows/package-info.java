/**
 * The Windows backends, {@code jab} (Java Access Bridge) and {@code uia} (UI Automation), through
 * JNA, and the translation of their events, which is tested on fixtures. The native layers are not
 * verified on Windows.
 */
package dev.understudy.plugins.office.windows;
