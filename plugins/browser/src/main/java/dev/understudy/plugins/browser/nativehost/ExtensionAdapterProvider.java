package dev.understudy.plugins.browser.nativehost;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
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
 * after it stopped are counted ({@link #ignored()}) and dropped.
 *
 * <p>One provider serves one host session. Thread-safe.
 */
public final class ExtensionAdapterProvider implements AdapterProvider {
  /** The adapter id, shared with the DevTools way in (one consent covers both): {@value}. */
  public static final String NAME = "browser";

  private static final Logger logger = Logger.getLogger(ExtensionAdapterProvider.class.getName());

  private final Function<CaptureContext, ExtensionMessageSink> translators;
  private final AtomicLong ignored = new AtomicLong();
  private volatile ExtensionMessageSink translator;

  /**
   * @param translators makes the session's translator, which emits through the given context
   */
  public ExtensionAdapterProvider(Function<CaptureContext, ExtensionMessageSink> translators) {
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
      public void stop() {
        translator = null;
      }
    };
  }

  /** Where the host hands recorder messages. */
  public ExtensionMessageSink sink() {
    return (json, tab) -> {
      ExtensionMessageSink t = translator;
      if (t == null) {
        ignored.incrementAndGet();
        return;
      }
      try {
        t.accept(json, tab);
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
