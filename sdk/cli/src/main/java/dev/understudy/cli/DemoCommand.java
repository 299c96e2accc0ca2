package dev.understudy.cli;

import com.google.protobuf.ByteString;
import dev.understudy.api.AdapterProvider;
import dev.understudy.core.Recording;
import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.plugin.LoadedProvider;
import dev.understudy.core.plugin.PluginHost;
import dev.understudy.core.plugin.PluginKeys;
import dev.understudy.core.plugin.PluginSignature;
import dev.understudy.core.plugin.TrustedKeys;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.lsp.nvim.HeadlessNeovim;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Records scripted sessions and prints their timelines, part after part ({@link #PARTS}): the bundled
 * hello adapter, an editor ({@link EditorDemo}), LibreOffice Writer ({@link OfficeDemo}), a browser
 * ({@link BrowserDemo}). {@code --only}
 * picks parts. A part that fails is reported and the next one still runs; the exit code is the first
 * failure's.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Record a short scripted session on embedded defaults and print its timeline.",
      "The hello adapter plugin, bundled with the command, plays a person writing a report and signing",
      "in to publish it; it is loaded through the real plugin host and recorded into the session store.",
      "The build signs the bundled plugin with a demo key made for that build; the demo trusts that key",
      "alone, for this run only, and verifies the signature like any other plugin's.",
      "Then Neovim, headless, edits a Python file through 'understudy lsp-proxy' in front of pylsp: hover,",
      "definition, completion, rename, save, each recorded with its outcome and cause. Without Neovim or",
      "pylsp that part says how to install them and the rest still runs.",
      "Then LibreOffice Writer on a virtual display (Xvfb): a scripted person types, presses Ctrl+B, picks",
      "a menu item with the keyboard and saves, recorded by the office adapter. Without LibreOffice, Xvfb or",
      "xdotool that part says how to install them (tools/install-packages) and the rest still runs.",
      "Then headless Chromium: a scripted person fills in a sign-up form on a local page (a password too, never",
      "stored), submits it and changes the route, recorded by the 'browser' adapter, then replayed in a fresh",
      "Chromium saying per action whether it resolved to a unique element. Without Chromium that part says how",
      "to install it.",
      "--only picks parts: hello, editor, office, browser (repeatable or comma-separated; default all)."
    })
final class DemoCommand implements Callable<Integer> {

  /** Where the build puts the hello adapter plugin inside this jar. */
  static final String BUNDLED_PLUGIN = "/dev/understudy/cli/demo/hello-adapter.jar";
  /** Its signature, made by the build ('plugins sign') with the build's demo key. */
  static final String BUNDLED_SIGNATURE = BUNDLED_PLUGIN + PluginSignature.SUFFIX;
  /**
   * The demo key's public half, put there by the build ('plugins trust --home' on the demo resources);
   * its private half stays in the build directory and is not shipped.
   */
  static final String BUNDLED_DEMO_KEY = "/dev/understudy/cli/demo/" + PluginTrust.TRUSTED_KEYS + "/understudy-demo.pub";

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;

  // The editor part's programs; tests replace them.
  String editorNvim = HeadlessNeovim.NVIM;
  String editorServer = EditorDemo.SERVER;
  // The browser part's Chromium; tests replace it.
  Path browserChromium = dev.understudy.plugins.browser.cdp.ChromiumProcess.DEFAULT_EXECUTABLE;

  @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Pause between the script's steps (default: 100ms).")
  Duration delay = Duration.ofMillis(100);

  /** The demo's parts, in the order they run. */
  static final List<String> PARTS = List.of("hello", "editor", "office", "browser");

  @Option(names = "--only", paramLabel = "PART", split = ",",
      description = "Run only these parts: hello, editor, office, browser (repeatable or comma-separated; default: all).")
  List<String> only = new ArrayList<>();

  @Option(names = "--office", description = "The same as --only office.")
  boolean office;

  @Override
  public Integer call() throws Exception {
    Home home = homeOption.resolve(root);
    Set<String> parts = parts();
    int code = ExitCodes.OK;
    for (String part : PARTS) {
      if (!parts.contains(part)) {
        continue;
      }
      int result;
      try {
        result = switch (part) {
          case "hello" -> hello(home);
          case "editor" -> new EditorDemo(root, editorNvim, editorServer).run(home);
          case "office" -> new OfficeDemo(root, delay).run(home);
          case "browser" -> new BrowserDemo(root, browserChromium).run(home);
          default -> throw new IllegalStateException("no demo part " + part);
        };
      } catch (CliException e) {
        if (parts.size() == 1) {
          throw e;
        }
        root.err.println(root.style.red("understudy demo: the " + part + " part failed: " + e.getMessage()));
        result = e.exitCode();
      }
      if (code == ExitCodes.OK) {
        code = result;
      }
    }
    return code;
  }

