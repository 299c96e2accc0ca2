package dev.understudy.plugins.browser.nativehost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension as packaged: its fixed id, what its manifest asks for, and unpacking it. */
class ExtensionBundleTest {
  private static JsonNode manifest() throws Exception {
    return new ObjectMapper().readTree(ExtensionBundle.read("manifest.json"));
  }

  /** Chromium's rule: SHA-256 of the DER public key, first 16 bytes, each hex digit 0–f written a–p. */
  @Test
  void theIdFollowsFromTheManifestsPublicKey() throws Exception {
    byte[] key = Base64.getDecoder().decode(manifest().get("key").asText());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      id.append((char) ('a' + ((digest[i] >> 4) & 0xf))).append((char) ('a' + (digest[i] & 0xf)));
    }
    assertThat(id.toString()).isEqualTo(ExtensionBundle.CHROMIUM_ID);
  }

  @Test
  void theManifestRunsTheRecorderInEveryFrameFromTheStartAndMayTalkToTheHost() throws Exception {
    JsonNode m = manifest();
    assertThat(m.get("manifest_version").asInt()).isEqualTo(3);
    assertThat(m.get("permissions").toString()).isEqualTo("[\"nativeMessaging\",\"storage\"]");
    JsonNode content = m.get("content_scripts").get(0);
    assertThat(content.get("all_frames").asBoolean()).isTrue();
    assertThat(content.get("match_about_blank").asBoolean()).isTrue();
    assertThat(content.get("run_at").asText()).isEqualTo("document_start");
    assertThat(m.at("/background/service_worker").asText()).isEqualTo("background.js");
    assertThat(m.at("/background/scripts/0").asText()).isEqualTo("background.js"); // Firefox runs scripts
    assertThat(m.at("/browser_specific_settings/gecko/id").asText()).isEqualTo(ExtensionBundle.GECKO_ID);
    assertThat(m.at("/action/default_popup").asText()).isEqualTo("popup.html");
  }

  @Test
  void theBackgroundConnectsToTheHostByName() throws Exception {
    assertThat(new String(ExtensionBundle.read("background.js"), java.nio.charset.StandardCharsets.UTF_8))
        .contains("connectNative", "\"" + ExtensionBundle.HOST_NAME + "\"");
  }

  @Test
  void unpacksEveryListedFile(@TempDir Path dir) throws Exception {
    ExtensionBundle.unpack(dir);
    assertThat(ExtensionBundle.files()).contains("manifest.json", "background.js", "content.js", "popup.html", "popup.js",
        "icons/on-16.png", "icons/off-16.png");
    for (String f : ExtensionBundle.files()) {
      assertThat(dir.resolve(f)).isRegularFile();
      assertThat(Files.readAllBytes(dir.resolve(f))).isEqualTo(ExtensionBundle.read(f));
    }
    // Unpacking again over an older copy replaces it.
    Files.writeString(dir.resolve("content.js"), "stale");
    ExtensionBundle.unpack(dir);
    assertThat(Files.readAllBytes(dir.resolve("content.js"))).isEqualTo(ExtensionBundle.read("content.js"));
  }
}
