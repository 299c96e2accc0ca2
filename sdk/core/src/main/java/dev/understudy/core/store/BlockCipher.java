package dev.understudy.core.store;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over encrypted blocks: a fresh 96-bit random nonce per block, a 128-bit tag, and
 * associated data that binds the block to its place (session id, segment number, the block
 * frame's offset in the segment) so a block copied to another place fails authentication.
 * The summary file's sealed fields use segment number 0, which no segment has.
 *
 * <p>Not thread-safe: one per writer or reader.
 */
final class BlockCipher {

  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  /** Nonce plus tag: what a block adds to its plaintext. */
  static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StoreKey key;
  private final Cipher cipher;
  private final byte[] aad = new byte[SessionId.LENGTH + 4 + 8];
  private final byte[] nonce = new byte[NONCE_BYTES];

  BlockCipher(StoreKey key, SessionId session) {
    this.key = key;
    try {
      this.cipher = Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every Java runtime", e);
    }
    System.arraycopy(session.rawBytes(), 0, aad, 0, SessionId.LENGTH);
  }

  StoreKey key() {
    return key;
  }

  /**
   * Encrypts {@code plain[off, off+len)} into {@code out} at {@code outOff} as nonce, ciphertext and
   * tag ({@code len + OVERHEAD} bytes).
   */
  void seal(byte[] plain, int off, int len, int segment, long blockOffset, byte[] out, int outOff) {
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, outOff, NONCE_BYTES);
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(place(segment, blockOffset));
      cipher.doFinal(plain, off, len, out, outOff + NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts nonce, ciphertext and tag at {@code data[off, off+len)}; null when the tag does not
   * check (wrong key, tampered bytes, or a block moved from another place).
   */
  byte[] open(byte[] data, int off, int len, int segment, long blockOffset) {
    if (len < OVERHEAD) {
      return null;
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, key.secretKey(),
          new GCMParameterSpec(TAG_BYTES * 8, data, off, NONCE_BYTES));
      cipher.updateAAD(place(segment, blockOffset));
      return cipher.doFinal(data, off + NONCE_BYTES, len - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private byte[] place(int segment, long blockOffset) {
    int p = SessionId.LENGTH;
    for (int i = 3; i >= 0; i--) {
      aad[p++] = (byte) (segment >>> (8 * i));
    }
    for (int i = 7; i >= 0; i--) {
      aad[p++] = (byte) (blockOffset >>> (8 * i));
    }
    return aad;
  }
}
