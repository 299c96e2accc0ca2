package dev.understudy.cli;

import dev.understudy.core.Recording;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.plugins.lsp.capture.CaptureServer;
import dev.understudy.plugins.lsp.capture.ConsentRefusal;
import dev.understudy.plugins.lsp.capture.LspCaptureAdapterProvider;
import dev.understudy.plugins.lsp.capture.PauseControl;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Runs the editor capture server and records the session. On stdin/stdout the editor speaks LSP to it,
 * so nothing of ours may go to stdout: messages and logs go to stderr. With {@code --listen} it records
 * until stopped and serves every editor that connects to the loopback port instead.
 */
@Command(name = "lsp-capture", mixinStandardHelpOptions = true,
    description = {
      "Run the editor capture server: a language server for every file type that records what the editor does.",
      "Configure your editor to start 'understudy lsp-capture' as a language server for all files (README,",
      "'Editors'). Stdout carries only LSP messages. Recording needs consent for adapter 'lsp-capture'",
      "('understudy consent grant --adapter lsp-capture'); without it the editor is told why and nothing is",
      "recorded (exit code 6)."
    })
final class LspCaptureCommand implements Callable<Integer> {
  /** The plugin id recorded as the adapter's origin. */
  static final String PLUGIN_ID = LspProxyCommand.PLUGIN_ID;
  /** How long a refused server waits for the editor's initialize to answer it: 10 seconds. */
  static final Duration REFUSAL_WAIT = Duration.ofSeconds(10);

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "The privacy policy (YAML, see docs/policy.md). Default: <home>/policy.yaml if it exists, else the built-in defaults.")
  Path policyFile;

  @Option(names = "--idle-ms", paramLabel = "MS",
      description = "How long typing may pause and still be recorded as one edit (default: ${DEFAULT-VALUE}).")
  int idleMs = (int) CaptureServer.DEFAULT_IDLE.toMillis();

  @Option(names = "--listen", paramLabel = "PORT",
      description = "Instead of stdin/stdout, listen on this loopback port (0: any free one) until Ctrl-C, for editors that connect over TCP.")
  Integer listen;

  // The editor's side; tests replace them.
  InputStream editorIn = System.in;
  OutputStream editorOut = System.out;

  @Override
  public Integer call() throws Exception {
    if (idleMs < 1) {
      throw new CliException(ExitCodes.USAGE, "--idle-ms must be 1 or more, got " + idleMs);
    }
    if (listen != null && (listen < 0 || listen > 65_535)) {
      throw new CliException(ExitCodes.USAGE, "--listen must be a port from 0 to 65535, got " + listen);
    }
    Home home = homeOption.resolve(root);
    PrivacyPolicy policy = RecordCommand.readPolicy(policyFile, home);
    ConsentLedger ledger = ConsentLedger.open(home.consent());
    String name = LspCaptureAdapterProvider.NAME;
    if (!ledger.valid().coversAdapter(name)) {
      String message = "adapter '" + name + "' has no consent: run 'understudy consent grant --adapter " + name
          + "' — nothing was recorded";
      if (listen == null) {
        ConsentRefusal.answer(editorIn, editorOut, "Understudy: " + message, REFUSAL_WAIT);
      }
      throw new CliException(ExitCodes.NO_CONSENT, message);
    }
    LspCaptureAdapterProvider provider = new LspCaptureAdapterProvider();
    String version = LspCaptureAdapterProvider.class.getPackage().getImplementationVersion();
    Recording.Builder builder = Recording.builder().storeDirectory(home.sessions()).policy(policy).consent(ledger)
        .config(key(LspCaptureAdapterProvider.IDLE_MS), Integer.toString(idleMs))
        .adapter(provider, PLUGIN_ID, version == null ? "dev" : version);
    if (listen != null) {
      builder.config(key(LspCaptureAdapterProvider.PORT), Integer.toString(listen));
    }
    Recording recording = builder.start();
    provider.pauseControl(PauseControl.of(recording::pause, recording::resume));
    if (listen != null) {
      if (provider.port() < 0) {
        recording.close();
        throw new CliException(ExitCodes.CAPTURE_FAILED, "could not listen on port " + listen + " (see the log above)");
      }
      root.err.println("understudy: lsp-capture listening on 127.0.0.1:" + provider.port());
      return new CaptureLoop(root, null, null).run(recording);
    }
    CaptureServer.Result result;
    try {
      result = provider.serve(editorIn, editorOut);
    } finally {
      recording.close();
    }
    CaptureServer.Stats s = result.stats();
    root.err.println("understudy: lsp-capture session " + recording.sessionIdText() + " ended"
        + (result.exitReceived() ? "" : " (the editor closed the connection)") + ": " + s.actions() + " actions from "
        + s.messages() + " messages" + (s.malformed() > 0 ? ", " + s.malformed() + " malformed" : "")
        + (s.unknownMethods() > 0 ? ", " + s.unknownMethods() + " unknown methods" : ""));
    return result.exitCode();
  }

  private static String key(String adapterKey) {
    return "adapter." + LspCaptureAdapterProvider.NAME + "." + adapterKey;
  }
}
