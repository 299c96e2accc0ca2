package dev.understudy.plugins.browser.nativehost;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.browser.BrowserAdapterProvider;
import dev.understudy.plugins.browser.HostGlobs;
import dev.understudy.plugins.browser.RecorderTranslator;
import dev.understudy.plugins.browser.TabContext;
import dev.understudy.proto.v1.Capability;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@value #NAME} adapter as fed by the browser extension: register it on a recording and give the
 * {@link NativeHost} its {@link #sink()}. While the adapter runs, each recorder message goes to a
 * translator made for the session from its capture context (by default the {@link RecorderTranslator}
 * the DevTools way in uses too, with transport {@value NativeHost#TRANSPORT} and the message's tab);
 * messages that arrive before it started or after it stopped are counted ({@link #ignored()}) and dropped.
 *
 * <p>One provider serves one host session. Thread-safe.
 */
public final class ExtensionAdapterProvider implements AdapterProvider {
  /** The adapter id, shared with the DevTools way in (one consent covers both): {@value}. */
  public static final String NAME = "browser";

  private static final Logger logger = Logger.getLogger(ExtensionAdapterProvider.class.getName());

  /** Makes the session's translator from its context and the hosts whose values are masked. */
  private final BiFunction<CaptureContext, List<String>, ExtensionMessageSink> translators;
  private final AtomicLong ignored = new AtomicLong();
  private volatile ExtensionMessageSink translator;
  private volatile Map<String, Object> recorderOptions = Map.of();

  /** The provider with the browser's {@link RecorderTranslator}. */
  public ExtensionAdapterProvider() {
    this.translators = ExtensionAdapterProvider::recorderTranslator;
  }

  /**
   * @param translators makes the session's translator, which emits through the given context
   */
  public ExtensionAdapterProvider(Function<CaptureContext, ExtensionMessageSink> translators) {
    Objects.requireNonNull(translators, "translators");
    this.translators = (context, maskValuesHosts) -> translators.apply(context);
  }

  /** The keys the extension's way in reads: {@value BrowserAdapterProvider#MASK_VALUES_HOSTS}, as the DevTools way in. */
  @Override
  public Set<String> configKeys() {
    return Set.of(BrowserAdapterProvider.MASK_VALUES_HOSTS);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The same as the DevTools way in: both run the one recorder and translator. */
  @Override
  public Set<Capability> capabilities() {
    return new BrowserAdapterProvider().capabilities();
  }

  private static ExtensionMessageSink recorderTranslator(CaptureContext context, List<String> maskValuesHosts) {
    RecorderTranslator translator = new RecorderTranslator(context.emitter(), RecorderTranslator.DEFAULT_MAX_MESSAGE_BYTES,
        RecorderTranslator.Rules.of(context.policy(), maskValuesHosts));
    return (json, tab) -> translator.accept(NativeHost.TRANSPORT, json,
        tab == null ? null : new TabContext("extension-tab-" + tab.id(), tab.title(), tab.url()));
  }

  @Override
  public Adapter create(PluginConfig config) {
    List<String> maskValuesHosts = HostGlobs.parse("adapter." + NAME + "." + BrowserAdapterProvider.MASK_VALUES_HOSTS,
        config.get(BrowserAdapterProvider.MASK_VALUES_HOSTS, ""));
    return new Adapter() {
      @Override
      public void start(CaptureContext context) {
        // The page's recorder leaves values out on masked sites; the translator does too, for a frame
        // whose recorder started before the host told it the options.
        recorderOptions = Map.of(
            "textContent", context.policy().allows(Capability.CAPABILITY_TEXT_CONTENT),
            "clipboardContent", context.policy().allows(Capability.CAPABILITY_CLIPBOARD_CONTENT),
            "fileNames", context.policy().allows(Capability.CAPABILITY_FILE_NAMES),
            "maskValuesHosts", maskValuesHosts);
        translator = Objects.requireNonNull(translators.apply(context, maskValuesHosts), "translator");
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

  /**
   * What the page recorder may send under the session's policy ({@code textContent},
   * {@code clipboardContent}, {@code fileNames}) and the sites where it sends no value
   * ({@code maskValuesHosts}), for the host to give the extension; empty until the
   * adapter started. The runtime enforces the policy again on every action.
   */
  public Map<String, Object> recorderOptions() {
    return recorderOptions;
  }

  /** Messages that arrived while the adapter was not running. */
  public long ignored() {
    return ignored.get();
  }
}
