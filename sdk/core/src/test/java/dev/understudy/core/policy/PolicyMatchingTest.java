package dev.understudy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Capability;
import org.junit.jupiter.api.Test;

class PolicyMatchingTest {

  private final PrivacyPolicy defaults = PrivacyPolicy.defaults();

  @Test
  void defaultsDenyPasswordManagersByAppId() {
    assertThat(defaults.allowsApp("org.keepassxc.KeePassXC")).isFalse();
    assertThat(defaults.allowsApp("KeePassXC")).isFalse();
    assertThat(defaults.allowsApp("1Password")).isFalse();
    assertThat(defaults.allowsApp("com.bitwarden.desktop")).isFalse();
    assertThat(defaults.allowsApp("seahorse")).isFalse();
    assertThat(defaults.allowsApp("org.kde.kwalletmanager5")).isFalse();
    assertThat(defaults.allowsApp("pass")).isFalse();
    assertThat(defaults.allowsApp("org.libreoffice.writer")).isTrue();
    assertThat(defaults.allowsApp("passport-photos")).as("exact 'pass' only").isTrue();
    assertThat(defaults.allowsApp("")).as("no app id, no allow-list").isTrue();
  }

  @Test
  void defaultsDenyPrivateWindowsByTitle() {
    assertThat(defaults.allowsTitle("New Tab - Chromium (Incognito)")).isFalse();
    assertThat(defaults.allowsTitle("Mozilla Firefox Private Browsing")).isFalse();
    assertThat(defaults.allowsTitle("Bing - [InPrivate] - Microsoft Edge")).isFalse();
    assertThat(defaults.allowsTitle("Private Window - Brave")).isFalse();
    assertThat(defaults.allowsTitle("Quarterly report - LibreOffice Writer")).isTrue();
    assertThat(defaults.allowsTitle("privately held - Notes")).isTrue();
  }

  @Test
  void defaultsDenyBankingLikeUrls() {
    assertThat(defaults.allowsUrl("https://www.examplebank.com/login")).isFalse();
    assertThat(defaults.allowsUrl("https://login.mybank.example/")).isFalse();
    assertThat(defaults.allowsUrl("https://www.paypal.com/signin")).isFalse();
    assertThat(defaults.allowsUrl("https://portal.example.de/privat/onlinebanking/start")).isFalse();
    assertThat(defaults.allowsUrl("https://example.org/de/banking")).isFalse();
    assertThat(defaults.allowsUrl("https://example.org/report")).isTrue();
    assertThat(defaults.allowsDocument("https://user:pw@secure.bank.example:8443/x")).isFalse();
  }

  @Test
  void defaultsDenySecretFilesAndKeepOrdinaryOnes() {
    assertThat(defaults.allowsPath("/home/ann/project/.env")).isFalse();
    assertThat(defaults.allowsPath("/etc/ssl/private/server.pem")).isFalse();
    assertThat(defaults.allowsPath("file:///home/ann/.ssh/config")).isFalse();
    assertThat(defaults.allowsPath("C:\\Users\\ann\\keys\\vault.kdbx")).isFalse();
    assertThat(defaults.allowsPath("/home/ann/report.txt")).isTrue();
    assertThat(defaults.allowsDocument("/home/ann/.env")).isFalse();
  }

  @Test
  void defaultsKeepInvasiveCapabilitiesOff() {
    assertThat(defaults.allows(Capability.CAPABILITY_CLIPBOARD_CONTENT)).isFalse();
    assertThat(defaults.allows(Capability.CAPABILITY_KEYSTROKES)).isFalse();
    assertThat(defaults.allows(Capability.CAPABILITY_SCREENSHOTS)).isFalse();
    assertThat(defaults.allows(Capability.CAPABILITY_SNAPSHOTS)).isFalse();
    assertThat(defaults.allows(Capability.CAPABILITY_INTERACTIONS)).isTrue();
    assertThat(defaults.allows(Capability.CAPABILITY_TEXT_CONTENT)).isTrue();
    assertThat(defaults.allows(Capability.CAPABILITY_TITLES)).isTrue();
    assertThat(defaults.allows(Capability.CAPABILITY_FILE_NAMES)).isTrue();
  }

