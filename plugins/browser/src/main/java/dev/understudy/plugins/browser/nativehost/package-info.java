/**
 * The browser extension's way in: Understudy as a Chrome native messaging host. The extension's
 * background worker connects with {@code chrome.runtime.connectNative}; the browser starts the host and
 * talks to it over stdin/stdout in length-prefixed JSON frames. The host checks every frame, answers
 * control messages (hello, status, pause, resume) and hands the recorder's messages to a
 * {@link dev.understudy.plugins.browser.RecorderMessageSink}.
 */
package dev.understudy.plugins.browser.nativehost;
