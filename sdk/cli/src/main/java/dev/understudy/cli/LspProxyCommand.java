package dev.understudy.cli;

import dev.understudy.core.Recording;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.plugins.lsp.LspProxy;
import dev.understudy.plugins.lsp.LspProxyAdapterProvider;
import dev.understudy.plugins.lsp.TransparentPipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Runs a language server behind the transparent LSP proxy and records the session. The editor talks to
 * this process on stdin/stdout exactly as it would to the server, so nothing of ours may go to stdout:
 * messages and logs go to stderr.
 */
@Command(name = "lsp-proxy", mixinStandardHelpOptions = true,
    description = {
      "Run a language server behind a transparent proxy and record what the editor does through it.",
      "Configure your editor to start 'understudy lsp-proxy -- <server command...>' instead of the server.",
      "The editor's and the server's bytes pass unchanged; recording needs consent for adapter 'lsp-proxy'",
      "('understudy consent grant --adapter lsp-proxy'). If the server dies or sends malformed frames, the",
      "editor's open requests are answered with JSON-RPC errors, the reason goes to stderr, and the session is",
      "closed with what was captured. Exits with the server's exit code."
    })
final class LspProxyCommand implements Callable<Integer> {
  /** The plugin id recorded as the adapter's origin. */
  static final String PLUGIN_ID = "understudy-plugin-vscode";

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "The privacy policy (YAML, see docs/policy.md). Default: <home>/policy.yaml if it exists, else the built-in defaults.")
  Path policyFile;

  /** For 'understudy demo', which consents for itself in a ledger of its own instead of the home's. */
  @Option(names = "--consent-dir", paramLabel = "DIR", hidden = true)
  Path consentDir;

  @Parameters(paramLabel = "SERVER", arity = "1..*", description = "The language server's command line, after '--'.")
  List<String> server;

  // The editor's side; tests replace them.
  InputStream editorIn = System.in;
  OutputStream editorOut = System.out;
  OutputStream serverErr = System.err;

  @Override
  public Integer call() throws Exception {
    Home home = homeOption.resolve(root);
    PrivacyPolicy policy = RecordCommand.readPolicy(policyFile, home);
    ConsentLedger ledger = ConsentLedger.open(consentDir != null ? consentDir : home.consent());
    String name = LspProxyAdapterProvider.NAME;
    if (!ledger.valid().coversAdapter(name)) {
      throw new CliException(ExitCodes.NO_CONSENT, "adapter '" + name + "' has no consent: run 'understudy consent grant --adapter "
          + name + "' — nothing was recorded and the server was not started");
    }
    LspProxyAdapterProvider provider = new LspProxyAdapterProvider();
    String version = LspProxyAdapterProvider.class.getPackage().getImplementationVersion();
    Recording recording = Recording.builder().storeDirectory(home.sessions()).policy(policy).consent(ledger)
        .adapter(provider, PLUGIN_ID, version == null ? "dev" : version).start();
    LspProxy.Result result;
    try {
      result = LspProxy.builder(server).editorIn(editorIn).editorOut(editorOut).serverErr(serverErr)
          .tap(provider.tap()).build().run();
      recordLosses(provider, result);
    } catch (IOException e) {
      throw new CliException(ExitCodes.NOT_FOUND, "cannot start language server '" + server.get(0) + "': " + e.getMessage());
    } finally {
      // Whatever happened, what was captured is written and the session closed cleanly.
      recording.close();
    }
    result.problem().ifPresent(p -> root.err.println(root.style.red("understudy: lsp-proxy: " + p)));
    if (provider.translationErrors() > 0) {
      root.err.println("understudy: lsp-proxy: " + provider.translationErrors()
          + " frame(s) were not JSON-RPC; they were forwarded unchanged and are counted in the session as a gap");
    }
    if (result.tapDrops() > 0) {
      root.err.println("understudy: lsp-proxy: " + result.tapDrops() + " frame(s) were forwarded but not recorded (capture fell behind)");
    }
    root.err.println("understudy: lsp-proxy session " + recording.sessionIdText() + " ended; server exit code "
        + result.exitCode());
    return result.exitCode() < 0 ? ExitCodes.CAPTURE_FAILED : result.exitCode();
  }

  /** Puts what the proxy could not capture into the session as gaps, while the adapter still runs. */
  private static void recordLosses(LspProxyAdapterProvider provider, LspProxy.Result result) {
    if (result.tapDrops() > 0) {
      provider.reportLoss(result.tapDrops(), "LSP frames forwarded but not recorded: the capture queue was full");
    }
    boolean editorMalformed = result.editorToServer().map(r -> r.end() == TransparentPipe.End.MALFORMED_INPUT).orElse(false);
    if (editorMalformed || result.serverToEditor().end() == TransparentPipe.End.MALFORMED_INPUT) {
      provider.reportLoss(1, (editorMalformed ? "the editor" : "the language server")
          + " sent malformed LSP framing; nothing after it was forwarded or recorded");
    }
  }
}
