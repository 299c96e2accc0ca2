package dev.understudy.core.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Decides whether an archive may load, from its signature file and the digest of the bytes the host
 * is about to load (never from the file in the plugins directory, which could change in between).
 *
 * <ul>
 *   <li>a signature that verifies with a trusted key: {@link SignatureStatus.Kind#SIGNED};
 *   <li>no signature, or a signature by a key that is not trusted: refused, unless unsigned plugins
 *       are allowed for development;
 *   <li>a signature file that cannot be read, does not match the archive, or does not verify with
 *       the trusted key it names: always refused, because that is what tampering looks like.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class SignatureCheck {

  static final String NOT_SIGNED = "not signed; sign it with 'understudy plugins sign' and trust the key,"
      + " or pass --allow-unsigned-plugins for development";

  private final TrustedKeys trusted;
  private final boolean allowUnsigned;

  SignatureCheck(TrustedKeys trusted, boolean allowUnsigned) {
    this.trusted = trusted;
    this.allowUnsigned = allowUnsigned;
  }

  /**
   * The status of the archive whose signature file is {@code signatureFile}.
   *
   * @throws RefusedArchiveException saying why it may not load
   */
  SignatureStatus check(Path signatureFile, byte[] archiveSha256) {
    String sigName = signatureFile.getFileName().toString();
    String text;
    try {
      text = Files.readString(signatureFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (allowUnsigned) {
        return SignatureStatus.unsignedAllowed();
      }
      throw new RefusedArchiveException(NOT_SIGNED);
    } catch (IOException e) {
      throw new RefusedArchiveException("cannot read its signature " + sigName + " (" + Reasons.of(e) + ")");
    }
    PluginSignature.Parsed parsed;
    try {
      parsed = PluginSignature.parse(text);
    } catch (IllegalArgumentException e) {
      throw new RefusedArchiveException("its signature " + sigName + " is malformed: " + e.getMessage());
    }
    if (!MessageDigest.isEqual(parsed.archiveSha256(), archiveSha256)) {
      throw new RefusedArchiveException("the archive changed after it was signed (its SHA-256 differs from "
          + sigName + "); re-sign it, or replace it with the archive its vendor signed");
    }
    Optional<PublicKey> key = trusted.find(parsed.keyFingerprint());
    if (key.isEmpty()) {
      if (allowUnsigned) {
        return SignatureStatus.untrustedAllowed(parsed.keyFingerprint());
      }
      throw new RefusedArchiveException("signed by key " + parsed.keyFingerprint() + ", which is not trusted;"
          + " if you trust its vendor, run 'understudy plugins trust' with their public key");
    }
    if (!PluginSignature.verifies(archiveSha256, parsed.signature(), key.get())) {
      throw new RefusedArchiveException("signature does not verify with trusted key " + parsed.keyFingerprint()
          + ": the archive or " + sigName + " was altered");
    }
    return SignatureStatus.signed(parsed.keyFingerprint());
  }
}
