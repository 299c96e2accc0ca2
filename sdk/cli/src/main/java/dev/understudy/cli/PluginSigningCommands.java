package dev.understudy.cli;

import dev.understudy.core.plugin.PluginKeys;
import dev.understudy.core.plugin.PluginSignature;
import dev.understudy.core.plugin.TrustedKeys;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The signing flow of {@code understudy plugins}: a vendor runs {@code keygen} once and {@code sign}
 * in their build; a person runs {@code trust} with the vendor's public key. See docs/plugin-signing.md.
 */
final class PluginSigningCommands {

  private PluginSigningCommands() {}

  /** {@code plugins keygen}: a new Ed25519 signing key pair. */
  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = {"Create an Ed25519 key pair for signing plugins: NAME.key (private, owner-only; keep it secret)",
          "and NAME.pub (public; give it to the people who install your plugins)."})
  static final class Keygen implements Callable<Integer> {

    @ParentCommand PluginsCommand plugins;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write the keys to (created if absent).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Base name of the key files (default: ${DEFAULT-VALUE}).")
    String name = "plugin-signing";

    @Override
    public Integer call() throws IOException {
      Understudy root = plugins.root;
      if (name.isBlank() || name.contains("/") || name.contains("\\")) {
        throw new CliException(ExitCodes.USAGE, "--name: a plain file name, not '" + name + "'");
      }
      Files.createDirectories(out);
      Path privateKey = out.resolve(name + ".key");
      Path publicKey = out.resolve(name + TrustedKeys.PUBLIC_KEY_SUFFIX);
      for (Path existing : List.of(privateKey, publicKey)) {
        if (Files.exists(existing)) {
          throw new CliException(ExitCodes.USAGE, existing + " already exists; keys are never overwritten");
        }
      }
      KeyPair pair = PluginKeys.generate();
      PluginKeys.writePrivateKey(pair, privateKey);
      PluginKeys.writePublicKey(pair.getPublic(), publicKey);
      root.out.println("Private key: " + privateKey + "  (owner-only; keep it secret, sign with it)");
      root.out.println("Public key:  " + publicKey + "  (publish it; people trust it with 'understudy plugins trust')");
      root.out.println("Fingerprint: " + PluginKeys.fingerprint(pair.getPublic()));
      return ExitCodes.OK;
    }
  }

  /** {@code plugins sign}: writes ARCHIVE.sig beside each archive. */
  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Sign plugin archives: writes ARCHIVE.sig beside each, replacing an older signature.")
  static final class Sign implements Callable<Integer> {

    @ParentCommand PluginsCommand plugins;

    @Option(names = "--key", paramLabel = "PRIVATE_KEY", required = true, description = "The NAME.key file from 'plugins keygen'.")
    Path key;

    @Parameters(paramLabel = "ARCHIVE", arity = "1..*", description = "Plugin jars or zips.")
    List<Path> archives = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      Understudy root = plugins.root;
      if (!Files.isReadable(key)) {
        throw new CliException(ExitCodes.NOT_FOUND, "cannot read key " + key);
      }
      KeyPair pair = PluginKeys.readKeyPair(key);
      for (Path archive : archives) {
        if (!Files.isRegularFile(archive)) {
          throw new CliException(ExitCodes.NOT_FOUND, "no archive " + archive);
        }
      }
      for (Path archive : archives) {
        Path sig = PluginSignature.sign(archive, pair);
        root.out.println("Signed " + archive + " -> " + sig.getFileName() + " (key " + PluginKeys.fingerprint(pair.getPublic()) + ")");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code plugins trust}: copies a public key into the home's trusted keys, or lists them. */
  @Command(name = "trust", mixinStandardHelpOptions = true,
      description = {"Trust plugins signed by this public key: copies it into <home>/" + PluginTrust.TRUSTED_KEYS + ".",
          "Only trust a key you got from its vendor by a channel you trust; compare its fingerprint with theirs."})
  static final class Trust implements Callable<Integer> {

    @ParentCommand PluginsCommand plugins;
    @Mixin HomeOption homeOption;

    @Option(names = "--list", description = "List the trusted keys instead.")
    boolean list;

    @Parameters(paramLabel = "PUBLIC_KEY", arity = "0..1", description = "A public key file (NAME.pub).")
    Path key;

    @Override
    public Integer call() throws IOException {
      Understudy root = plugins.root;
      Path dir = PluginTrust.trustedKeysDirectory(plugins.home(homeOption));
      if (list == (key != null)) {
        throw new CliException(ExitCodes.USAGE, "give either a PUBLIC_KEY file or --list");
      }
      if (list) {
        List<Path> files = keyFiles(dir);
        if (files.isEmpty()) {
          root.out.println("No trusted plugin keys in " + dir);
        }
        for (Path file : files) {
          root.out.println(PluginKeys.fingerprint(PluginKeys.readPublicKey(file)) + "  " + file.getFileName());
        }
        return ExitCodes.OK;
      }
      if (!Files.isReadable(key)) {
        throw new CliException(ExitCodes.NOT_FOUND, "cannot read key " + key);
      }
      PublicKey publicKey = PluginKeys.readPublicKey(key);
      String fingerprint = PluginKeys.fingerprint(publicKey);
      for (Path existing : keyFiles(dir)) {
        if (PluginKeys.fingerprint(PluginKeys.readPublicKey(existing)).equals(fingerprint)) {
          root.out.println("Already trusted: " + fingerprint + " (" + existing.getFileName() + ")");
          return ExitCodes.OK;
        }
      }
      String name = key.getFileName().toString();
      Path target = dir.resolve(name.endsWith(TrustedKeys.PUBLIC_KEY_SUFFIX) ? name : name + TrustedKeys.PUBLIC_KEY_SUFFIX);
      Files.createDirectories(dir);
      try {
        PluginKeys.writePublicKey(publicKey, target);
      } catch (FileAlreadyExistsException e) {
        throw new CliException(ExitCodes.USAGE, "a different key is already trusted as " + target.getFileName()
            + "; rename the file or 'understudy plugins untrust " + target.getFileName() + "' first");
      }
      root.out.println("Trusted " + fingerprint + " as " + target);
      return ExitCodes.OK;
    }
  }

  /** {@code plugins untrust}: removes a trusted key by fingerprint or file name. */
  @Command(name = "untrust", mixinStandardHelpOptions = true,
      description = "Stop trusting a key: removes it from <home>/" + PluginTrust.TRUSTED_KEYS + ". Plugins it signed are refused from then on.")
  static final class Untrust implements Callable<Integer> {

    @ParentCommand PluginsCommand plugins;
    @Mixin HomeOption homeOption;

    @Parameters(paramLabel = "KEY", description = "The key's fingerprint (SHA256:...) or its file name in the trusted keys.")
    String which;

    @Override
    public Integer call() throws IOException {
      Understudy root = plugins.root;
      Path dir = PluginTrust.trustedKeysDirectory(plugins.home(homeOption));
      int removed = 0;
      for (Path file : keyFiles(dir)) {
        String fingerprint = PluginKeys.fingerprint(PluginKeys.readPublicKey(file));
        if (file.getFileName().toString().equals(which) || fingerprint.equals(which)) {
          Files.delete(file);
          root.out.println("No longer trusted: " + fingerprint + " (" + file.getFileName() + ")");
          removed++;
        }
      }
      if (removed == 0) {
        throw new CliException(ExitCodes.NOT_FOUND, "no trusted key '" + which + "' in " + dir
            + "; see 'understudy plugins trust --list'");
      }
      return ExitCodes.OK;
    }
  }

  private static List<Path> keyFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(TrustedKeys.PUBLIC_KEY_SUFFIX)).sorted().toList();
    }
  }
}
