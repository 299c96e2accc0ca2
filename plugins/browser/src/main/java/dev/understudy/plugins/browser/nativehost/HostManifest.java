package dev.understudy.plugins.browser.nativehost;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The native messaging host manifest a browser reads to find the host: its name, the program to start
 * ({@code path}, absolute), {@code type: stdio}, and which extensions may connect. Chromium-family
 * browsers name extensions by origin ({@code allowed_origins}), Firefox by id ({@code allowed_extensions}).
 */
public final class HostManifest {
  /** Chromium extension ids: 32 letters a–p. */
  private static final Pattern CHROMIUM_ID = Pattern.compile("[a-p]{32}");

  /** The browsers a manifest can be written for, and where each looks for per-user manifests. */
  public enum Browser {
    /** Chromium: {@code ~/.config/chromium/NativeMessagingHosts}. */
    CHROMIUM(".config/chromium/NativeMessagingHosts"),
    /** Google Chrome: {@code ~/.config/google-chrome/NativeMessagingHosts}. */
    CHROME(".config/google-chrome/NativeMessagingHosts"),
    /** Firefox: {@code ~/.mozilla/native-messaging-hosts}. */
    FIREFOX(".mozilla/native-messaging-hosts");

    private final String userDir;

    Browser(String userDir) {
      this.userDir = userDir;
    }

    /** Where this browser looks for a user's host manifests on Linux, under the home directory. */
    public Path userManifestDir(Path userHome) {
      return userHome.resolve(userDir);
    }

    /** The name as written on the command line: {@code chromium}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private HostManifest() {}

  /** The manifest's file name: the host name plus {@code .json}. */
  public static String fileName() {
    return ExtensionBundle.HOST_NAME + ".json";
  }

  /**
   * The manifest's JSON text.
   *
   * @param launcher the program the browser starts; must be absolute
   * @param extensionId the Chromium extension id allowed to connect (ignored for Firefox, which allows
   *     {@link ExtensionBundle#GECKO_ID})
   * @throws IllegalArgumentException when the launcher is relative or the id is not a Chromium id
   */
  public static String json(Browser browser, Path launcher, String extensionId) {
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(extensionId, "extensionId");
    if (!launcher.isAbsolute()) {
      throw new IllegalArgumentException("launcher must be an absolute path, got " + launcher);
    }
    if (!CHROMIUM_ID.matcher(extensionId).matches()) {
      throw new IllegalArgumentException("extensionId must be 32 letters a-p, got '" + extensionId + "'");
    }
    ObjectNode m = JsonNodeFactory.instance.objectNode()
        .put("name", ExtensionBundle.HOST_NAME)
        .put("description", "Understudy: records what you do in the browser, through its extension, with your consent")
        .put("path", launcher.toString())
        .put("type", "stdio");
    if (browser == Browser.FIREFOX) {
      m.putArray("allowed_extensions").add(ExtensionBundle.GECKO_ID);
    } else {
      m.putArray("allowed_origins").add("chrome-extension://" + extensionId + "/");
    }
    return m.toPrettyString() + "\n";
  }
}
