package dev.understudy.cli;

import dev.understudy.core.store.StoreKey;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Manages encryption keys for sessions at rest. */
@Command(name = "key", mixinStandardHelpOptions = true,
    description = "Encryption keys for sessions at rest (see docs/PRIVACY.md, 'Encryption at rest').",
    subcommands = KeyCommand.Generate.class)
final class KeyCommand implements Runnable {

  @ParentCommand Understudy root;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(root.out);
  }

  /** Writes a new random key to a file only its owner can read. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {
        "Write a new random AES-256 key (base64) to FILE, readable only by you (permissions 0600),",
        "and print its fingerprint. Record with it: 'understudy record --key-file FILE'.",
        "Keep it safe and apart from the sessions: without it, encrypted sessions cannot be read."
      })
  static final class Generate implements Callable<Integer> {

    @ParentCommand KeyCommand key;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key; must not exist.")
    Path out;

    @Override
    public Integer call() throws IOException {
      Path target = out.toAbsolutePath();
      Path dir = target.getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        throw new CliException(ExitCodes.NOT_FOUND, "cannot write " + target + ": directory " + dir + " does not exist");
      }
      StoreKey generated = StoreKey.generate();
      try {
        create(target);
      } catch (FileAlreadyExistsException e) {
        throw new CliException(ExitCodes.USAGE, target + " exists; a key file is never overwritten (choose another FILE)");
      }
      try (Writer w = Files.newBufferedWriter(target, StandardCharsets.US_ASCII)) {
        w.write(generated.toBase64());
        w.write('\n');
      }
      key.root.out.println("Wrote a new key to " + target + " (fingerprint " + generated.fingerprint() + ")");
      return ExitCodes.OK;
    }

    /** Creates the file with owner-only permissions from the start, where the platform has them. */
    private static void create(Path target) throws IOException {
      if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(target);
      }
    }
  }
}
