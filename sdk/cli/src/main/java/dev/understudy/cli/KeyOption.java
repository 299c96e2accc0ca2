package dev.understudy.cli;

import dev.understudy.core.store.StoreKey;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The encryption key for sessions at rest: {@code --key-file FILE}, else {@code $UNDERSTUDY_KEY}
 * (base64), else none.
 */
final class KeyOption {

  /** The environment variable holding a base64 key. */
  static final String ENV = "UNDERSTUDY_KEY";

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "Encryption key for sessions at rest: 32 raw bytes or their base64 (make one with 'understudy key generate'). "
          + "Default: $UNDERSTUDY_KEY (base64), else none.")
  Path keyFile;

  /** The key given, or null. */
  StoreKey resolve(Understudy root) {
    if (keyFile != null) {
      try {
        return StoreKey.fromFile(keyFile);
      } catch (NoSuchFileException e) {
        throw new CliException(ExitCodes.NOT_FOUND, "key file " + keyFile + " does not exist");
      } catch (IOException e) {
        throw new CliException(ExitCodes.NOT_FOUND, "cannot read key file " + keyFile + ": " + e.getMessage());
      }
    }
    String env = root.env.get(ENV);
    if (env != null && !env.isBlank()) {
      return StoreKey.fromBase64(env, "$" + ENV);
    }
    return null;
  }
}
