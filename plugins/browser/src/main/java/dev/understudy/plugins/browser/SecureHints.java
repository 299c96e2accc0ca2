package dev.understudy.plugins.browser;

import java.util.Locale;

/** The autocomplete tokens that make a field secure, as the recorder judges them (recorder/src/pure.ts). */
final class SecureHints {
  private SecureHints() {}

  /** Whether an autocomplete attribute names a payment card, a password or a one-time code. */
  static boolean isSecureAutocomplete(String autocomplete) {
    for (String token : autocomplete.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
      if (token.startsWith("cc-") || token.equals("current-password") || token.equals("new-password")
          || token.equals("one-time-code")) {
        return true;
      }
    }
    return false;
  }
}
