package dev.understudy.plugins.browser.nativehost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.Adapter;
import dev.understudy.api.CaptureContext;
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
    Adapter adapter = provider.create(null);
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
    provider.create(null).start(RecordingCaptureContext.builder().build());
    provider.sink().accept("{}", null);
    assertThat(provider.ignored()).isZero();
  }

  @Test
  void givesTheRecorderTheOptionsThePolicyAllows() throws Exception {
    ExtensionAdapterProvider provider = provider();
    assertThat(provider.recorderOptions()).isEmpty();
    provider.create(null).start(RecordingCaptureContext.builder()
        .policy(TestPolicy.allowing(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT)).build());
    assertThat(provider.recorderOptions())
        .containsExactlyInAnyOrderEntriesOf(Map.of("textContent", true, "clipboardContent", false, "fileNames", false));
  }

  @Test
  void isTheBrowserAdapterSoOneConsentCoversBothWaysIn() {
    assertThat(provider().name()).isEqualTo("browser");
  }
}
