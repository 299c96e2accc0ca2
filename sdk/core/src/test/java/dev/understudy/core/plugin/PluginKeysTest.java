package dev.understudy.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginKeysTest {

  @TempDir Path dir;

  @Test
  void writesAPrivateKeyOwnerOnlyAndReadsBothKeysBack() throws IOException {
    KeyPair pair = PluginKeys.generate();
    Path key = dir.resolve("vendor.key");
    Path pub = dir.resolve("vendor.pub");

    PluginKeys.writePrivateKey(pair, key);
    PluginKeys.writePublicKey(pair.getPublic(), pub);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n").contains("-----BEGIN PUBLIC KEY-----");
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n").doesNotContain("PRIVATE");
    KeyPair read = PluginKeys.readKeyPair(key);
    assertThat(read.getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    assertThat(PluginKeys.fingerprint(read.getPublic())).isEqualTo(PluginKeys.fingerprint(pair.getPublic()));
    assertThat(PluginKeys.fingerprint(PluginKeys.readPublicKey(pub))).isEqualTo(PluginKeys.fingerprint(pair.getPublic()));
    assertThat(PluginKeys.fingerprint(pair.getPublic())).matches("SHA256:[A-Za-z0-9+/]{43}");
  }

  @Test
  void neverOverwritesAKey() throws IOException {
    Path key = dir.resolve("vendor.key");
    PluginKeys.writePrivateKey(PluginKeys.generate(), key);
    String before = Files.readString(key);

    assertThatThrownBy(() -> PluginKeys.writePrivateKey(PluginKeys.generate(), key))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(key)).isEqualTo(before);
  }

  @Test
  void rejectsFilesThatAreNotTheKeyAskedForNamingTheFile() throws IOException {
    KeyPair pair = PluginKeys.generate();
    Path key = dir.resolve("vendor.key");
    Path pub = dir.resolve("vendor.pub");
    PluginKeys.writePrivateKey(pair, key);
    PluginKeys.writePublicKey(pair.getPublic(), pub);
    Path garbage = Files.write(dir.resolve("garbage.pub"), new byte[] {(byte) 0xff, 0, 1, 2});
    Path other = dir.resolve("other.pub");
    PluginKeys.writePublicKey(PluginKeys.generate().getPublic(), other);
    Path mismatched = Files.writeString(dir.resolve("mismatched.key"),
        Files.readString(key).substring(0, Files.readString(key).indexOf("-----BEGIN PUBLIC")) + Files.readString(other));

    assertThatThrownBy(() -> PluginKeys.readPublicKey(key))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(key + ": holds a private key; give the public key (.pub) instead");
    assertThatThrownBy(() -> PluginKeys.readKeyPair(pub))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(pub + ": not a private key file");
    assertThatThrownBy(() -> PluginKeys.readPublicKey(garbage))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(garbage + ": not a public key file");
    assertThatThrownBy(() -> PluginKeys.readKeyPair(mismatched))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(mismatched + ": its public key does not belong to its private key");
  }
}
