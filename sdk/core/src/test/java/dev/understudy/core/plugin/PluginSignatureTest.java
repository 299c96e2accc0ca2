package dev.understudy.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.plugin.fixture.EchoAdapterProvider;
import dev.understudy.core.plugin.fixture.ListSinkProvider;
import dev.understudy.core.plugin.fixture.LoadFlagPlugin;
import dev.understudy.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host refuses archives that are unsigned, signed by an untrusted key, or tampered with. */
class PluginSignatureTest {

  private static final KeyPair VENDOR = PluginKeys.generate();
  private static final KeyPair STRANGER = PluginKeys.generate();

  @TempDir Path dir;

  private PluginHost host;

  @AfterEach
  void closeHost() {
    if (host != null) {
      host.close();
    }
    System.clearProperty(LoadFlagPlugin.PROPERTY);
  }

  private PluginHost load(boolean allowUnsigned) {
    host = PluginHost.load(dir, PluginHost.Options.builder()
        .trustedKeys(TrustedKeys.of(VENDOR.getPublic()))
        .allowUnsigned(allowUnsigned)
        .build());
    return host;
  }

  private Path signedEcho() {
    return PluginJarBuilder.plugin("echo-plugin", "1.0.0").extension(EchoAdapterProvider.class).signedWith(VENDOR)
        .buildJar(dir);
  }

  /** A plugin whose class would set a property if any of its code ran. */
  private PluginJarBuilder flagged(String id) {
    return PluginJarBuilder.plugin(id, "1.0.0").pluginClass(LoadFlagPlugin.class).extension(ListSinkProvider.class)
        .fileName(id);
  }

  @Test
  void loadsJarsAndZipsSignedByATrustedKeyAndSaysWhoSignedThem() {
    signedEcho();
    PluginJarBuilder.plugin("zipped", "1.0.0").extension(ListSinkProvider.class).signedWith(VENDOR).buildZip(dir);

    load(false);

    assertThat(host.problems()).isEmpty();
    assertThat(host.adapter("echo").pluginId()).isEqualTo("echo-plugin");
    assertThat(host.sink("list").pluginId()).isEqualTo("zipped");
    String fingerprint = PluginKeys.fingerprint(VENDOR.getPublic());
    assertThat(host.plugins()).allSatisfy(p -> {
      assertThat(p.signature()).isEqualTo(new SignatureStatus(SignatureStatus.Kind.SIGNED, fingerprint));
      assertThat(p.signature().describe()).isEqualTo("signed by key " + fingerprint);
    });
  }

  @Test
  void refusesAnUnsignedArchiveWithoutRunningItsCodeAndLoadsTheOthers() {
    signedEcho();
    flagged("hello-adapter").buildJar(dir);

    load(false);

    assertThat(host.problems()).extracting(PluginProblem::toString).containsExactly(
        "hello-adapter.jar: refused: not signed; sign it with 'understudy plugins sign' and trust the key,"
            + " or pass --allow-unsigned-plugins for development");
    assertThat(host.refused()).isEqualTo(host.problems());
    assertThat(System.getProperty(LoadFlagPlugin.PROPERTY)).as("no class of a refused plugin is loaded").isNull();
    assertThat(host.plugins()).extracting(PluginSummary::id).containsExactly("echo-plugin");
    assertThat(host.adapters()).hasSize(1);
  }

  @Test
  void theDefaultOptionsRequireSignaturesAndTrustNoKey() {
    signedEcho();

    host = PluginHost.load(dir);

    assertThat(host.refused()).singleElement().satisfies(p ->
        assertThat(p.reason()).startsWith("refused: signed by key " + PluginKeys.fingerprint(VENDOR.getPublic())
            + ", which is not trusted"));
    assertThat(host.plugins()).isEmpty();
  }

