package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreKeyTest {

  @TempDir Path dir;

  @Test
  void readsRawAndBase64KeyFilesAsTheSameKey() throws Exception {
    StoreKey key = StoreKey.generate();
    byte[] raw = Base64.getDecoder().decode(key.toBase64());
    Path rawFile = Files.write(dir.resolve("raw.key"), raw);
    Path textFile = Files.writeString(dir.resolve("text.key"), "  " + key.toBase64() + "\n");
    assertThat(StoreKey.fromFile(rawFile)).isEqualTo(key);
    assertThat(StoreKey.fromFile(textFile)).isEqualTo(key);
    assertThat(StoreKey.fromBase64(key.toBase64(), "UNDERSTUDY_KEY")).isEqualTo(key);
    assertThat(StoreKey.fromFile(textFile).fingerprint()).isEqualTo(key.fingerprint()).hasSize(16);
  }

  @Test
  void differentKeysHaveDifferentFingerprintsAndToStringNeverShowsTheKey() {
    StoreKey a = StoreKey.generate();
    StoreKey b = StoreKey.generate();
    assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    assertThat(a).isNotEqualTo(b);
    assertThat(a.toString()).isEqualTo("StoreKey[" + a.fingerprint() + "]").doesNotContain(a.toBase64());
  }

  @Test
  void rejectsWhatIsNotAKeyNamingWhereItCameFrom() throws Exception {
    assertThatThrownBy(() -> StoreKey.of(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes, got 16");
    assertThatThrownBy(() -> StoreKey.fromBase64("not base64!", "UNDERSTUDY_KEY"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("UNDERSTUDY_KEY is not a base64 encryption key");
    String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
    assertThatThrownBy(() -> StoreKey.fromBase64(shortKey, "UNDERSTUDY_KEY"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 31 bytes");
    Path big = Files.write(dir.resolve("big.key"), new byte[4096]);
    assertThatThrownBy(() -> StoreKey.fromFile(big))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key file " + big);
    assertThatThrownBy(() -> StoreKey.fromFile(dir.resolve("missing.key"))).isInstanceOf(NoSuchFileException.class);
  }
}
