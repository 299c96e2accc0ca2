/**
 * The {@code x11} backend: the active window, its WM_CLASS and title, and switches between windows,
 * through Xlib (JNA).
 */
package dev.understudy.plugins.office.x11;
