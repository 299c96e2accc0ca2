package dev.understudy.core.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys for signing plugins: generating them, the files they live in, and their fingerprints.
 *
 * <p>Files are PEM, as OpenSSL writes them. A signing key file holds the PKCS#8 private key
 * ({@code -----BEGIN PRIVATE KEY-----}) followed by its public key, and is written owner-only (0600
 * where the file system has POSIX permissions); a public key file holds the X.509
 * SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}). A key is named by its
 * fingerprint, {@code SHA256:} and the unpadded base64 of the SHA-256 of its X.509 encoding, the way
 * {@code ssh-keygen -l} names keys.
 *
 * <p>Stateless and thread-safe.
 */
public final class PluginKeys {

  /** The signature algorithm, as the JDK names it (Java 15 and later). */
  public static final String ALGORITHM = "Ed25519";

  private static final String PRIVATE_LABEL = "PRIVATE KEY";
  private static final String PUBLIC_LABEL = "PUBLIC KEY";
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private PluginKeys() {}

  /** A new Ed25519 key pair from the JDK's default secure random source. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no " + ALGORITHM + " (Java 15 or later is needed)", e);
    }
  }

  /**
   * Writes the key pair as PEM to a new file readable only by its owner: the private key, then the
   * public key, so that {@link #readKeyPair} can name the signer without a second file.
   *
   * @throws FileAlreadyExistsException if the file exists: a key is never overwritten
   */
  public static void writePrivateKey(KeyPair keyPair, Path file) throws IOException {
    Objects.requireNonNull(keyPair, "keyPair");
    Objects.requireNonNull(file, "file");
    byte[] privatePem = pem(PRIVATE_LABEL, keyPair.getPrivate().getEncoded());
    byte[] publicPem = pem(PUBLIC_LABEL, keyPair.getPublic().getEncoded());
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // Created with 0600, never readable by others even for a moment.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(privatePem);
      out.write(publicPem);
    }
  }

  /**
   * Writes the public key as PEM to a new file.
   *
   * @throws FileAlreadyExistsException if the file exists
   */
  public static void writePublicKey(PublicKey key, Path file) throws IOException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(file, "file");
    Files.write(file, pem(PUBLIC_LABEL, key.getEncoded()), StandardOpenOption.CREATE_NEW);
  }

  /**
   * Reads a signing key file as {@link #writePrivateKey} writes it: a PKCS#8 private key followed by
   * its public key (an OpenSSL key works once {@code openssl pkey -pubout} output is appended).
   *
   * @throws IllegalArgumentException naming the file when it holds no Ed25519 private key, no public
   *     key, or a public key that is not the private key's
   */
  public static KeyPair readKeyPair(Path file) throws IOException {
    Map<String, byte[]> blocks = blocks(file);
    byte[] privateDer = blocks.get(PRIVATE_LABEL);
    if (privateDer == null) {
      throw new IllegalArgumentException(file + ": not a private key file (expected -----BEGIN " + PRIVATE_LABEL + "-----)");
    }
    PrivateKey privateKey;
    try {
      privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(privateDer));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not an " + ALGORITHM + " private key (" + e.getMessage() + ")");
    }
    byte[] publicDer = blocks.get(PUBLIC_LABEL);
    if (publicDer == null) {
      throw new IllegalArgumentException(file + ": has no public key after the private key;"
          + " write keys with 'understudy plugins keygen'");
    }
    PublicKey publicKey = publicKey(publicDer, file.toString());
    if (!matches(privateKey, publicKey)) {
      throw new IllegalArgumentException(file + ": its public key does not belong to its private key");
    }
    return new KeyPair(publicKey, privateKey);
  }

  /**
   * Reads an Ed25519 public key file.
   *
   * @throws IllegalArgumentException naming the file when it holds no Ed25519 public key
   */
  public static PublicKey readPublicKey(Path file) throws IOException {
    Map<String, byte[]> blocks = blocks(file);
    if (blocks.containsKey(PRIVATE_LABEL)) {
      // Refuse rather than ignore: a private key copied into a trust store is a leak to point out.
      throw new IllegalArgumentException(file + ": holds a private key; give the public key (.pub) instead");
    }
    byte[] der = blocks.get(PUBLIC_LABEL);
    if (der == null) {
      throw new IllegalArgumentException(file + ": not a public key file (expected -----BEGIN " + PUBLIC_LABEL + "-----)");
    }
    return publicKey(der, file.toString());
  }

  /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the key's X.509 encoding. */
  public static String fingerprint(PublicKey key) {
    Objects.requireNonNull(key, "key");
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256().digest(key.getEncoded()));
  }

  static PublicKey publicKey(byte[] der, String source) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(source + ": not an " + ALGORITHM + " public key (" + e.getMessage() + ")");
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      byte[] probe = "understudy key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The PEM blocks of the file by label; the first of each label wins. */
  private static Map<String, byte[]> blocks(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    // Latin-1 decodes any bytes, so a binary file gets "not a ... key file", not a charset error.
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    Map<String, byte[]> blocks = new HashMap<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      try {
        blocks.putIfAbsent(m.group(1), Base64.getMimeDecoder().decode(m.group(2)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": bad base64 in its " + m.group(1).toLowerCase(Locale.ROOT)
            + " (" + e.getMessage() + ")");
      }
    }
    return blocks;
  }

  private static byte[] pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
  }
}