  @Test
  void appGlobsAreWholeIdAndCaseInsensitive() {
    PrivacyPolicy p = PrivacyPolicy.builder().includeDefaults(false).denyApps("org.gnome.*", "exact.app").build();
    assertThat(p.allowsApp("ORG.GNOME.Calculator")).isFalse();
    assertThat(p.allowsApp("exact.app")).isFalse();
    assertThat(p.allowsApp("exact.app2")).isTrue();
    assertThat(p.allowsApp("xorg.gnome.x")).isTrue();
  }

  @Test
  void urlPatternsMatchSchemeHostAndPath() {
    PrivacyPolicy p = PrivacyPolicy.builder().includeDefaults(false)
        .denyUrls("*.corp.example", "http://plain.example", "docs.example/private/**").build();
    assertThat(p.allowsUrl("https://a.b.corp.example/x")).isFalse();
    assertThat(p.allowsUrl("https://corp.example/x")).as("*. is for subdomains").isTrue();
    assertThat(p.allowsUrl("http://plain.example/")).isFalse();
    assertThat(p.allowsUrl("https://plain.example/")).isTrue();
    assertThat(p.allowsUrl("https://docs.example/private")).isFalse();
    assertThat(p.allowsUrl("https://docs.example/private/a/b?q=1")).isFalse();
    assertThat(p.allowsUrl("https://docs.example/public")).isTrue();
    assertThat(p.allowsUrl("not a url")).isTrue();
  }

  @Test
  void pathGlobsFollowTheDocumentedRules() {
    PrivacyPolicy p = PrivacyPolicy.builder().includeDefaults(false).denyPaths("**/secrets/**", "/srv/*.log", "*.tmp").build();
    assertThat(p.allowsPath("/a/b/secrets/c/d.txt")).isFalse();
    assertThat(p.allowsPath("secrets/x")).isFalse();
    assertThat(p.allowsPath("/srv/app.log")).isFalse();
    assertThat(p.allowsPath("/srv/sub/app.log")).as("* stays in one directory").isTrue();
    assertThat(p.allowsPath("/deep/down/file.tmp")).isFalse();
    assertThat(p.allowsPath("/deep/down/file.txt")).isTrue();
  }

  @Test
  void denyWinsOverAllow() {
    PrivacyPolicy p = PrivacyPolicy.builder().allowApps("*").denyApps("chat").allowTitles(".*").denyTitles("Secret").build();
    assertThat(p.allowsApp("chat")).isFalse();
    assertThat(p.allowsApp("notes")).isTrue();
    assertThat(p.allowsTitle("Secret plan")).isFalse();
  }

  @Test
  void anAppAllowListRefusesActionsWithNoAppId() {
    PrivacyPolicy p = PrivacyPolicy.builder().allowApps("notes").build();
    assertThat(p.allowsApp("")).isFalse();
    assertThat(p.allowsApp("notes")).isTrue();
  }

  @Test
  void builderRejectsBadPatternsNamingTheList() {
    assertThatThrownBy(() -> PrivacyPolicy.builder().denyTitles("(")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("titles", "'('");
  }

  @Test
  void durationTextReadsShortAndIsoForms() {
    assertThat(DurationText.parse("30d")).hasDays(30);
    assertThat(DurationText.parse("2w")).hasDays(14);
    assertThat(DurationText.parse("PT12H")).hasHours(12);
    assertThat(DurationText.format(DurationText.parse("30d"))).isEqualTo("30d");
    assertThat(DurationText.format(DurationText.parse("90m"))).isEqualTo("90m");
    assertThatThrownBy(() -> DurationText.parse("soon")).hasMessageContaining("'soon' is not a duration");
  }
}