  @Test
  void refusesAnArchiveSignedByAnUntrustedKey() {
    flagged("stranger").signedWith(STRANGER).buildJar(dir);

    load(false);

    assertThat(host.refused()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("stranger.jar");
      assertThat(p.reason()).isEqualTo("refused: signed by key " + PluginKeys.fingerprint(STRANGER.getPublic())
          + ", which is not trusted; if you trust its vendor, run 'understudy plugins trust' with their public key");
    });
    assertThat(System.getProperty(LoadFlagPlugin.PROPERTY)).isNull();
  }

  @Test
  void refusesAnArchiveChangedAfterSigningEvenWhenUnsignedAreAllowed() throws IOException {
    Path jar = flagged("tampered").signedWith(VENDOR).buildJar(dir);
    byte[] bytes = Files.readAllBytes(jar);
    bytes[bytes.length / 2] ^= 1;
    Files.write(jar, bytes);

    load(true);

    assertThat(host.refused()).singleElement().satisfies(p ->
        assertThat(p.reason()).startsWith("refused: the archive changed after it was signed"));
    assertThat(System.getProperty(LoadFlagPlugin.PROPERTY)).isNull();
  }

  @Test
  void refusesASignatureThatDoesNotVerifyEvenWhenItsDigestLineWasFixedUp() throws IOException {
    // The attacker changes the jar and rewrites archive-sha256 to match, but cannot re-sign.
    Path jar = flagged("forged").signedWith(VENDOR).buildJar(dir);
    Path original = Files.copy(jar, dir.resolve("original.bin"));
    Files.delete(jar.resolveSibling("forged.jar.sig"));
    PluginJarBuilder.plugin("forged", "6.6.6").pluginClass(LoadFlagPlugin.class).fileName("forged").signedWith(STRANGER)
        .buildJar(dir);
    String forgedSig = Files.readString(dir.resolve("forged.jar.sig"));
    String originalSig = signatureLine(sigOf(original, VENDOR));
    Files.writeString(dir.resolve("forged.jar.sig"), forgedSig
        .replace(PluginKeys.fingerprint(STRANGER.getPublic()), PluginKeys.fingerprint(VENDOR.getPublic()))
        .replace(signatureLine(forgedSig), originalSig));
    Files.delete(original);

    load(true);

    assertThat(host.refused()).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo(
        "refused: signature does not verify with trusted key " + PluginKeys.fingerprint(VENDOR.getPublic())
            + ": the archive or forged.jar.sig was altered"));
    assertThat(System.getProperty(LoadFlagPlugin.PROPERTY)).isNull();
  }

  @Test
  void refusesAMalformedSignatureFileSayingWhatIsWrong() throws IOException {
    signedEcho();
    flagged("garbled").buildJar(dir);
    Files.writeString(dir.resolve("garbled.jar.sig"), "format: understudy-plugin-signature/1\nalgorithm: RSA\n");

    load(true);

    assertThat(host.refused()).singleElement().satisfies(p -> assertThat(p.reason())
        .isEqualTo("refused: its signature garbled.jar.sig is malformed: unsupported algorithm 'RSA' (only Ed25519)"));
    assertThat(host.adapters()).hasSize(1);
  }

  @Test
  void allowUnsignedLoadsUnsignedAndUntrustedArchivesAndSaysSo() {
    PluginJarBuilder.plugin("unsigned", "1.0.0").extension(EchoAdapterProvider.class).buildJar(dir);
    PluginJarBuilder.plugin("stranger", "1.0.0").extension(ListSinkProvider.class).signedWith(STRANGER).buildJar(dir);

    load(true);

    assertThat(host.problems()).isEmpty();
    assertThat(host.plugin("unsigned").signature().describe()).isEqualTo("unsigned (allowed for development)");
    assertThat(host.plugin("stranger").signature()).isEqualTo(
        new SignatureStatus(SignatureStatus.Kind.UNTRUSTED_ALLOWED, PluginKeys.fingerprint(STRANGER.getPublic())));
  }

  @Test
  void aSignatureStillVerifiesWhenTheArchiveAndItsSignatureAreRenamedTogether() throws IOException {
    Path jar = signedEcho();
    Files.move(jar, dir.resolve("renamed.jar"));
    Files.move(PluginSignature.fileOf(jar), dir.resolve("renamed.jar.sig"));

    load(false);

    assertThat(host.problems()).isEmpty();
    assertThat(host.plugin("echo-plugin").file()).isEqualTo("renamed.jar");
  }

  @Test
  void readsTrustedKeysFromADirectoryAndRefusesADamagedOne() throws IOException {
    Path keys = Files.createDirectory(dir.resolve("keys"));
    PluginKeys.writePublicKey(VENDOR.getPublic(), keys.resolve("vendor.pub"));
    Files.writeString(keys.resolve("notes.txt"), "ignored");
    signedEcho();

    host = PluginHost.load(dir, PluginHost.Options.builder().trustedKeysDirectory(keys).build());
    assertThat(host.problems()).isEmpty();
    assertThat(PluginHost.Options.builder().trustedKeysDirectory(dir.resolve("absent")).build().trustedKeys().isEmpty())
        .isTrue();

    Files.writeString(keys.resolve("broken.pub"), "not a key");
    assertThatThrownBy(() -> PluginHost.Options.builder().trustedKeysDirectory(keys))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trusted key ").hasMessageContaining("broken.pub");
  }

  @Test
  void signsWithTheCoreSignerToo() throws IOException {
    Path jar = PluginJarBuilder.plugin("echo-plugin", "1.0.0").extension(EchoAdapterProvider.class).buildJar(dir);
    Path sig = PluginSignature.sign(jar, VENDOR);

    assertThat(sig).isEqualTo(dir.resolve("echo-plugin-1.0.0.jar.sig"));
    load(false);
    assertThat(host.problems()).isEmpty();
    assertThat(host.plugin("echo-plugin").signature().kind()).isEqualTo(SignatureStatus.Kind.SIGNED);
  }

  private Path sigOf(Path archive, KeyPair key) throws IOException {
    PluginSignature.sign(archive, key);
    return PluginSignature.fileOf(archive);
  }

  private static String signatureLine(Path sig) throws IOException {
    return signatureLine(Files.readString(sig, StandardCharsets.UTF_8));
  }

  private static String signatureLine(String text) {
    String line = text.lines().filter(l -> l.startsWith("signature: ")).findFirst().orElseThrow();
    assertThat(Base64.getDecoder().decode(line.substring("signature: ".length()))).hasSize(64);
    return line;
  }
}
