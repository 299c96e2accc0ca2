package dev.understudy.cli;

import com.google.protobuf.ByteString;
import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.plugins.lsp.LspProxyAdapterProvider;
import dev.understudy.plugins.lsp.LspTranslator;
import dev.understudy.plugins.lsp.nvim.HeadlessNeovim;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The editor part of {@code understudy demo}: Neovim, headless and scripted, edits a small Python file
 * through {@code understudy lsp-proxy} (this very program, started by Neovim as its language server) in
 * front of pylsp: a hover, a jump to a definition, a completion taken, a rename, a save. Then the
 * session's timeline, with each request's outcome and each effect's cause.
 *
 * <p>The proxy records into the same home as the rest of the demo, under a consent the demo grants
 * itself for the {@value LspProxyAdapterProvider#NAME} adapter in a ledger of its own that ends with the
 * demo. Without Neovim 0.7+ or pylsp the part says how to install them and is skipped.
 */
final class EditorDemo {
  /** The language server the demo edits through. */
  static final String SERVER = "pylsp";
  /** How long Neovim gets for the whole part: 2 minutes (a cold JVM and pylsp start in seconds). */
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  static final String FILE = "greet.py";
  static final String TEXT = "def greet(name):\n    return \"hello \" + name\n\n\nx = greet(\"a\")\n";

  /** What Neovim does, in the Lua of {@link HeadlessNeovim}. */
  static final String STEPS = String.join("\n",
      "vim.cmd('edit " + FILE + "')",
      "local buf = vim.api.nvim_get_current_buf()",
      "wait_until(function() return vim.lsp.buf_is_attached(buf, CLIENT) end, 20000, '" + FILE + " to attach')",
      "local function line(n) return vim.api.nvim_buf_get_lines(buf, n - 1, n, false)[1] end",
      "vim.api.nvim_win_set_cursor(0, {5, 5})",
      "vim.lsp.buf.hover()",
      "wait_until(floating_window, 30000, 'the hover window')",
      "vim.api.nvim_win_close(floating_window(), true)",
      "vim.lsp.buf.definition()",
      "wait_until(function() return vim.api.nvim_win_get_cursor(0)[1] == 1 end, 30000, 'the jump to the definition')",
      "vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc'",
      "feed('Goy = gre<C-x><C-o>')",
      "wait_until(function() return #vim.fn.complete_info({'items'}).items > 0 end, 30000, 'the completion items')",
      "feed('<Esc>')",
      "wait_until(function() return vim.fn.mode() == 'n' end, 10000, 'normal mode')",
      "vim.api.nvim_win_set_cursor(0, {1, 5})",
      "vim.lsp.buf.rename('welcome')",
      "wait_until(function() return line(1) == 'def welcome(name):' end, 30000, 'the rename')",
      "vim.cmd('write')",
      "vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', {textDocument = {uri = vim.uri_from_bufnr(buf)}}, 30000)");

  private final Understudy root;
  private final String nvim;
  private final String server;

  EditorDemo(Understudy root, String nvim, String server) {
    this.root = Objects.requireNonNull(root, "root");
    this.nvim = Objects.requireNonNull(nvim, "nvim");
    this.server = Objects.requireNonNull(server, "server");
  }

  /** Runs the part, recording into {@code home}; returns its exit code (OK when skipped for a missing tool). */
  int run(Home home) throws IOException, InterruptedException {
    root.err.println();
    Optional<String> missing = HeadlessNeovim.missing(nvim, server);
    if (missing.isPresent()) {
      root.err.println(root.style.bold("Editor part skipped: ") + missing.get()
          + ". Then run 'understudy demo' again to watch Neovim edit a file through the LSP proxy.");
      return ExitCodes.OK;
    }
    Path project = Files.createTempDirectory("understudy-demo-editor");
    Path consentDir = Files.createTempDirectory("understudy-demo-editor-consent");
    try {
      Consent consent = DemoCommand.grantForThisRun(ConsentLedger.open(consentDir), LspProxyAdapterProvider.NAME,
          TIMEOUT.multipliedBy(2));
      root.err.println("Understudy demo, editor part: Neovim edits " + FILE + " through 'understudy lsp-proxy -- " + server
          + "', recording into " + home.sessions());
      root.err.println("The demo grants itself consent " + consent.id() + " for the '" + LspProxyAdapterProvider.NAME
          + "' adapter only, for this run only. For your editor: understudy consent grant --adapter "
          + LspProxyAdapterProvider.NAME + ", then start 'understudy lsp-proxy -- " + server + "' as its language server.");
      Files.writeString(project.resolve(FILE), TEXT, StandardCharsets.UTF_8);
      List<String> before = sessionIds(home);
      List<String> proxy = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", absoluteClassPath(), Understudy.class.getName(),
          "lsp-proxy", "--home", home.root().toString(), "--consent-dir", consentDir.toString(), "--", server));
      HeadlessNeovim.Run run = new HeadlessNeovim(nvim, project, proxy, TIMEOUT).run(STEPS);
      if (run.exitCode() != 0) {
        throw new CliException(ExitCodes.CAPTURE_FAILED, "the editor part failed: Neovim exited with code " + run.exitCode()
            + ":\n" + tail(run.output()));
      }
      List<String> after = new ArrayList<>(sessionIds(home));
      after.removeAll(before);
      if (after.size() != 1) {
        throw new CliException(ExitCodes.CAPTURE_FAILED, "the editor part recorded " + after.size() + " sessions, not one");
      }
      DemoCommand.printTimeline(root, home, after.get(0), EditorDemo::annotate);
      return ExitCodes.OK;
    } finally {
      DemoCommand.deleteTree(project);
      DemoCommand.deleteTree(consentDir);
    }
  }

  /** What a timeline line does not show of an LSP action: its outcome, and what caused it. */
  static String annotate(Action a, Map<ByteString, Long> seqs) {
    List<String> notes = new ArrayList<>();
    for (Attribute x : a.getAttributesList()) {
      switch (x.getKey()) {
        case LspTranslator.OUTCOME -> notes.add(x.getValue());
        case LspTranslator.ACCEPTED -> notes.add("took " + x.getValue());
        case LspTranslator.HOVER -> notes.add("showed " + x.getValue());
        case "lsp.method" -> notes.add(x.getValue());
        default -> { }
      }
    }
    if (!a.getParentId().isEmpty()) {
      Long parent = seqs.get(a.getParentId());
      notes.add("caused by " + (parent == null ? "an earlier action" : "#" + parent));
    }
    return notes.isEmpty() ? "" : "  ← " + String.join(", ", notes);
  }

  /** This program's class path with absolute entries: Neovim starts the proxy in another directory. */
  static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static List<String> sessionIds(Home home) throws IOException {
    if (!Files.isDirectory(home.sessions())) {
      return List.of();
    }
    return SessionStore.open(home.sessions()).list().stream().map(SessionSummary::id).map(Object::toString).toList();
  }

  private static String tail(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }
}