  /** The parts asked for, checked; all when none is named. */
  private Set<String> parts() {
    Set<String> parts = new LinkedHashSet<>();
    for (String p : only) {
      String name = p.trim().toLowerCase(java.util.Locale.ROOT);
      if (!PARTS.contains(name)) {
        throw new CliException(ExitCodes.USAGE, "--only: unknown part '" + p + "'; the parts are " + String.join(", ", PARTS));
      }
      parts.add(name);
    }
    if (office) {
      parts.add("office");
    }
    return parts.isEmpty() ? new LinkedHashSet<>(PARTS) : parts;
  }

  /** The hello part: the bundled, signed hello adapter plugin loaded through the real plugin host. */
  private int hello(Home home) throws Exception {
    Path plugins = Files.createTempDirectory("understudy-demo-plugins");
    Path consentDir = Files.createTempDirectory("understudy-demo-consent");
    try {
      Path demoKey = Files.createDirectory(plugins.resolve(PluginTrust.TRUSTED_KEYS)).resolve("understudy-demo.pub");
      unpack(BUNDLED_PLUGIN, plugins.resolve("hello-adapter.jar"));
      unpack(BUNDLED_SIGNATURE, plugins.resolve("hello-adapter.jar" + PluginSignature.SUFFIX));
      unpack(BUNDLED_DEMO_KEY, demoKey);
      PluginHost.Options options = PluginHost.Options.builder()
          .trustedKeys(TrustedKeys.of(PluginKeys.readPublicKey(demoKey)))
          .build();
      try (PluginHost host = PluginHost.load(plugins, options)) {
        if (!host.problems().isEmpty()) {
          throw new CliException(ExitCodes.INTERNAL, "the bundled demo plugin did not load: " + host.problems());
        }
        LoadedProvider<AdapterProvider> hello = host.adapter("hello");
        root.err.println("Understudy demo: recording a scripted session with the '" + hello.pluginId() + "' plugin into "
            + home.sessions());
        root.err.println("Plugin '" + hello.pluginId() + "': " + host.plugin(hello.pluginId()).signature().describe()
            + " (this build's demo key, trusted for this run only)");
        // The demo consents for itself, in a ledger of its own that ends with the demo: one command on a
        // fresh machine, and your own ledger (which 'record' reads) stays untouched.
        ConsentLedger demoLedger = ConsentLedger.open(consentDir);
        Consent consent = grantForThisRun(demoLedger, "hello", PART_CONSENT);
        root.err.println("The demo grants itself consent " + consent.id() + " for the 'hello' adapter only, for this run only."
            + " 'understudy record' needs your own: understudy consent grant --adapter NAME");
        Recording recording = Recording.builder()
            .storeDirectory(home.sessions())
            .consent(demoLedger)
            .adapter(hello.provider(), hello.pluginId(), hello.pluginVersion())
            .config("adapter.hello.delay-ms", Long.toString(delay.toMillis()))
            .start();
        int code = new CaptureLoop(root, Duration.ofMinutes(2), Duration.ofMillis(Math.max(1000, delay.toMillis() * 5))).run(recording);
        if (code != ExitCodes.OK) {
          return code;
        }
        printTimeline(root, home, recording.sessionIdText(), (a, seqs) -> "");
        return ExitCodes.OK;
      }
    } finally {
      deleteTree(plugins);
      deleteTree(consentDir);
    }
  }

  /**
   * Prints a session's timeline, each line followed by what {@code extra} says of its action (given the
   * seq of every action printed so far, by id), then the commands to look further.
   */
  static void printTimeline(Understudy root, Home home, String id,
      java.util.function.BiFunction<Action, Map<ByteString, Long>, String> extra) throws IOException {
    SessionStore store = SessionStore.open(home.sessions());
    Timeline timeline = new Timeline(ZoneId.systemDefault());
    root.out.println();
    root.out.println(root.style.bold("Timeline of session " + id));
    root.out.println(timeline.header());
    Map<ByteString, Long> seqs = new HashMap<>();
    try (SessionReader reader = store.reader(SessionId.parse(id))) {
      while (reader.hasNext()) {
        Action a = reader.next();
        seqs.put(a.getId(), a.getSeq());
        root.out.println(timeline.line(a) + extra.apply(a, seqs));
      }
    }
    String prefix = id.substring(0, 13);
    root.out.println();
    root.out.println("Next: understudy sessions | understudy inspect " + prefix + " | understudy verify " + prefix
        + " | understudy export " + prefix + " --format jsonl");
  }

  private static void unpack(String resource, Path to) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CliException(ExitCodes.INTERNAL, "the demo plugin is missing from this build (" + resource
            + "); rebuild with 'mvn -DskipTests install'");
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** How long a part's own consent lasts: {@value #PART_CONSENT_MINUTES} minutes, longer than any part runs. */
  static final long PART_CONSENT_MINUTES = 5;
  static final Duration PART_CONSENT = Duration.ofMinutes(PART_CONSENT_MINUTES);

  /**
   * Grants a demo part consent for {@code adapter} in the part's own ledger (never the person's), for
   * any application, expiring after {@code lasting}.
   */
  static Consent grantForThisRun(ConsentLedger ledger, String adapter, Duration lasting) throws IOException {
    return ledger.grant(adapter, Consent.ANY, Instant.now().plus(lasting), "granted by 'understudy demo' for this run only");
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
