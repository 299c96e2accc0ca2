package dev.understudy.plugins.lsp.nvim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs Neovim headless ({@link HeadlessNeovim}) as a real LSP client whose language server is
 * {@link ProxyMain} in front of pylsp, and keeps what crossed the proxy.
 *
 * <p>Fails (never skips) when Neovim or pylsp is missing, saying how to install them.
 */
final class NeovimHarness {
  /** How long Neovim gets for a whole scenario: 60 seconds. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** What one Neovim run left behind. */
  record Run(int exitCode, String output, Path frames, Path serverBytes, Path editorBytes, Path serverErr) {}

  private final Path dir;

  NeovimHarness(Path dir) {
    this.dir = dir;
  }

  /** Fails with how to install them unless {@code nvim} (0.7 or later) and {@code pylsp} run. */
  static void requireTools() {
    HeadlessNeovim.missing("pylsp").ifPresent(m -> {
      throw new AssertionError(m);
    });
  }

  /** Runs Neovim in {@code dir} (the LSP root) with {@code steps}, as {@link HeadlessNeovim#run} takes them. */
  Run run(String steps) throws IOException, InterruptedException {
    Path logs = Files.createDirectories(dir.resolve(".proxy-logs"));
    Path frames = logs.resolve("frames.log");
    Path serverBytes = logs.resolve("server-bytes");
    Path editorBytes = logs.resolve("editor-bytes");
    Path serverErr = logs.resolve("server-stderr");
    List<String> proxy = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + ProxyMain.FRAMES + "=" + frames,
        "-D" + ProxyMain.SERVER_BYTES + "=" + serverBytes,
        "-D" + ProxyMain.EDITOR_BYTES + "=" + editorBytes,
        "-D" + ProxyMain.SERVER_ERR + "=" + serverErr,
        "-cp", System.getProperty("java.class.path"), ProxyMain.class.getName(), "--", "pylsp");
    HeadlessNeovim.Run run = new HeadlessNeovim(dir, proxy, TIMEOUT).run(steps);
    return new Run(run.exitCode(), run.output(), frames, serverBytes, editorBytes, serverErr);
  }

  static String readIfExists(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : "(none)";
  }
}
