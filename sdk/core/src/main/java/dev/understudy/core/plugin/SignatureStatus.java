package dev.understudy.core.plugin;

import java.util.Objects;

/**
 * How a loaded plugin's archive stood with respect to signatures. Archives that were refused never
 * load; they are in {@link PluginHost#refused()}.
 *
 * @param kind signed by a trusted key, or let in by {@link PluginHost.Options.Builder#allowUnsigned}
 * @param keyFingerprint the signer's fingerprint ({@link PluginKeys#fingerprint}); empty when unsigned
 */
public record SignatureStatus(Kind kind, String keyFingerprint) {

  /** The ways an archive gets loaded. */
  public enum Kind {
    /** Its signature verified with a trusted key. */
    SIGNED,
    /** It has no signature; loaded only because unsigned plugins were allowed for development. */
    UNSIGNED_ALLOWED,
    /** It is signed by a key that is not trusted; loaded only because unsigned plugins were allowed. */
    UNTRUSTED_ALLOWED
  }

  /** Checks both fields. */
  public SignatureStatus {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
  }

  static SignatureStatus signed(String fingerprint) {
    return new SignatureStatus(Kind.SIGNED, fingerprint);
  }

  static SignatureStatus unsignedAllowed() {
    return new SignatureStatus(Kind.UNSIGNED_ALLOWED, "");
  }

  static SignatureStatus untrustedAllowed(String fingerprint) {
    return new SignatureStatus(Kind.UNTRUSTED_ALLOWED, fingerprint);
  }

  /** For people: "signed by key SHA256:...", "unsigned (allowed for development)", ... */
  public String describe() {
    return switch (kind) {
      case SIGNED -> "signed by key " + keyFingerprint;
      case UNSIGNED_ALLOWED -> "unsigned (allowed for development)";
      case UNTRUSTED_ALLOWED -> "signed by untrusted key " + keyFingerprint + " (allowed for development)";
    };
  }
}
