package dev.understudy.plugins.browser.nativehost;

/**
 * Where the {@link NativeHost} hands each recorder message, with the tab it came from.
 *
 * <p>Threading: called on the host's reader thread; must not block on the application and must not
 * throw (the host logs and goes on if it does).
 */
@FunctionalInterface
public interface ExtensionMessageSink {
  /**
   * Accepts one recorder message.
   *
   * @param json the message text, as the recorder wrote it
   * @param tab the tab it came from; {@code null} when the extension did not say
   */
  void accept(String json, ExtensionTab tab);
}
