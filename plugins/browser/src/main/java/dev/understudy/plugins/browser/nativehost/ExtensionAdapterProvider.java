package dev.understudy.plugins.browser.nativehost;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.browser.RecorderMessageSink;
import dev.understudy.proto.v1.Capability;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@value #NAME} adapter as fed by the browser extension: register it on a recording and give the
 * {@link NativeHost} its {@link #sink()}. While the adapter runs, each recorder message goes to a
 * translator made for the session from its capture context; messages that arrive before it started or
 * after it stopped are counted ({@link #ignored()}) and dropped. When the adapter stops, a translator that
 * is {@link AutoCloseable} is closed, so it can emit what it held back (text being typed, say).
 *
 * <p>One provider serves one host session. Thread-safe.
 */
public final class ExtensionAdapterProvider implements AdapterProvider {
  /** The adapter id, shared with the DevTools way in (one consent covers both): {@value}. */
  public static final String NAME = "browser";

  private static final Logger logger = Logger.getLogger(ExtensionAdapterProvider.class.getName());

  private final Function<CaptureContext, RecorderMessageSink> translators;
  private final AtomicLong ignored = new AtomicLong();
  private volatile RecorderMessageSink translator;

  /**
   * @param translators makes the session's translator, which emits through the given context
   */
  public ExtensionAdapterProvider(Function<CaptureContext, RecorderMessageSink> translators) {
    this.translators = Objects.requireNonNull(translators, "translators");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT,
        Capability.CAPABILITY_TITLES, Capability.CAPABILITY_FILE_NAMES);
  }

  @Override
  public Adapter create(PluginConfig config) {
    return new Adapter() {
      @Override
      public void start(CaptureContext context) {
        translator = Objects.requireNonNull(translators.apply(context), "translator");
      }

      @Override
      public void stop() throws Exception {
        RecorderMessageSink t = translator;
        translator = null;
        if (t instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    };
  }

  /** Where the host hands recorder messages. */
  public RecorderMessageSink sink() {
    return (transport, json) -> {
      RecorderMessageSink t = translator;
      if (t == null) {
        ignored.incrementAndGet();
        return;
      }
      try {
        t.accept(transport, json);
      } catch (RuntimeException e) {
        logger.log(Level.WARNING, "browser translator failed on a message", e);
      }
    };
  }

  /** Messages that arrived while the adapter was not running. */
  public long ignored() {
    return ignored.get();
  }
}
