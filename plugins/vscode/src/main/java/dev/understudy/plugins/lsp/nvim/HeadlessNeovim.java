package dev.understudy.plugins.lsp.nvim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Drives Neovim (0.7 or later) headless as a real LSP client, for demos and end-to-end tests: one language server (any command line,
 * typically {@code understudy lsp-proxy -- SERVER}) attached to every buffer, and a Lua script of steps
 * run once the client has initialized. The steps run in a coroutine, so they can wait for the editor to
 * do things that take the main loop (typed keys, server answers) without blocking it.
 *
 * <p>In scope for the steps: {@code CLIENT} (the client id), {@code fail(msg)}, {@code wait_until(pred,
 * ms, what)} (waits, yielding, until {@code pred()} is true), {@code feed(keys)} (keys as typed, with
 * {@code <Esc>}-style names, processed once the script waits), {@code step(keys)} (one {@code normal!}
 * command ending its own undo block) and {@code floating_window()} (whether a hover or other float is
 * open). After the steps the client is stopped (so the server ends its session cleanly) and Neovim quits.
 *
 * <p>Neovim's state, logs and configuration stay in a directory of the run, away from the user's own.
 * A run that outlasts its timeout is killed with everything it started.
 */
public final class HeadlessNeovim {
  /** What to install when Neovim or the language server is missing. */
  public static final String INSTALL = "apt-get install -y neovim python3-pylsp";

  /**
   * How one run ended.
   *
   * @param exitCode Neovim's exit code: 0 when every step ran, 3 when a step failed
   * @param output everything Neovim printed, a failed step's message included
   */
  public record Run(int exitCode, String output) {}

  /** The Neovim program, found on the PATH. */
  public static final String NVIM = "nvim";

  private final String program;
  private final Path dir;
  private final List<String> server;
  private final Duration timeout;

  /** As {@link #HeadlessNeovim(String, Path, List, Duration)} with {@value #NVIM}. */
  public HeadlessNeovim(Path dir, List<String> server, Duration timeout) {
    this(NVIM, dir, server, timeout);
  }

