package dev.understudy.cli;

import dev.understudy.core.store.AmbiguousSessionException;
import dev.understudy.core.store.SessionKeyException;
import dev.understudy.core.store.StoreException;
import dev.understudy.core.store.UnknownSessionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code understudy} command. */
@Command(
    name = "understudy",
    mixinStandardHelpOptions = true,
    versionProvider = Understudy.Version.class,
    description = {
      "Records what people do in their work tools as semantic actions, privately.",
      "",
      "Start with 'understudy demo'. Sessions are kept under --home (default ~/.local/share/understudy,",
      "or $UNDERSTUDY_HOME)."
    },
    subcommands = {
      DemoCommand.class,
      RecordCommand.class,
      LspProxyCommand.class,
      LspCaptureCommand.class,
      BrowserCommand.class,
      SessionsCommand.class,
      InspectCommand.class,
      ReplayCommand.class,
      ExportCommand.class,
      VerifyCommand.class,
      PluginsCommand.class,
      ForgetCommand.class,
      KeyCommand.class,
      ConsentCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%n",
    footer = {
      "Exit codes:",
      "  0  success",
      "  1  internal error (the message says what)",
      "  2  bad usage: unknown option or command, bad value, invalid configuration key, unknown plugin or adapter,",
      "     no or wrong encryption key for an encrypted session",
      "  3  not found or unreadable: unknown or ambiguous session, missing file or directory",
      "  4  verify found damage; replay rebuilt a document that differs from what was saved",
      "  5  record could not capture: no adapter started (what was recorded is kept)",
      "  6  record has no consent for any adapter (lsp-capture: for its own): grant it with 'understudy consent grant'"
    })
public final class Understudy implements Runnable {

  final Map<String, String> env;
  final PrintWriter out;
  final PrintWriter err;
  final Style style;

  Understudy(Map<String, String> env, PrintWriter out, PrintWriter err, Style style) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.style = style;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** With no command: the help. */
  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  public static void main(String[] args) {
    Logging.configure(System.getenv("UNDERSTUDY_DEBUG") != null);
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = execute(args, System.getenv(), out, err, Style.forTerminal());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line; returns its exit code. Used by {@link #main} and by tests. */
  static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, Style style) {
    Understudy root = new Understudy(env, out, err, style);
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, argv) -> {
      CommandLine failed = e.getCommandLine();
      err.println(style.red("understudy: " + e.getMessage()));
      err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((e, failed, parse) -> {
      int code = exitCodeOf(e);
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (code == ExitCodes.INTERNAL) {
        message = "internal error: " + e;
      }
      if (e instanceof SessionKeyException && ((SessionKeyException) e).keyMissing()) {
        message += "; pass --key-file FILE or set " + KeyOption.ENV;
      }
      err.println(style.red("understudy: " + message));
      if (code == ExitCodes.INTERNAL || env.get("UNDERSTUDY_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return code;
    });
    return cli.execute(args);
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof CliException) {
      return ((CliException) e).exitCode();
    }
    if (e instanceof SessionKeyException) {
      return ExitCodes.USAGE; // no key, or the wrong one: a missing or bad option value
    }
    if (e instanceof UncheckedIOException) {
      return exitCodeOf(e.getCause());
    }
    if (e instanceof UnknownSessionException || e instanceof AmbiguousSessionException
        || e instanceof dev.understudy.core.consent.UnknownConsentException
        || e instanceof NoSuchFileException || e instanceof AccessDeniedException || e instanceof StoreException) {
      return ExitCodes.NOT_FOUND;
    }
    if (e instanceof IOException) {
      return ExitCodes.NOT_FOUND;
    }
    if (e instanceof IllegalArgumentException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.INTERNAL;
  }

  /** Prints the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Understudy.class.getPackage().getImplementationVersion();
      return new String[] {"understudy " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
  }
}
