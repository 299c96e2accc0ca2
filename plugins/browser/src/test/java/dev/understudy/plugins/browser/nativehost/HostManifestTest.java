package dev.understudy.plugins.browser.nativehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostManifestTest {
  private static final Path LAUNCHER = Path.of("/home/u/.local/share/understudy/browser/understudy-native-host");

  @Test
  void chromiumAllowsTheExtensionByOrigin() throws Exception {
    JsonNode m = new ObjectMapper().readTree(HostManifest.json(HostManifest.Browser.CHROMIUM, LAUNCHER, ExtensionBundle.CHROMIUM_ID));
    assertThat(m.get("name").asText()).isEqualTo("dev.understudy.host");
    assertThat(m.get("type").asText()).isEqualTo("stdio");
    assertThat(m.get("path").asText()).isEqualTo(LAUNCHER.toString());
    assertThat(m.get("allowed_origins").toString()).isEqualTo("[\"chrome-extension://" + ExtensionBundle.CHROMIUM_ID + "/\"]");
    assertThat(m.has("allowed_extensions")).isFalse();
  }

  @Test
  void firefoxAllowsTheExtensionById() throws Exception {
    JsonNode m = new ObjectMapper().readTree(HostManifest.json(HostManifest.Browser.FIREFOX, LAUNCHER, ExtensionBundle.CHROMIUM_ID));
    assertThat(m.get("allowed_extensions").toString()).isEqualTo("[\"recorder@understudy.dev\"]");
    assertThat(m.has("allowed_origins")).isFalse();
  }

  @Test
  void eachBrowserHasItsOwnUserDirectory() {
    Path home = Path.of("/home/u");
    assertThat(HostManifest.Browser.CHROMIUM.userManifestDir(home)).isEqualTo(Path.of("/home/u/.config/chromium/NativeMessagingHosts"));
    assertThat(HostManifest.Browser.CHROME.userManifestDir(home)).isEqualTo(Path.of("/home/u/.config/google-chrome/NativeMessagingHosts"));
    assertThat(HostManifest.Browser.FIREFOX.userManifestDir(home)).isEqualTo(Path.of("/home/u/.mozilla/native-messaging-hosts"));
    assertThat(HostManifest.fileName()).isEqualTo("dev.understudy.host.json");
  }

  @Test
  void refusesARelativeLauncherAndABadId() {
    assertThatThrownBy(() -> HostManifest.json(HostManifest.Browser.CHROMIUM, Path.of("host.sh"), ExtensionBundle.CHROMIUM_ID))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("launcher");
    assertThatThrownBy(() -> HostManifest.json(HostManifest.Browser.CHROMIUM, LAUNCHER, "ABC"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extensionId");
  }
}
