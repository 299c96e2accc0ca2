package dev.understudy.cli;

import dev.understudy.core.PluginState;
import dev.understudy.core.Recording;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.plugins.browser.nativehost.ExtensionAdapterProvider;
import dev.understudy.plugins.browser.nativehost.ExtensionBundle;
import dev.understudy.plugins.browser.nativehost.HostManifest;
import dev.understudy.plugins.browser.nativehost.NativeHost;
import dev.understudy.plugins.browser.nativehost.PauseSwitch;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** The browser extension's way in: installing the native messaging host, and being it. */
@Command(name = "browser", mixinStandardHelpOptions = true,
    description = {
      "Record web pages through the Understudy browser extension and its native messaging host.",
      "'understudy browser install' sets it up; the browser then starts 'understudy browser native-host' itself",
      "whenever the extension runs. Recording needs consent: 'understudy consent grant --adapter browser'."
    },
    subcommands = {BrowserCommand.Install.class, BrowserCommand.NativeHostCommand.class})
final class BrowserCommand implements Runnable {
  /** The plugin id recorded as the adapter's origin. */
  static final String PLUGIN_ID = "understudy-plugin-browser";
  /** The launcher's file name under {@code <home>/browser}. */
  static final String LAUNCHER = "understudy-native-host";

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The home: --home given after the subcommand, else before it, else the environment's. */
  Home home(HomeOption own) {
    return own.resolve(root, homeOption);
  }

  @Override
  public void run() {
    spec.commandLine().usage(root.out);
  }

  /** Where the launcher, and the unpacked extension, live in a home. */
  static Path browserDir(Home home) {
    return home.root().resolve("browser");
  }

  /** {@code browser install}. */
  @Command(name = "install", mixinStandardHelpOptions = true,
      description = {
        "Install the extension's native messaging host for Chromium, Chrome or Firefox.",
        "Writes the host manifest (dev.understudy.host) where the browser looks for it, a launcher that runs",
        "this tool's 'browser native-host', and the unpacked extension under <home>/browser/extension."
      })
  static final class Install implements Callable<Integer> {
    @ParentCommand BrowserCommand parent;
    @Mixin HomeOption homeOption;

    @Option(names = "--browser", paramLabel = "BROWSER", split = ",", converter = BrowserName.class,
        description = "chromium, chrome or firefox; repeatable (default: chromium and chrome; with --dir: chromium).")
    List<HostManifest.Browser> browsers = new ArrayList<>();

    @Option(names = "--extension-id", paramLabel = "ID",
        description = "The Chromium extension id allowed to connect (default: the Understudy extension's, ${DEFAULT-VALUE}).")
    String extensionId = ExtensionBundle.CHROMIUM_ID;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Write the host manifest into this directory instead of the browser's own, e.g. "
            + "<user-data-dir>/NativeMessagingHosts for a Chromium started with --user-data-dir.")
    Path dir;

    @Option(names = "--java", paramLabel = "PATH", description = "The java the launcher runs (default: the one running now).")
    Path java;

