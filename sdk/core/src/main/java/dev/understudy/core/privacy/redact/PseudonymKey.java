package dev.understudy.core.privacy.redact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * Where the HMAC key behind pseudonyms comes from. The key only ever lives in memory; the redactor
 * never writes it, and a record holds only the first 32 bits of an HMAC made with it.
 */
final class PseudonymKey {

  /** Keys shorter than this are refused: 256 bits, the HMAC-SHA256 block size's natural key size. */
  static final int MIN_KEY_BYTES = 32;

  private PseudonymKey() {}

  /** A fresh random key: pseudonyms agree within one redactor (one session) and nowhere else. */
  static byte[] random() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** A deployment key read from a file holding at least 32 bytes in base64 or hex. */
  static byte[] fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("deploymentKeyFile: cannot read " + file + ": " + e.getClass().getSimpleName(), e);
    }
    return decode(text, "deploymentKeyFile " + file);
  }

  /** A deployment key read from an environment variable holding at least 32 bytes in base64 or hex. */
  static byte[] fromEnvironment(String variable, UnaryOperator<String> environment) {
    String text = environment.apply(variable);
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("deploymentKeyEnvironment: variable " + variable + " is not set");
    }
    return decode(text, "deploymentKeyEnvironment " + variable);
  }

  // Messages name where the key came from and never echo any of its text.
  private static byte[] decode(String text, String where) {
    String s = text.strip();
    byte[] key = null;
    if (s.length() % 2 == 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      key = HexFormat.of().parseHex(s);
    } else {
      try {
        key = Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        try {
          key = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e2) {
          throw new IllegalArgumentException(where + ": the key is neither hex nor base64");
        }
      }
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(where + ": the key has " + key.length + " bytes, at least " + MIN_KEY_BYTES + " are needed");
    }
    return key;
  }
}
