package dev.understudy.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The public keys whose plugin signatures the host accepts, by fingerprint. Immutable and
 * thread-safe.
 *
 * <p>A trusted-keys directory holds one PEM public key per {@code *.pub} file (what
 * {@code understudy plugins trust} copies there); other files are ignored.
 */
public final class TrustedKeys {

  /** The file name ending of a public key in a trusted-keys directory. */
  public static final String PUBLIC_KEY_SUFFIX = ".pub";

  private static final TrustedKeys NONE = new TrustedKeys(Map.of());

  private final Map<String, PublicKey> byFingerprint;

  private TrustedKeys(Map<String, PublicKey> byFingerprint) {
    this.byFingerprint = Map.copyOf(byFingerprint);
  }

  /** No trusted keys: every signature is from an untrusted key. */
  public static TrustedKeys none() {
    return NONE;
  }

  /** Exactly these keys. */
  public static TrustedKeys of(PublicKey... keys) {
    Objects.requireNonNull(keys, "keys");
    Map<String, PublicKey> map = new LinkedHashMap<>();
    for (PublicKey key : keys) {
      Objects.requireNonNull(key, "keys[]");
      PluginKeys.publicKey(key.getEncoded(), "keys[]"); // only Ed25519 keys can be trusted
      map.put(PluginKeys.fingerprint(key), key);
    }
    return new TrustedKeys(map);
  }

  /**
   * Every {@code *.pub} key in the directory; none when the directory does not exist.
   *
   * @throws IllegalArgumentException naming the file, when one is not an Ed25519 public key: a
   *     damaged trust store is a configuration error, not something to skip silently
   * @throws UncheckedIOException if the directory or a key cannot be read
   */
  public static TrustedKeys fromDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.exists(directory)) {
      return NONE;
    }
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("trusted keys: not a directory: " + directory);
    }
    try (Stream<Path> files = Files.list(directory)) {
      Path[] keys = files.filter(f -> f.getFileName().toString().endsWith(PUBLIC_KEY_SUFFIX)).sorted().toArray(Path[]::new);
      Map<String, PublicKey> map = new LinkedHashMap<>();
      for (Path file : keys) {
        PublicKey key;
        try {
          key = PluginKeys.readPublicKey(file);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("trusted key " + e.getMessage(), e);
        }
        map.put(PluginKeys.fingerprint(key), key);
      }
      return new TrustedKeys(map);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trusted keys in " + directory, e);
    }
  }

  /** The key with this fingerprint, if trusted. */
  public Optional<PublicKey> find(String fingerprint) {
    return Optional.ofNullable(byFingerprint.get(Objects.requireNonNull(fingerprint, "fingerprint")));
  }

  /** The fingerprints of every trusted key. */
  public Set<String> fingerprints() {
    return byFingerprint.keySet();
  }

  /** Whether no key is trusted. */
  public boolean isEmpty() {
    return byFingerprint.isEmpty();
  }

  @Override
  public String toString() {
    return "TrustedKeys" + Arrays.toString(byFingerprint.keySet().stream().sorted().toArray());
  }
}