    @Option(names = "--policy", paramLabel = "FILE", description = "The privacy policy the host records under (default: as 'record').")
    Path policyFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "A configuration value the host records with, e.g. adapter.browser.mask-values-hosts=*.bank.example. Repeatable.")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
      Understudy root = parent.root;
      Home home = parent.home(homeOption);
      Set<HostManifest.Browser> chosen = new LinkedHashSet<>(browsers);
      if (chosen.isEmpty()) {
        chosen.add(HostManifest.Browser.CHROMIUM);
        if (dir == null) {
          chosen.add(HostManifest.Browser.CHROME);
        }
      }
      if (dir != null && chosen.size() > 1) {
        throw new CliException(ExitCodes.USAGE, "--dir takes one --browser, got " + chosen.size());
      }
      if (!extensionId.matches("[a-p]{32}")) {
        throw new CliException(ExitCodes.USAGE, "--extension-id: '" + extensionId + "' is not a Chromium extension id (32 letters a-p)");
      }
      if (policyFile != null && !Files.isReadable(policyFile)) {
        throw new CliException(ExitCodes.NOT_FOUND, "cannot read policy file " + policyFile);
      }
      Path javaBin = java != null ? java.toAbsolutePath() : Path.of(System.getProperty("java.home"), "bin", "java");
      Path launcher = writeLauncher(browserDir(home).resolve(LAUNCHER), javaBin, home);
      Path extension = browserDir(home).resolve("extension");
      ExtensionBundle.unpack(extension);
      Path userHome = Path.of(root.env.getOrDefault("HOME", System.getProperty("user.home")));
      for (HostManifest.Browser browser : chosen) {
        Path target = (dir != null ? dir : browser.userManifestDir(userHome)).resolve(HostManifest.fileName());
        Files.createDirectories(target.getParent());
        Files.writeString(target, HostManifest.json(browser, launcher, extensionId), StandardCharsets.UTF_8);
        root.out.println("Wrote the native host manifest for " + browser.label() + ": " + target);
      }
      root.out.println("Launcher: " + launcher);
      root.out.println("Extension (id " + extensionId + "): " + extension);
      root.out.println("Load it: chrome://extensions > Developer mode > Load unpacked > that folder, or start the browser with");
      root.out.println("  --load-extension=" + extension);
      root.out.println("Then consent to be recorded: understudy consent grant --adapter " + ExtensionAdapterProvider.NAME);
      return ExitCodes.OK;
    }

    private Path writeLauncher(Path file, Path javaBin, Home home) throws Exception {
      String classPath = Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
          .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath().toString())
          .collect(Collectors.joining(File.pathSeparator));
      if (classPath.isEmpty()) {
        throw new CliException(ExitCodes.INTERNAL, "cannot tell where this tool's jar is (java.class.path is empty)");
      }
      List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", classPath, Understudy.class.getName(), "browser", "native-host", "--home", home.root().toString()));
      if (policyFile != null) {
        command.addAll(List.of("--policy", policyFile.toAbsolutePath().toString()));
      }
      settings.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
      String script = "#!/bin/sh\n"
          + "# Written by 'understudy browser install'. The browser starts this program as the native messaging host\n"
          + "# " + ExtensionBundle.HOST_NAME + " when the Understudy extension connects, with the extension's origin as argument.\n"
          + "exec " + command.stream().map(Install::shellQuote).collect(Collectors.joining(" ")) + " \"$@\"\n";
      Files.createDirectories(file.getParent());
      Files.writeString(file, script, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      return file;
    }

    /** The text as one single-quoted word for /bin/sh. */
    static String shellQuote(String s) {
      return "'" + s.replace("'", "'\\''") + "'";
    }
  }

  /** Reads {@code chromium}, {@code chrome} or {@code firefox}. */
  static final class BrowserName implements picocli.CommandLine.ITypeConverter<HostManifest.Browser> {
    @Override
    public HostManifest.Browser convert(String value) {
      return Arrays.stream(HostManifest.Browser.values()).filter(b -> b.label().equalsIgnoreCase(value.trim())).findFirst()
          .orElseThrow(() -> new picocli.CommandLine.TypeConversionException("'" + value
              + "' is not a browser this can install for: chromium, chrome or firefox"));
    }
  }

  /** {@code browser native-host}: what the browser starts. */
  @Command(name = "native-host", mixinStandardHelpOptions = true,
      description = {
        "Be the native messaging host; the browser runs this, not people.",
        "The browser starts it (through the launcher 'browser install' wrote) when the extension connects, and",
        "talks to it in length-prefixed JSON on stdin and stdout. Records one session until the browser closes",
        "the connection. Needs consent for adapter 'browser'. Only messages to the browser go to stdout.",
        "'understudy pause' and 'understudy resume' reach it, as they reach 'understudy record'; the extension shows it."
      })
  static final class NativeHostCommand implements Callable<Integer> {
    @ParentCommand BrowserCommand parent;
    @Mixin HomeOption homeOption;

    @Option(names = "--policy", paramLabel = "FILE",
        description = "The privacy policy (YAML, see docs/policy.md). Default: <home>/policy.yaml if it exists, else the built-in defaults.")
    Path policyFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "A configuration value, e.g. adapter.browser.mask-values-hosts=*.bank.example (no field values on those sites). Repeatable.")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Option(names = "--max-message-bytes", paramLabel = "BYTES",
        description = "The largest message accepted from the browser (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes = NativeHost.DEFAULT_MAX_MESSAGE_BYTES;

    /** What the browser passes: the extension's origin (and on some systems a window handle). */
    @Unmatched List<String> browserArguments = new ArrayList<>();

    // The browser's side; tests replace them.
    InputStream fromBrowser = System.in;
    OutputStream toBrowser;

    @Override
    public Integer call() throws Exception {
      Understudy root = parent.root;
      OutputStream out = toBrowser;
      if (out == null) {
        // Frames only on the real stdout: anything else printed by mistake goes to stderr instead.
        out = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
      }
      if (maxMessageBytes < 1) {
        throw new CliException(ExitCodes.USAGE, "--max-message-bytes must be at least 1, got " + maxMessageBytes);
      }
      Home home = parent.home(homeOption);
      PrivacyPolicy policy = RecordCommand.readPolicy(policyFile, home);
      ConsentLedger ledger = ConsentLedger.open(home.consent());
      String name = ExtensionAdapterProvider.NAME;
      if (!ledger.valid().coversAdapter(name)) {
        String why = "adapter '" + name + "' has no consent: run 'understudy consent grant --adapter " + name + "'";
        NativeHost.refuse(out, why);
        throw new CliException(ExitCodes.NO_CONSENT, why + " — nothing was recorded");
      }
      ExtensionAdapterProvider provider = new ExtensionAdapterProvider();
      String version = BrowserCommand.class.getPackage().getImplementationVersion();
      version = version == null ? "dev" : version;
      Recording recording;
      try {
        recording = Recording.builder().storeDirectory(home.sessions()).policy(policy).consent(ledger)
            .adapter(provider, PLUGIN_ID, version).config(settings).start();
      } catch (IllegalArgumentException e) {
        NativeHost.refuse(out, e.getMessage());
        throw new CliException(ExitCodes.USAGE, e.getMessage());
      }
      NativeHost host = NativeHost.builder(fromBrowser, out, provider.sink())
          .maxMessageBytes(maxMessageBytes)
          .pauseSwitch(pauseSwitch(recording))
          .session(recording.sessionIdText())
          .hostVersion("understudy " + version)
          .recorderOptions(provider.recorderOptions())
          .build();
      // The browser ends a host with SIGTERM when it shuts down: the session still ends cleanly.
      Thread hook = new Thread(recording::close, "understudy-native-host-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "understudy-native-host-consent");
        t.setDaemon(true);
        return t;
      });
      // 'understudy pause' and 'resume' reach this host too: it follows the control file's changes (the
      // popup's switch may have been used in between) and tells the extension, whose badge shows it.
      Control control = new Control(home.control());
      control.registerHost();
      boolean[] pauseWanted = {false};
      watch.scheduleWithFixedDelay(() -> {
        if (adapterStopped(recording)) {
          host.stopRecording("consent for adapter '" + name + "' was revoked or expired; nothing more is recorded");
          watch.shutdown();
          return;
        }
        boolean wanted = control.pauseRequested();
        if (wanted != pauseWanted[0]) {
          pauseWanted[0] = wanted;
          if (wanted != recording.isPaused()) {
            if (wanted) {
              recording.pause();
            } else {
              recording.resume();
            }
            host.sendStatus();
          }
        }
      }, 250, 250, TimeUnit.MILLISECONDS);
      root.err.println("understudy: browser native host recording session " + recording.sessionIdText()
          + (browserArguments.isEmpty() ? "" : " for " + String.join(" ", browserArguments)));
      NativeHost.Ending ending;
      try {
        ending = host.run();
      } finally {
        watch.shutdownNow();
        control.unregisterHost();
        recording.close();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running already.
        }
      }
      root.err.println("understudy: browser native host session " + recording.sessionIdText() + " ended ("
          + (ending == NativeHost.Ending.PORT_CLOSED ? "the browser closed the connection" : "the browser's stream broke")
          + "): " + host.recorderMessages() + " recorder messages, " + host.errorCount() + " rejected");
      return ending == NativeHost.Ending.PORT_CLOSED ? ExitCodes.OK : ExitCodes.CAPTURE_FAILED;
    }

    private static boolean adapterStopped(Recording recording) {
      return recording.stats().plugins().stream()
          .filter(p -> p.kind().equals("adapter"))
          .noneMatch(p -> p.state() == PluginState.RUNNING);
    }

    private static PauseSwitch pauseSwitch(Recording recording) {
      return new PauseSwitch() {
        @Override
        public boolean paused() {
          return recording.isPaused();
        }

        @Override
        public void pause() {
          recording.pause();
        }

        @Override
        public void resume() {
          recording.resume();
        }
      };
    }
  }
}
