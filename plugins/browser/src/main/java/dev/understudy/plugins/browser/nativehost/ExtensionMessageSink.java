package dev.understudy.plugins.browser.nativehost;

import dev.understudy.plugins.browser.RecorderMessageSink;
import java.util.Objects;

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

  /** A sink that hands the message text on with transport {@value NativeHost#TRANSPORT}, without the tab. */
  static ExtensionMessageSink of(RecorderMessageSink sink) {
    Objects.requireNonNull(sink, "sink");
    return (json, tab) -> sink.accept(NativeHost.TRANSPORT, json);
  }
}
