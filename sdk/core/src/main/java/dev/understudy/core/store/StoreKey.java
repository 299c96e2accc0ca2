package dev.understudy.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key that encrypts sessions at rest (see {@link StoreOptions.Builder#encryptionKey}).
 * Sessions name their key by its {@link #fingerprint()}, never by the key itself; {@link #toString()}
 * shows only the fingerprint.
 *
 * <p>A key file holds either the 32 raw bytes or their base64 text (one line; surrounding white
 * space is ignored). Immutable and thread-safe.
 */
public final class StoreKey {

  /** Key length: 32 bytes (AES-256). */
  public static final int LENGTH = 32;
  /** Bytes of the key id written in segment headers: the first 8 of the fingerprint hash. */
  static final int ID_LENGTH = 8;

  private static final byte[] ID_LABEL = "understudy store key id v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;
  private final byte[] id;

  private StoreKey(byte[] raw) {
    this.key = new SecretKeySpec(raw, "AES");
    this.id = Arrays.copyOf(sha256(ID_LABEL, raw), ID_LENGTH);
  }

  /** A key of these 32 bytes (copied). */
  public static StoreKey of(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException("an encryption key is " + LENGTH + " bytes, got " + raw.length);
    }
    return new StoreKey(raw.clone());
  }

  /** A new random key from a {@link SecureRandom}. */
  public static StoreKey generate() {
    byte[] raw = new byte[LENGTH];
    RANDOM.nextBytes(raw);
    return new StoreKey(raw);
  }

  /**
   * The key in base64 text, e.g. from an environment variable.
   *
   * @param origin names where the text came from, for the error message
   * @throws IllegalArgumentException naming {@code origin} when it is not base64 of 32 bytes
   */
  public static StoreKey fromBase64(String text, String origin) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(origin, "origin");
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " is not a base64 encryption key: " + e.getMessage());
    }
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException(origin + " holds " + raw.length + " bytes after base64 decoding; an encryption key is "
          + LENGTH + " bytes (make one with 'understudy key generate')");
    }
    return new StoreKey(raw);
  }

  /**
   * Reads a key file: 32 raw bytes, or their base64 text.
   *
   * @throws NoSuchFileException when the file does not exist
   * @throws IllegalArgumentException naming the file when it holds neither
   */
  public static StoreKey fromFile(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] content = Files.readAllBytes(file);
    if (content.length == LENGTH) {
      return new StoreKey(content);
    }
    if (content.length > 1024) {
      throw new IllegalArgumentException("key file " + file + " holds " + content.length
          + " bytes; a key file holds 32 raw bytes or their base64 text");
    }
    return fromBase64(new String(content, StandardCharsets.US_ASCII), "key file " + file);
  }

  /** The key as base64 text, for writing a key file. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Names the key without revealing it: 16 hex digits of a SHA-256 over a label and the key. */
  public String fingerprint() {
    return HexFormat.of().formatHex(id);
  }

  SecretKey secretKey() {
    return key;
  }

  /** The raw key id; callers in this package must not modify it. */
  byte[] id() {
    return id;
  }

  static String fingerprint(byte[] id) {
    return HexFormat.of().formatHex(id);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreKey k && MessageDigest.isEqual(k.key.getEncoded(), key.getEncoded());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(id);
  }

  /** {@code StoreKey[fingerprint]}: never the key. */
  @Override
  public String toString() {
    return "StoreKey[" + fingerprint() + "]";
  }

  private static byte[] sha256(byte[] label, byte[] raw) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(label);
      d.update(raw);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
