package dev.understudy.core.policy;

import dev.understudy.proto.v1.Capability;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the policy denies and allows when no file says otherwise, and what a file extends unless it
 * sets {@code defaults: false}. docs/policy.md lists the same entries; keep them in step.
 */
final class BuiltInRules {

  private BuiltInRules() {}

  /** Password managers and key stores, by app id (case-insensitive globs). */
  static final List<String> DENY_APPS = List.of(
      "*keepass*", "*1password*", "*bitwarden*", "*lastpass*",
      "seahorse", "org.gnome.seahorse*", "*gnome-keyring*", "*kwalletmanager*",
      "*dashlane*", "*enpass*", "pass", "qtpass", "*.qtpass*", "gopass*", "passmenu",
      "org.gnome.World.Secrets", "*gnome-passwordsafe*", "com.apple.keychainaccess",
      "*nordpass*", "*roboform*", "*proton*pass*");

  /** Private and incognito browser windows, by window title (RE2, found anywhere). */
  static final List<String> DENY_TITLES = List.of(
      "(?i)\\bincognito\\b",
      "(?i)private browsing",
      "(?i)\\binprivate\\b",
      "(?i)\\bprivate window\\b");

  /** Banking and payment sites (URL patterns). */
  static final List<String> DENY_URLS = List.of(
      "*bank*",
      "*paypal.*",
      "*.paypal.com",
      "*sparkasse*",
      "*creditunion*",
      "*://*/**/onlinebanking/**",
      "*://*/**/banking/**",
      "*://*/**/netbanking/**");

  /** Files that hold secrets. */
  static final List<String> DENY_PATHS = List.of(
      ".env", ".env.*", "*.pem", "*.key", "*.p12", "*.pfx", "*.kdbx", "id_rsa*", "id_ed25519*", "id_ecdsa*",
      "**/.ssh/**", "**/.gnupg/**", "**/.password-store/**", ".netrc", ".pgpass", "credentials.json");

  /** Capabilities: content and context kept, the most invasive kinds off. */
  static Map<Capability, Boolean> capabilities() {
    Map<Capability, Boolean> m = new EnumMap<>(Capability.class);
    m.put(Capability.CAPABILITY_INTERACTIONS, true);
    m.put(Capability.CAPABILITY_TEXT_CONTENT, true);
    m.put(Capability.CAPABILITY_FILE_NAMES, true);
    m.put(Capability.CAPABILITY_TITLES, true);
    m.put(Capability.CAPABILITY_CLIPBOARD_CONTENT, false);
    m.put(Capability.CAPABILITY_KEYSTROKES, false);
    m.put(Capability.CAPABILITY_SCREENSHOTS, false);
    m.put(Capability.CAPABILITY_SNAPSHOTS, false);
    return m;
  }

  /** How long sessions are kept: 30 days. */
  static final java.time.Duration RETENTION = java.time.Duration.ofDays(30);
}
