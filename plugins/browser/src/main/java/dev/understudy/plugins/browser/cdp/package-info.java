/**
 * A small Chrome DevTools Protocol client: one WebSocket to a browser (java.net.http), commands with
 * futures, events on a dispatch thread of their own, flattened target sessions; and launching Chromium
 * with a fresh profile, or finding the endpoint of one started with remote debugging.
 */
package dev.understudy.plugins.browser.cdp;
