/**
 * The browser adapter: one recorder script runs in every frame of the page and reports what the person
 * did to which element; its messages reach Java through a DevTools Protocol binding or through the
 * browser extension's native messaging host, and one translator turns them into semantic actions.
 */
package dev.understudy.plugins.browser;