  /**
   * @param program the Neovim program
   * @param dir the working directory and LSP root
   * @param server the language server's command line, as Neovim starts it
   * @param timeout how long a run may take before it is killed
   */
  public HeadlessNeovim(String program, Path dir, List<String> server, Duration timeout) {
    this.program = Objects.requireNonNull(program, "program");
    this.dir = Objects.requireNonNull(dir, "dir");
    this.server = List.copyOf(Objects.requireNonNull(server, "server"));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** As {@link #missing(String, String)} with {@value #NVIM}. */
  public static Optional<String> missing(String serverProgram) {
    return missing(NVIM, serverProgram);
  }

  /**
   * What is missing to run Neovim ({@code nvimProgram}) with a language server started by
   * {@code serverProgram} (null: Neovim alone), in a sentence, or empty when all is there.
   */
  public static Optional<String> missing(String nvimProgram, String serverProgram) {
    String nvim = probe(List.of(nvimProgram, "--version"));
    if (nvim == null || !nvim.startsWith("NVIM v")) {
      return Optional.of("Neovim is not installed (or 'nvim --version' failed); install it with: " + INSTALL);
    }
    String version = nvim.lines().findFirst().orElse("").substring("NVIM v".length());
    String[] parts = version.split("[.-]");
    if (parts.length < 2 || Integer.parseInt(parts[0]) == 0 && Integer.parseInt(parts[1]) < 7) {
      return Optional.of("Neovim 0.7 or later is needed, found " + version + "; install it with: " + INSTALL);
    }
    if (serverProgram != null && probe(List.of(serverProgram, "--help")) == null) {
      return Optional.of("the language server '" + serverProgram + "' is not installed; install it with: " + INSTALL);
    }
    return Optional.empty();
  }

  /** The output of a short command, or null when it cannot run or fails. */
  private static String probe(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Runs Neovim with these steps (Lua) and waits for it to quit; blocks the calling thread.
   *
   * @throws IOException when Neovim cannot start, or does not finish within the timeout (it is killed then)
   */
  public Run run(String steps) throws IOException, InterruptedException {
    Path state = Files.createDirectories(dir.resolve(".nvim-run"));
    StringBuilder cmd = new StringBuilder("{");
    for (String c : server) {
      cmd.append(lua(c)).append(", ");
    }
    cmd.append('}');
    Path init = state.resolve("init.lua");
    Files.writeString(init, String.join("\n",
        "vim.o.swapfile = false",
        "vim.o.autoindent = false",
        "vim.o.smartindent = false",
        "vim.cmd('filetype on')",
        "vim.cmd('filetype indent off')",
        "vim.cmd('filetype plugin off')",
        // debounce 0: each change goes to the server as it is made, so the session sees every keystroke.
        "local id = vim.lsp.start_client({name = 'understudy', cmd = " + cmd + ",",
        "  root_dir = " + lua(dir.toString()) + ", flags = {debounce_text_changes = 0}})",
        "_G.understudy_client = id",
        "vim.api.nvim_create_autocmd({'BufReadPost', 'BufNewFile'}, {callback = function(a)",
        "  vim.lsp.buf_attach_client(a.buf, id) end})",
        ""), StandardCharsets.UTF_8);
    Path script = state.resolve("script.lua");
    Files.writeString(script, String.join("\n",
        "local CLIENT = _G.understudy_client",
        "local function fail(msg) io.stderr:write('understudy-nvim FAIL: ' .. tostring(msg) .. '\\n'); vim.cmd('cquit 3') end",
        "local co",
        "local function wait_until(pred, ms, what)",
        "  local deadline = vim.loop.now() + (ms or 20000)",
        "  local timer = vim.loop.new_timer()",
        "  timer:start(10, 10, vim.schedule_wrap(function()",
        "    if timer:is_closing() then return end",
        "    local ok, done = pcall(pred)",
        "    if ok and done then",
        "      timer:stop(); timer:close()",
        "      local resumed, err = coroutine.resume(co)",
        "      if not resumed then fail(err) end",
        "    elseif vim.loop.now() > deadline then",
        "      timer:stop(); timer:close(); fail('timed out waiting for ' .. (what or 'a condition'))",
        "    end",
        "  end))",
        "  coroutine.yield()",
        "end",
        "local function feed(keys) vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'n', false) end",
        "local function step(keys) vim.cmd('normal! ' .. keys); vim.o.undolevels = vim.o.undolevels end",
        "local function floating_window()",
        "  for _, w in ipairs(vim.api.nvim_list_wins()) do",
        "    if vim.api.nvim_win_get_config(w).relative ~= '' then return w end",
        "  end",
        "  return nil",
        "end",
        "co = coroutine.create(function()",
        "  if not CLIENT then fail('the LSP client did not start') end",
        "  wait_until(function() local c = vim.lsp.get_client_by_id(CLIENT); return c ~= nil and c.initialized end,",
        "    30000, 'the language server to initialize')",
        steps,
        "  vim.lsp.stop_client(CLIENT)",
        "  wait_until(function() return vim.lsp.get_client_by_id(CLIENT) == nil end, 30000, 'the language server to stop')",
        "  vim.cmd('qa!')",
        "end)",
        "vim.schedule(function() local ok, err = coroutine.resume(co); if not ok then fail(err) end end)",
        ""), StandardCharsets.UTF_8);

    List<String> command = new ArrayList<>(List.of(program, "--headless", "-n", "-i", "NONE", "-u", init.toString(),
        "-S", script.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    for (String xdg : List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")) {
      pb.environment().put(xdg, Files.createDirectories(state.resolve(xdg.toLowerCase(java.util.Locale.ROOT))).toString());
    }
    Path output = state.resolve("nvim-output");
    Process nvim = pb.directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    try {
      if (!nvim.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("Neovim did not finish within " + timeout + "; it printed:\n" + read(output));
      }
      return new Run(nvim.exitValue(), read(output));
    } finally {
      if (nvim.isAlive()) {
        nvim.descendants().forEach(ProcessHandle::destroyForcibly);
        nvim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String read(Path output) throws IOException {
    // Headless Neovim still prints mode messages with carriage returns; show them as lines.
    return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8).replace('\r', '\n') : "";
  }

  /** A Lua string literal. */
  public static String lua(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
