package dev.understudy.plugins.browser.nativehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.Adapter;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Capability;
import dev.understudy.testing.RecordingCaptureContext;
import dev.understudy.testing.TestPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionAdapterProviderTest {
  private final List<String> translated = new ArrayList<>();
  private final List<CaptureContext> contexts = new ArrayList<>();

  private ExtensionAdapterProvider provider() {
    return new ExtensionAdapterProvider(context -> {
      contexts.add(context);
      return (json, tab) -> translated.add(json + "@" + (tab == null ? "-" : tab.id()));
    });
  }

  @Test
  void passesMessagesOnlyWhileTheAdapterRunsAndCountsTheRest() throws Exception {
    ExtensionAdapterProvider provider = provider();
    ExtensionMessageSink sink = provider.sink();
    Adapter adapter = provider.create(PluginConfig.of("adapter.browser.", Map.of()));
    RecordingCaptureContext context = RecordingCaptureContext.builder().build();

    sink.accept("{\"early\":1}", null);
    adapter.start(context);
    sink.accept("{\"n\":1}", new ExtensionTab(4, "T", "https://x.example/"));
    adapter.stop();
    sink.accept("{\"late\":1}", null);

    assertThat(translated).containsExactly("{\"n\":1}@4");
    assertThat(contexts).containsExactly(context);
    assertThat(provider.ignored()).isEqualTo(2);
  }

  @Test
  void aTranslatorThatThrowsDoesNotReachTheHost() throws Exception {
    ExtensionAdapterProvider provider = new ExtensionAdapterProvider(context -> (json, tab) -> {
      throw new IllegalStateException("boom");
    });
    provider.create(PluginConfig.of("adapter.browser.", Map.of())).start(RecordingCaptureContext.builder().build());
    provider.sink().accept("{}", null);
    assertThat(provider.ignored()).isZero();
  }

  @Test
  void givesTheRecorderTheOptionsThePolicyAllows() throws Exception {
    ExtensionAdapterProvider provider = provider();
    assertThat(provider.recorderOptions()).isEmpty();
    provider.create(PluginConfig.of("adapter.browser.", Map.of())).start(RecordingCaptureContext.builder()
        .policy(TestPolicy.allowing(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT)).build());
    assertThat(provider.recorderOptions())
        .containsExactlyInAnyOrderEntriesOf(Map.of("textContent", true, "clipboardContent", false, "fileNames", false,
            "maskValuesHosts", List.of()));
  }

  @Test
  void isTheBrowserAdapterSoOneConsentCoversBothWaysIn() {
    assertThat(provider().name()).isEqualTo("browser");
  }

  @Test
  void maskedSitesReachTheRecorderOptionsAndTheTranslatorLeavesTheirValuesOut() throws Exception {
    ExtensionAdapterProvider provider = new ExtensionAdapterProvider();
    assertThat(provider.configKeys()).containsExactly("mask-values-hosts");
    RecordingCaptureContext context = RecordingCaptureContext.builder().build();
    provider.create(PluginConfig.of("adapter.browser.", Map.of("mask-values-hosts", "*.Bank.example, intranet"))).start(context);
    assertThat(provider.recorderOptions()).containsEntry("maskValuesHosts", List.of("*.bank.example", "intranet"));

    // A frame whose recorder started before the host's options arrived sends the value anyway.
    String message = "{\"v\":1,\"rid\":\"rec-aaaa1111\",\"seq\":1,\"t\":1750000000000,\"type\":\"value\","
        + "\"frame\":{\"url\":\"https://www.bank.example/login\",\"top\":true,\"title\":\"Bank\",\"path\":[]},"
        + "\"target\":{\"role\":\"textbox\",\"name\":\"Customer\",\"tag\":\"input\",\"secure\":false,\"roleNameCount\":1,"
        + "\"locators\":[],\"shadow\":[],\"context\":[]},"
        + "\"valueKind\":\"text\",\"value\":\"canary-customer-42\",\"omitted\":false,\"cause\":\"change\"}";
    provider.sink().accept(message, new ExtensionTab(3, "Bank", "https://www.bank.example/login"));
    assertThat(context.actions()).singleElement().satisfies(a -> {
      assertThat(a.getValueChange().getValueOmitted()).isTrue();
      assertThat(a.toString()).doesNotContain("canary");
    });
  }

  @Test
  void aBadHostPatternFailsNamingItsKey() {
    assertThatThrownBy(() -> new ExtensionAdapterProvider().create(PluginConfig.of("adapter.browser.", Map.of("mask-values-hosts", "a/b"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("adapter.browser.mask-values-hosts: 'a/b'");
  }
}
