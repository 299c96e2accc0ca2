package dev.understudy.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The signature of a plugin archive: a small text file next to it, {@code <archive>.sig}.
 *
 * <pre>
 * format: understudy-plugin-signature/1
 * algorithm: Ed25519
 * key: SHA256:4n2f...            (the signer's fingerprint, see {@link PluginKeys#fingerprint})
 * archive: acme-adapter-1.0.jar  (for people; not checked, so renaming the pair is fine)
 * archive-sha256: 9f86d0...      (hex)
 * signature: base64...
 * </pre>
 *
 * <p>The Ed25519 signature is over the bytes of {@code "understudy-plugin-signature/1\n"} followed by
 * the 32 bytes of the archive's SHA-256: the prefix keeps a plugin signature from being mistaken for
 * anything else the same key might sign, and the digest lets the host hash a large archive while it
 * copies it instead of holding it in memory. The host recomputes the digest from the bytes it loads;
 * the {@code archive-sha256} line only lets it say "changed after signing" rather than "does not
 * verify".
 *
 * <p>Stateless and thread-safe.
 */
public final class PluginSignature {

  /** What a signature file's name adds to its archive's. */
  public static final String SUFFIX = ".sig";

  static final String FORMAT = "understudy-plugin-signature/1";

  private PluginSignature() {}

  /** The signature file of this archive: its path with {@value #SUFFIX} appended. */
  public static Path fileOf(Path archive) {
    Objects.requireNonNull(archive, "archive");
    return archive.resolveSibling(archive.getFileName() + SUFFIX);
  }

  /**
   * Signs the archive with the key and writes {@link #fileOf}{@code (archive)}, replacing an older
   * signature (re-signing a rebuilt archive is the usual case). Returns the signature file.
   */
  public static Path sign(Path archive, KeyPair key) throws IOException {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(key, "key");
    if (!Files.isRegularFile(archive)) {
      throw new IllegalArgumentException("archive: not a file: " + archive);
    }
    byte[] digest;
    try (InputStream in = Files.newInputStream(archive)) {
      digest = sha256(in);
    }
    byte[] signature;
    try {
      Signature signer = Signature.getInstance(PluginKeys.ALGORITHM);
      signer.initSign(key.getPrivate());
      signer.update(message(digest));
      signature = signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("key: cannot sign with it (" + e.getMessage() + ")", e);
    }
    String text = "# Understudy plugin signature; see docs/plugin-signing.md\n"
        + "format: " + FORMAT + "\n"
        + "algorithm: " + PluginKeys.ALGORITHM + "\n"
        + "key: " + PluginKeys.fingerprint(key.getPublic()) + "\n"
        + "archive: " + archive.getFileName() + "\n"
        + "archive-sha256: " + HexFormat.of().formatHex(digest) + "\n"
        + "signature: " + Base64.getEncoder().encodeToString(signature) + "\n";
    Path file = fileOf(archive);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** The SHA-256 of everything the stream has left. */
  static byte[] sha256(InputStream in) throws IOException {
    MessageDigest digest = PluginKeys.sha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  /** What is signed: the format line and the archive's digest. */
  static byte[] message(byte[] archiveSha256) {
    byte[] prefix = (FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] message = new byte[prefix.length + archiveSha256.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(archiveSha256, 0, message, prefix.length, archiveSha256.length);
    return message;
  }

  /** Whether the signature over this digest verifies with this key. */
  static boolean verifies(byte[] archiveSha256, byte[] signature, PublicKey key) {
    try {
      Signature verifier = Signature.getInstance(PluginKeys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message(archiveSha256));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A parsed signature file. */
  record Parsed(String keyFingerprint, byte[] archiveSha256, byte[] signature) {}

  /**
   * Parses a signature file's text.
   *
   * @throws IllegalArgumentException saying what is missing or wrong
   */
  static Parsed parse(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\\R")) {
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      int colon = stripped.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("line without 'name: value': " + abbreviate(stripped));
      }
      String name = stripped.substring(0, colon).strip();
      if (fields.putIfAbsent(name, stripped.substring(colon + 1).strip()) != null) {
        throw new IllegalArgumentException("'" + name + "' given twice");
      }
    }
    String format = required(fields, "format");
    if (!format.equals(FORMAT)) {
      throw new IllegalArgumentException("unknown format '" + abbreviate(format) + "' (this host reads " + FORMAT + ")");
    }
    String algorithm = required(fields, "algorithm");
    if (!algorithm.equals(PluginKeys.ALGORITHM)) {
      throw new IllegalArgumentException("unsupported algorithm '" + abbreviate(algorithm) + "' (only " + PluginKeys.ALGORITHM + ")");
    }
    String key = required(fields, "key");
    byte[] digest;
    byte[] signature;
    try {
      digest = HexFormat.of().parseHex(required(fields, "archive-sha256"));
      signature = Base64.getDecoder().decode(required(fields, "signature"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad archive-sha256 or signature value (" + e.getMessage() + ")");
    }
    if (digest.length != 32) {
      throw new IllegalArgumentException("archive-sha256 is not 32 bytes of hex");
    }
    return new Parsed(key, digest, signature);
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("no '" + name + "' line");
    }
    return value;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
