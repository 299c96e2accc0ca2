package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing flow on the command line: keygen, sign, trust, untrust, and what record and plugins refuse. */
class PluginSigningCliTest {

  @TempDir Path home;
  Path jar;

  @BeforeEach
  void installHelloPlugin() throws IOException {
    jar = BundledHelloPlugin.install(home);
  }

  @Test
  void aVendorKeyFlowFromKeygenToTrustToUntrust() throws IOException {
    Path keys = home.resolve("vendor-keys");
    CliRun keygen = CliRun.run(home, "plugins", "keygen", "--out", keys.toString(), "--name", "acme");
    assertThat(keygen.exitCode()).as(keygen.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("acme.key")))).isEqualTo("rw-------");
    String fingerprint = keygen.out().lines().filter(l -> l.startsWith("Fingerprint: ")).findFirst().orElseThrow()
        .substring("Fingerprint: ".length());

    CliRun sign = CliRun.run(home, "plugins", "sign", "--key", keys.resolve("acme.key").toString(), jar.toString());
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    assertThat(sign.out()).contains("hello-adapter.jar.sig", fingerprint);

    CliRun untrusted = CliRun.run(home, "plugins");
    assertThat(untrusted.out()).contains("hello-adapter.jar: refused: signed by key " + fingerprint + ", which is not trusted")
        .doesNotContain("adapter hello");

    CliRun trust = CliRun.run(home, "plugins", "trust", keys.resolve("acme.pub").toString());
    assertThat(trust.exitCode()).as(trust.err()).isZero();
    assertThat(home.resolve("trusted-keys/acme.pub")).exists();
    assertThat(CliRun.run(home, "plugins", "trust", keys.resolve("acme.pub").toString()).out()).contains("Already trusted");
    assertThat(CliRun.run(home, "plugins", "trust", "--list").out()).contains(fingerprint + "  acme.pub", "understudy-demo.pub");
    assertThat(CliRun.run(home, "plugins").out()).contains("signed by key " + fingerprint, "adapter hello");

    CliRun untrust = CliRun.run(home, "plugins", "untrust", fingerprint);
    assertThat(untrust.exitCode()).isZero();
    assertThat(untrust.out()).contains("No longer trusted: " + fingerprint);
    assertThat(CliRun.run(home, "plugins").out()).contains("refused: signed by key " + fingerprint);
  }

  @Test
  void badKeyInputGetsOneClearLine() throws IOException {
    Path keys = home.resolve("k");
    assertThat(CliRun.run(home, "plugins", "keygen", "--out", keys.toString()).exitCode()).isZero();

    CliRun again = CliRun.run(home, "plugins", "keygen", "--out", keys.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.errorLines()).singleElement().asString().contains("plugin-signing.key already exists");
    CliRun privateAsTrust = CliRun.run(home, "plugins", "trust", keys.resolve("plugin-signing.key").toString());
    assertThat(privateAsTrust.exitCode()).isEqualTo(2);
    assertThat(privateAsTrust.errorLines()).singleElement().asString().contains("holds a private key");
    assertThat(home.resolve("trusted-keys/plugin-signing.key.pub")).doesNotExist();
    CliRun publicAsKey = CliRun.run(home, "plugins", "sign", "--key", keys.resolve("plugin-signing.pub").toString(), jar.toString());
    assertThat(publicAsKey.exitCode()).isEqualTo(2);
    assertThat(publicAsKey.errorLines()).singleElement().asString().contains("not a private key file");
    CliRun missingArchive = CliRun.run(home, "plugins", "sign", "--key", keys.resolve("plugin-signing.key").toString(),
        home.resolve("nope.jar").toString());
    assertThat(missingArchive.exitCode()).isEqualTo(3);
    CliRun unknown = CliRun.run(home, "plugins", "untrust", "SHA256:nope");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(CliRun.run(home, "plugins", "trust").exitCode()).isEqualTo(2);
  }

  @Test
  void recordRefusesAnUnsignedPluginUnlessUnsignedAreAllowedForDevelopment() throws IOException {
    Files.delete(jar.resolveSibling("hello-adapter.jar.sig"));
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "hello").exitCode()).isZero();

    CliRun refused = CliRun.run(home, "record", "--duration", "1s", "--set", "adapter.hello.delay-ms=1");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("hello-adapter.jar: refused: not signed; sign it with 'understudy plugins sign'"
        + " and trust the key, or pass --allow-unsigned-plugins for development");

    CliRun allowed = CliRun.run(home, "record", "--allow-unsigned-plugins", "--duration", "1s", "--set", "adapter.hello.delay-ms=1");
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
    assertThat(allowed.err()).contains("warning: --allow-unsigned-plugins");
    assertThat(CliRun.run(home, "plugins", "--allow-unsigned-plugins").out()).contains("unsigned (allowed for development)");
  }

  @Test
  void aTamperedPluginIsRefusedEvenWhenUnsignedAreAllowed() throws IOException {
    byte[] bytes = Files.readAllBytes(jar);
    bytes[bytes.length / 3] ^= 0x20;
    Files.write(jar, bytes);

    CliRun run = CliRun.run(home, "plugins", "--allow-unsigned-plugins");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("hello-adapter.jar: refused: the archive changed after it was signed")
        .doesNotContain("adapter hello");
    CliRun record = CliRun.run(home, "record", "--allow-unsigned-plugins", "--duration", "1s");
    assertThat(record.exitCode()).isEqualTo(2);
    assertThat(Files.exists(home.resolve("sessions"))).as("nothing recorded").isFalse();
  }
}
