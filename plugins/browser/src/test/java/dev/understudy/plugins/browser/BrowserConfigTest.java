package dev.understudy.plugins.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.browser.cdp.ChromiumProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every configuration mistake fails with one message naming its key. */
class BrowserConfigTest {
  @TempDir Path dir;

  private static BrowserConfig read(Map<String, String> values) {
    return BrowserConfig.from(PluginConfig.of("adapter.browser.", values));
  }

  @Test
  void defaultsLaunchHeadlessChromiumWithNoStartPage() {
    BrowserConfig config = read(Map.of());
    assertThat(config.headless()).isTrue();
    assertThat(config.startUrl()).isEmpty();
    assertThat(config.attach()).isEmpty();
    assertThat(config.chromium()).isEqualTo(ChromiumProcess.DEFAULT_EXECUTABLE);
    assertThat(config.maxMessageBytes()).isEqualTo(RecorderTranslator.DEFAULT_MAX_MESSAGE_BYTES);
  }

  @Test
  void readsEveryKey() {
    BrowserConfig config = read(Map.of("headless", "false", "start-url", "http://127.0.0.1:8080/app",
        "max-message-bytes", "2048", "mask-values-hosts", " *.bank.example , Intranet "));
    assertThat(config.headless()).isFalse();
    assertThat(config.startUrl()).contains(URI.create("http://127.0.0.1:8080/app"));
    assertThat(config.maxMessageBytes()).isEqualTo(2048);
    assertThat(config.maskValuesHosts()).containsExactly("*.bank.example", "intranet");
    assertThat(read(Map.of("attach", "ws://127.0.0.1:9222/devtools/browser/x")).attach()).contains("ws://127.0.0.1:9222/devtools/browser/x");
  }

  @Test
  void observationsAreOffByDefaultAndReadTheirKeys() {
    BrowserConfig defaults = read(Map.of());
    assertThat(defaults.observations()).isFalse();
    assertThat(defaults.observationTriggers()).containsExactlyInAnyOrder("click", "submit", "value");
    assertThat(defaults.observationIntervalMs()).isEqualTo(BrowserConfig.DEFAULT_OBSERVATION_INTERVAL_MS);
    BrowserConfig on = read(Map.of("observations", "true", "observation-triggers", " Submit ,click", "observation-interval-ms", "0"));
    assertThat(on.observations()).isTrue();
    assertThat(on.observationTriggers()).containsExactlyInAnyOrder("click", "submit");
    assertThat(on.observationIntervalMs()).isZero();
    assertThatThrownBy(() -> read(Map.of("observation-triggers", "click,scroll")))
        .hasMessage("adapter.browser.observation-triggers: 'scroll' is not one of click, submit, value");
    assertThatThrownBy(() -> read(Map.of("observation-interval-ms", "-1")))
        .hasMessage("adapter.browser.observation-interval-ms: expected 0 to 3600000, got -1");
  }

  @Test
  void mistakesNameTheirKey() {
    assertThatThrownBy(() -> read(Map.of("headless", "maybe"))).hasMessage("adapter.browser.headless: expected true or false, got 'maybe'");
    assertThatThrownBy(() -> read(Map.of("start-url", "javascript:alert(1)")))
        .hasMessage("adapter.browser.start-url: 'javascript:alert(1)' is not an http, https, file or about URL");
    assertThatThrownBy(() -> read(Map.of("attach", "127.0.0.1:9222")))
        .hasMessageStartingWith("adapter.browser.attach: '127.0.0.1:9222' is not a DevTools address");
    assertThatThrownBy(() -> read(Map.of("attach", "http://127.0.0.1:9222", "headless", "false")))
        .hasMessageStartingWith("adapter.browser.headless: not used with adapter.browser.attach");
    assertThatThrownBy(() -> read(Map.of("max-message-bytes", "10")))
        .hasMessage("adapter.browser.max-message-bytes: expected 1024 to 16777216, got 10");
    assertThatThrownBy(() -> read(Map.of("mask-values-hosts", "bank.example/path")))
        .hasMessageStartingWith("adapter.browser.mask-values-hosts: 'bank.example/path' is not a host pattern");
    assertThatThrownBy(() -> read(Map.of("chromium-path", dir.resolve("nothing").toString())))
        .hasMessage("adapter.browser.chromium-path: no executable at " + dir.resolve("nothing"));
  }

  @Test
  void providerListsItsKeysAndRefusesUnknownValuesBeforeStarting() {
    BrowserAdapterProvider provider = new BrowserAdapterProvider();
    assertThat(provider.name()).isEqualTo("browser");
    assertThat(provider.configKeys()).containsExactlyInAnyOrder("headless", "start-url", "attach", "chromium-path",
        "max-message-bytes", "mask-values-hosts", "observations", "observation-triggers", "observation-interval-ms");
    assertThatThrownBy(() -> provider.create(PluginConfig.of("adapter.browser.", Map.of("headless", "yes"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingBrowserSaysHowToInstallIt() {
    Path missing = dir.resolve("chromium");
    assertThatThrownBy(() -> ChromiumProcess.builder().executable(missing).launch())
        .hasMessage("Chromium not found at " + missing + ": install it with 'apt-get install chromium' (Debian) or set adapter.browser.chromium-path");
  }

  @Test
  void theRecorderGetsTheOptionsThePolicyAllows() {
    String source = RecorderScript.source(new RecorderScript.Options(true, false, true, List.of("*.bank.example")));
    assertThat(source).doesNotContain(RecorderScript.OPTIONS_PLACEHOLDER)
        .contains("({\"textContent\":true,\"clipboardContent\":false,\"fileNames\":true,\"maskValuesHosts\":[\"*.bank.example\"]})");
  }
}
