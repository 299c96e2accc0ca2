package dev.understudy.core.privacy.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes typed tokens {@code <TYPE:xxxxxxxx>}: the first 8 hex digits of HMAC-SHA256(key, type + ":" +
 * normalized value). The same value gives the same token for as long as the key lives. Any thread.
 */
final class Pseudonyms {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final ThreadLocal<Mac> mac;

  Pseudonyms(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(spec);
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    });
  }

  /** Appends the token for a value of the given type. */
  void append(StringBuilder out, String type, String normalizedValue) {
    Mac m = mac.get();
    m.update(type.getBytes(StandardCharsets.UTF_8));
    m.update((byte) ':');
    byte[] h = m.doFinal(normalizedValue.getBytes(StandardCharsets.UTF_8));
    out.append('<').append(type).append(':');
    for (int i = 0; i < 4; i++) {
      out.append(HEX[(h[i] >> 4) & 0xF]).append(HEX[h[i] & 0xF]);
    }
    out.append('>');
  }

  String token(String type, String normalizedValue) {
    StringBuilder b = new StringBuilder(type.length() + 11);
    append(b, type, normalizedValue);
    return b.toString();
  }
}
