package dev.understudy.plugins.lsp.capture.nvim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Neovim 0.7 headless, with its built-in LSP client attached to every buffer and started with a given
 * command, running a Lua script. Fails (never skips) when Neovim is missing. Kills what it started, also on
 * timeout.
 */
final class HeadlessNeovim {
  static final String MISSING = "Neovim 0.7 or later is needed: apt-get install -y neovim";
  private static final long TIMEOUT_SECONDS = 90;

  private HeadlessNeovim() {}

  /** The exit code and everything Neovim printed. */
  record Outcome(int exitCode, String output) {}

  static void require() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("nvim", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("NVIM v0.")) {
        p.destroyForcibly();
        throw new AssertionError(MISSING + " (nvim --version: " + out.lines().findFirst().orElse("") + ")");
      }
    } catch (IOException e) {
      throw new AssertionError(MISSING + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Runs Neovim in {@code dir} with an LSP client on {@code server}. {@code steps} is Lua run once the
   * client is initialized, with {@code CLIENT}, {@code fail(msg)} and {@code keys(k)} (one {@code normal!}
   * command closing its own undo block) in scope; afterwards the client is stopped (shutdown, exit) and
   * Neovim quits.
   */
  static Outcome run(Path dir, List<String> server, String steps) throws IOException, InterruptedException {
    Path work = Files.createDirectories(dir.resolve(".nvim"));
    String cmd = server.stream().map(HeadlessNeovim::lua).collect(Collectors.joining(", ", "{", "}"));
    Path init = Files.writeString(work.resolve("init.lua"), """
        vim.o.swapfile = false
        vim.o.autoindent = false
        vim.cmd('filetype on | filetype indent off | filetype plugin off')
        _G.capture_client = vim.lsp.start_client({name = 'understudy-capture', cmd = %s,
          root_dir = %s, flags = {debounce_text_changes = 0}})
        vim.api.nvim_create_autocmd({'BufReadPost', 'BufNewFile'}, {callback = function(a)
          vim.lsp.buf_attach_client(a.buf, _G.capture_client) end})
        """.formatted(cmd, lua(dir.toString())));
    Path script = Files.writeString(work.resolve("steps.lua"), """
        local CLIENT = _G.capture_client
        local function fail(msg) io.stderr:write('e2e FAIL: ' .. msg .. '\\n'); vim.cmd('cquit 3') end
        local function keys(k) vim.cmd('normal! ' .. k); vim.o.undolevels = vim.o.undolevels end
        if not vim.wait(30000, function() local c = vim.lsp.get_client_by_id(CLIENT)
          return c ~= nil and c.initialized end, 20) then fail('the LSP client did not initialize') end
        %s
        vim.lsp.stop_client(CLIENT)
        if not vim.wait(30000, function() return vim.lsp.get_client_by_id(CLIENT) == nil end, 20) then
          fail('the LSP client did not stop') end
        vim.cmd('qa!')
        """.formatted(steps));
    ProcessBuilder pb = new ProcessBuilder("nvim", "--headless", "-n", "-i", "NONE", "-u", init.toString(), "-S", script.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("output").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    for (String xdg : List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")) {
      pb.environment().put(xdg, Files.createDirectories(work.resolve(xdg.toLowerCase(java.util.Locale.ROOT))).toString());
    }
    Process nvim = pb.start();
    try {
      if (!nvim.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("Neovim did not finish within " + TIMEOUT_SECONDS + " s:\n" + Files.readString(work.resolve("output")));
      }
      return new Outcome(nvim.exitValue(), Files.readString(work.resolve("output")));
    } finally {
      nvim.descendants().forEach(ProcessHandle::destroyForcibly);
      nvim.destroyForcibly();
    }
  }

  private static String lua(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
