package dev.understudy.plugins.browser;

/**
 * Where a transport (the DevTools binding, the extension's native messaging host) hands the recorder's
 * messages: one JSON message text per call, as the recorder wrote it.
 *
 * <p>Threading: called from the transport's reader thread; must not block on the application. Never
 * throws for bad input: a malformed, oversized or out-of-order message is rejected and counted, and the
 * session goes on.
 */
public interface RecorderMessageSink {
  /**
   * Accepts one message.
   *
   * @param transport where it came from, for counting and errors: {@code cdp} or {@code extension}
   * @param json the message text
   */
  void accept(String transport, String json);
}
