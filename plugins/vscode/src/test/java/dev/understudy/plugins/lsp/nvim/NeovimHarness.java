package dev.understudy.plugins.lsp.nvim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Neovim headless as a real LSP client whose language server is {@link ProxyMain} in front of pylsp.
 * Writes an init.lua that starts and attaches the client, and a Lua script that waits for the client, runs
 * the given steps, then stops the client (so the proxy finishes its logs) and quits.
 *
 * <p>Fails (never skips) when Neovim or pylsp is missing, with {@link #MISSING}.
 */
final class NeovimHarness {
  static final String MISSING = "Neovim 0.7 and pylsp are needed: apt-get install -y neovim python3-pylsp";
  /** How long Neovim gets for a whole scenario: 60 seconds. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** What one Neovim run left behind. */
  record Run(int exitCode, String output, Path frames, Path serverBytes, Path editorBytes, Path serverErr) {}

  private final Path dir;

  NeovimHarness(Path dir) {
    this.dir = dir;
  }

  /** Fails with {@link #MISSING} unless {@code nvim} (0.7 or later) and {@code pylsp} run. */
  static void requireTools() {
    String version = output(List.of("nvim", "--version"));
    if (!version.startsWith("NVIM v0.")) {
      throw new AssertionError(MISSING + " (nvim --version said: " + version.lines().findFirst().orElse("") + ")");
    }
    output(List.of("pylsp", "--help"));
  }

  private static String output(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(MISSING + " (" + String.join(" ", command) + " failed: " + out + ")");
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(MISSING + " (" + String.join(" ", command) + ": " + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Runs Neovim in {@code dir} (the LSP root) with {@code steps}: Lua run after the client is initialized,
   * with {@code CLIENT} (the client id), {@code fail(msg)} and {@code step(keys)} (one {@code normal!} command
   * that ends its own undo block) in scope.
   */
  Run run(String steps) throws IOException, InterruptedException {
    Path logs = Files.createDirectories(dir.resolve(".proxy-logs"));
    Run paths = new Run(-1, "", logs.resolve("frames.log"), logs.resolve("server-bytes"),
        logs.resolve("editor-bytes"), logs.resolve("server-stderr"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java,
        "-D" + ProxyMain.FRAMES + "=" + paths.frames(),
        "-D" + ProxyMain.SERVER_BYTES + "=" + paths.serverBytes(),
        "-D" + ProxyMain.EDITOR_BYTES + "=" + paths.editorBytes(),
        "-D" + ProxyMain.SERVER_ERR + "=" + paths.serverErr(),
        "-cp", System.getProperty("java.class.path"), ProxyMain.class.getName(), "--", "pylsp");
    StringBuilder luaCmd = new StringBuilder("{");
    for (String c : cmd) {
      luaCmd.append(lua(c)).append(", ");
    }
    luaCmd.append('}');

    Path init = logs.resolve("init.lua");
    Files.writeString(init, String.join("\n",
        "vim.o.swapfile = false",
        "vim.o.autoindent = false",
        "vim.o.smartindent = false",
        "vim.cmd('filetype on')",
        "vim.cmd('filetype indent off')",
        "vim.cmd('filetype plugin off')",
        "local id = vim.lsp.start_client({name = 'understudy-proxy', cmd = " + luaCmd + ",",
        "  root_dir = " + lua(dir.toString()) + ", flags = {debounce_text_changes = 0}})",
        "_G.understudy_client = id",
        "vim.api.nvim_create_autocmd({'BufReadPost', 'BufNewFile'}, {callback = function(a)",
        "  vim.lsp.buf_attach_client(a.buf, id) end})",
        ""));

    Path script = logs.resolve("script.lua");
    Files.writeString(script, String.join("\n",
        "local CLIENT = _G.understudy_client",
        "local function fail(msg) io.stderr:write('understudy-e2e FAIL: ' .. msg .. '\\n'); vim.cmd('cquit 3') end",
        "local function step(keys) vim.cmd('normal! ' .. keys); vim.o.undolevels = vim.o.undolevels end",
        "if not CLIENT then fail('the LSP client did not start') end",
        "if not vim.wait(30000, function() local c = vim.lsp.get_client_by_id(CLIENT);"
            + " return c ~= nil and c.initialized end, 20) then fail('the LSP client did not initialize') end",
        steps,
        "vim.lsp.stop_client(CLIENT)",
        "if not vim.wait(20000, function() return vim.lsp.get_client_by_id(CLIENT) == nil end, 20) then",
        "  fail('the LSP client did not stop') end",
        "vim.cmd('qa!')",
        ""));

    ProcessBuilder pb = new ProcessBuilder("nvim", "--headless", "-n", "-i", "NONE", "-u", init.toString(),
        "-S", script.toString());
    // Keep Neovim's state and logs (lsp.log) out of the user's home.
    for (String xdg : List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")) {
      pb.environment().put(xdg, Files.createDirectories(logs.resolve(xdg.toLowerCase())).toString());
    }
    Process nvim = pb
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve("nvim-output").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    if (!nvim.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      nvim.descendants().forEach(ProcessHandle::destroyForcibly);
      nvim.destroyForcibly().waitFor();
      throw new AssertionError("Neovim did not finish within " + TIMEOUT + "; output:\n"
          + Files.readString(logs.resolve("nvim-output")) + "\nserver stderr:\n" + readIfExists(paths.serverErr()));
    }
    return new Run(nvim.exitValue(), Files.readString(logs.resolve("nvim-output")), paths.frames(),
        paths.serverBytes(), paths.editorBytes(), paths.serverErr());
  }

  static String readIfExists(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : "(none)";
  }

  private static String lua(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
