package dev.understudy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyParsingTest {

  static final String FULL = String.join("\n",
      "version: 1",
      "defaults: true",
      "retention: 14d",
      "apps:",
      "  allow: [org.libreoffice.*, firefox]",
      "  deny: [com.example.secret]",
      "titles:",
      "  allow: ['(?i)report']",
      "  deny: ['(?i)payroll']",
      "urls:",
      "  allow: ['https://*.example.org']",
      "  deny: ['*.bank.example', 'https://intranet.example.org/hr/**']",
      "paths:",
      "  allow: ['/home/*/work/**']",
      "  deny: ['**/*.secret']",
      "capabilities:",
      "  interactions: true",
      "  text_content: false",
      "  clipboard_content: true",
      "  keystrokes: false",
      "  screenshots: false",
      "  snapshots: true",
      "  file_names: true",
      "  titles: false",
      "");

  private static PolicyException failure(String yaml) {
    try {
      PrivacyPolicy.parse(yaml, "policy.yaml");
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("expected a PolicyException for:\n" + yaml);
  }

  @Test
  void readsEveryKey() {
    PrivacyPolicy p = PrivacyPolicy.parse(FULL, "policy.yaml");
    assertThat(p.retention()).contains(Duration.ofDays(14));
    assertThat(p.allowsApp("org.libreoffice.writer")).isTrue();
    assertThat(p.allowsApp("chromium")).as("outside the allow-list").isFalse();
    assertThat(p.allowsApp("com.example.secret")).isFalse();
    assertThat(p.allowsTitle("Q3 Report")).isTrue();
    assertThat(p.allowsTitle("Payroll report")).as("deny wins").isFalse();
    assertThat(p.allowsTitle("Inbox")).isFalse();
    assertThat(p.allowsUrl("https://wiki.example.org/page")).isTrue();
    assertThat(p.allowsUrl("https://intranet.example.org/hr/salaries")).isFalse();
    assertThat(p.allowsUrl("https://www.bank.example/")).isFalse();
    assertThat(p.allowsUrl("https://other.test/")).isFalse();
    assertThat(p.allowsPath("/home/ann/work/notes.txt")).isTrue();
    assertThat(p.allowsPath("/home/ann/work/keys.secret")).isFalse();
    assertThat(p.allowsPath("/tmp/x.txt")).isFalse();
    assertThat(p.allows(Capability.CAPABILITY_INTERACTIONS)).isTrue();
    assertThat(p.allows(Capability.CAPABILITY_TEXT_CONTENT)).isFalse();
    assertThat(p.allows(Capability.CAPABILITY_CLIPBOARD_CONTENT)).isTrue();
    assertThat(p.allows(Capability.CAPABILITY_KEYSTROKES)).isFalse();
    assertThat(p.allows(Capability.CAPABILITY_SCREENSHOTS)).isFalse();
    assertThat(p.allows(Capability.CAPABILITY_SNAPSHOTS)).isTrue();
    assertThat(p.allows(Capability.CAPABILITY_FILE_NAMES)).isTrue();
    assertThat(p.allows(Capability.CAPABILITY_TITLES)).isFalse();
  }

  @Test
  void anEmptyFileIsTheDefaultsAndHashesLikeThem() {
    assertThat(PrivacyPolicy.parse("", "p").hash()).isEqualTo(PrivacyPolicy.defaults().hash());
    assertThat(PrivacyPolicy.parse("# nothing\n", "p").hash()).isEqualTo(PrivacyPolicy.defaults().hash());
    assertThat(PrivacyPolicy.parse("version: 1\nretention: 30d\n", "p").hash()).isEqualTo(PrivacyPolicy.defaults().hash());
  }

  @Test
  void hashIsOfTheCanonicalFormAndIgnoresOrderAndLayout() {
    PrivacyPolicy a = PrivacyPolicy.parse("apps:\n  deny: [b, a]\ncapabilities: {screenshots: true}\n", "a");
    PrivacyPolicy b = PrivacyPolicy.parse("capabilities:\n  screenshots: true\napps: {deny: [a, b]}\n", "b");
    assertThat(a.hash()).isEqualTo(b.hash()).hasSize(64).matches("[0-9a-f]+");
    assertThat(a.canonicalForm()).contains("apps.deny=[", "screenshots:true", "retention=PT720H");
    assertThat(PrivacyPolicy.parse("apps: {deny: [a]}", "c").hash()).isNotEqualTo(a.hash());
    assertThat(PrivacyPolicy.parse("retention: forever", "d").retention()).isEmpty();
  }

  @Test
  void defaultsFalseDropsTheBuiltInDenyLists() {
    PrivacyPolicy p = PrivacyPolicy.parse("defaults: false\n", "p");
    assertThat(p.allowsApp("org.keepassxc.KeePassXC")).isTrue();
    assertThat(PrivacyPolicy.defaults().allowsApp("org.keepassxc.KeePassXC")).isFalse();
    assertThat(p.allows(Capability.CAPABILITY_CLIPBOARD_CONTENT)).as("capabilities keep their defaults").isFalse();
  }

  @Test
  void badYamlNamesTheLine() {
    PolicyException e = failure("apps:\n  deny: [a, b\nurls: {}\n");
    assertThat(e.getMessage()).startsWith("policy.yaml:").contains("not valid YAML");
    assertThat(e.line()).isGreaterThan(1);
  }

  @Test
  void unknownKeyIsNamedWithItsLine() {
    PolicyException top = failure("version: 1\n\nretension: 30d\n");
    assertThat(top.line()).isEqualTo(3);
    assertThat(top.getMessage()).isEqualTo("policy.yaml:3: key 'retension': unknown key; expected one of "
        + "apps, capabilities, defaults, paths, retention, titles, urls, version");
    PolicyException nested = failure("capabilities:\n  text_content: true\n  clipboard: true\n");
    assertThat(nested.line()).isEqualTo(3);
    assertThat(nested.getMessage()).contains("key 'capabilities.clipboard'", "clipboard_content");
    PolicyException list = failure("apps:\n  block: [x]\n");
    assertThat(list.getMessage()).contains("policy.yaml:2", "'apps.block'", "allow, deny");
  }

  @Test
  void wrongTypeNamesKeyLineAndWhatIsExpected() {
    assertThat(failure("capabilities:\n  screenshots: maybe\n").getMessage())
        .isEqualTo("policy.yaml:2: key 'capabilities.screenshots': expected true or false; got text 'maybe'");
    assertThat(failure("apps:\n  deny: keepassxc\n").getMessage())
        .contains("policy.yaml:2", "'apps.deny'", "expected a list of patterns", "got text 'keepassxc'");
    assertThat(failure("apps: [a]\n").getMessage()).contains("policy.yaml:1", "'apps'", "expected a mapping of allow, deny");
    assertThat(failure("urls:\n  deny: [true]\n").getMessage()).contains("'urls.deny'", "got boolean 'true'");
    assertThat(failure("defaults: 1\n").getMessage()).contains("'defaults'", "expected true or false", "number '1'");
    assertThat(failure("version: 2\n").getMessage()).contains("'version'", "expected 1");
    assertThat(failure("apps:\n  deny: [a]\napps:\n  deny: [b]\n").getMessage()).contains("policy.yaml:3", "'apps'", "twice");
  }

  @Test
  void badRegexOrPatternNamesKeyAndLine() {
    PolicyException regex = failure("titles:\n  deny:\n    - ok\n    - '(unclosed'\n");
    assertThat(regex.line()).isEqualTo(4);
    assertThat(regex.getMessage()).contains("'titles.deny'", "'(unclosed'", "not a valid regular expression");
    PolicyException backref = failure("titles:\n  deny: ['(a)\\1']\n");
    assertThat(backref.getMessage()).contains("'titles.deny'");
    PolicyException url = failure("urls:\n  deny: ['https:///path']\n");
    assertThat(url.getMessage()).contains("policy.yaml:2", "'urls.deny'", "needs a host");
    PolicyException scheme = failure("urls:\n  deny: ['ht tp://x']\n");
    assertThat(scheme.getMessage()).contains("not a URL scheme");
  }

  @Test
  void badDurationNamesRetention() {
    PolicyException e = failure("retention: 30 days\n");
    assertThat(e.getMessage()).isEqualTo("policy.yaml:1: key 'retention': '30 days' is not a duration; write e.g. "
        + "90m, 12h, 30d or 2w, or 'forever'");
    assertThat(failure("retention: 0d\n").getMessage()).contains("must be positive");
    assertThat(failure("retention: true\n").getMessage()).contains("'retention'", "boolean");
  }

  @Test
  void loadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, FULL);
    assertThat(PrivacyPolicy.load(file).hash()).isEqualTo(PrivacyPolicy.parse(FULL, "x").hash());
    Files.writeString(file, "oops: 1\n");
    assertThatThrownBy(() -> PrivacyPolicy.load(file)).isInstanceOf(PolicyException.class)
        .hasMessageStartingWith(file + ":1: key 'oops'");
  }

  @Test
  void yamlTagsCannotInstantiateAnything() {
    PolicyException e = failure("apps: !!java.util.HashMap {}\n");
    assertThat(e.getMessage()).contains("policy.yaml:1", "'apps'", "YAML tags", "are not allowed");
  }
}
