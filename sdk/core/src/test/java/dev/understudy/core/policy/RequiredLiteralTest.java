package dev.understudy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RequiredLiteralTest {

  @Test
  void findsTheLongestRunAGlobCannotMatchWithout() {
    assertThat(RequiredLiteral.ofGlob("*keepass*")).isEqualTo("keepass");
    assertThat(RequiredLiteral.ofGlob("org.gnome.seahorse*")).isEqualTo("org.gnome.seahorse");
    assertThat(RequiredLiteral.ofGlob("**/.ssh/**")).isEqualTo(".ssh");
    assertThat(RequiredLiteral.ofGlob("**/*.pem")).isEqualTo(".pem");
    assertThat(RequiredLiteral.ofGlob("*")).isEmpty();
  }

  @Test
  void findsTheLiteralOfPlainTitleExpressionsOnly() {
    assertThat(RequiredLiteral.ofTitleRegex("(?i)\\bincognito\\b")).isEqualTo("incognito");
    assertThat(RequiredLiteral.ofTitleRegex("(?i)private browsing")).isEqualTo("private browsing");
    assertThat(RequiredLiteral.ofTitleRegex("^Bank (of|for) .*")).isEmpty();
  }

  @Test
  void theBuiltInRulesDecideExactlyAsTheirPatternsAlone() {
    List<String> apps = List.of("org.keepassxc.KeePassXC", "KeePass", "bitwarden", "firefox", "pass", "passenger",
        "org.gnome.Seahorse.Application", "libreoffice-writer", "com.1password.1password", "Proton Pass");
    List<String> titles = List.of("New Incognito tab - Chromium", "Mozilla Firefox Private Browsing", "InPrivate - Edge",
        "Incognitos are fun", "report.odt - LibreOffice", "Private window", "privately yours");
    List<String> urls = List.of("https://www.mybank.example/login", "https://paypal.com/checkout", "https://www.paypal.com/",
        "https://example.org/onlinebanking/accounts", "https://docs.example.org/guide", "file:///home/a/bank.txt",
        "HTTPS://SPARKASSE.DE/", "https://user:pw@credit.example/banking/x?y=1#z", "not a url",
        "https://intranet.example:8443/netbanking/home", "https://example.org/banking", "https://example.org/bankingtips");
    List<String> paths = List.of("/home/a/.env", "/home/a/.env.local", "C:\\Users\\a\\.ssh\\id_rsa", "/home/a/key.pem",
        "file:///home/a/.ssh/config", "/home/a/src/main.py", ".ssh/known_hosts", "/srv/credentials.json", "/tmp/envoy.txt");
    check(PatternKind.APP, BuiltInRules.DENY_APPS, apps);
    check(PatternKind.TITLE, BuiltInRules.DENY_TITLES, titles);
    // URLs have no second implementation to compare with: their expected decisions, one by one.
    PrivacyPolicy defaults = PrivacyPolicy.defaults();
    assertThat(urls).map(defaults::allowsUrl).containsExactly(false, false, false, false, true, true, false, false, true,
        false, false, true);
    check(PatternKind.PATH, BuiltInRules.DENY_PATHS, paths);
  }

  private static void check(PatternKind kind, List<String> patterns, List<String> values) {
    for (String pattern : patterns) {
      Predicate<String> fast = kind.compile(pattern);
      Predicate<String> plain = plain(kind, pattern);
      for (String value : values) {
        assertThat(fast.test(value)).as(kind + " " + pattern + " on " + value).isEqualTo(plain.test(value));
      }
    }
  }

  /** The same pattern without the literal check in front. */
  private static Predicate<String> plain(PatternKind kind, String source) {
    switch (kind) {
      case APP: {
        com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(Glob.flat(source), com.google.re2j.Pattern.CASE_INSENSITIVE);
        return p::matches;
      }
      case TITLE: {
        com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(source);
        return v -> p.matcher(v).find();
      }
      case PATH: {
        String glob = source.indexOf('/') < 0 ? "**/" + source : source;
        com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(Glob.path(glob));
        return v -> p.matches(PatternKind.normalizePath(v));
      }
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }
}
