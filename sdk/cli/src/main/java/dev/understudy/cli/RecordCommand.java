package dev.understudy.cli;

import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureClock;
import dev.understudy.core.Recording;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.consent.ConsentSet;
import dev.understudy.core.policy.PolicyException;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.core.plugin.LoadedProvider;
import dev.understudy.core.plugin.PluginHost;
import dev.understudy.core.retention.ExportLedger;
import dev.understudy.core.retention.ForgetReport;
import dev.understudy.core.retention.RetentionSweeper;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.StoreKey;
import dev.understudy.core.store.StoreOptions;
import dev.understudy.proto.v1.Durability;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Records a session with the adapters found in a plugins directory. */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {
      "Record a session with adapters from the plugins directory, until Ctrl-C or --duration.",
      "Shows a live count of actions and drops per adapter. The session ends cleanly either way.",
      "With a key (--key-file or $UNDERSTUDY_KEY) the session is encrypted at rest (AES-256-GCM).",
      "Records only with adapters you consented to ('understudy consent grant --adapter NAME'), under",
      "the privacy policy (--policy). 'understudy pause' and 'understudy resume' control it from another terminal."
    })
final class RecordCommand implements Callable<Integer> {

  /** Durability levels as written on the command line. */
  enum DurabilityOption {
    process_safe(Durability.DURABILITY_PROCESS_SAFE),
    power_safe(Durability.DURABILITY_POWER_SAFE);

    final Durability value;

    DurabilityOption(Durability value) {
      this.value = value;
    }
  }

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @Mixin PluginTrust trust;
  @Mixin KeyOption keyOption;

  @Option(names = "--plugins", paramLabel = "DIR", description = "Plugins directory (default: <home>/plugins).")
  Path pluginsDir;

  @Option(names = {"-a", "--adapter"}, paramLabel = "NAME",
      description = {"Adapter to record with; repeat for several (default: every adapter in the plugins directory).",
          "Adapters built into the tool (see 'understudy plugins') are used only when named here."})
  List<String> adapters = new ArrayList<>();

  @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long: 30s, 5m, 2h (default: until Ctrl-C).")
  Duration duration;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A configuration value, e.g. adapter.hello.delay-ms=100. Repeatable; overrides --config.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file of configuration values (KEY=VALUE lines).")
  Path configFile;

  @Option(names = "--durability", paramLabel = "LEVEL",
      description = "process_safe (default: acknowledged once written to the OS) or power_safe (fsynced, group commit).")
  DurabilityOption durability = DurabilityOption.process_safe;

  @Option(names = "--retention", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Before recording, forget sessions (and their exports) that started longer ago than this: 30d, 12h.")
  Duration retention;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "The privacy policy (YAML, see docs/policy.md). Default: <home>/policy.yaml if it exists, else the built-in defaults.")
  Path policyFile;

  @Override
  public Integer call() throws Exception {
    Home home = homeOption.resolve(root);
    Path dir = pluginsDir != null ? pluginsDir : home.plugins();
    if (pluginsDir == null && !adapters.isEmpty()) {
      Files.createDirectories(dir); // built-in adapters need no plugins, but the host wants its directory
    }
    if (!Files.isDirectory(dir)) {
      throw new CliException(ExitCodes.NOT_FOUND, "plugins directory " + dir
          + " does not exist; put adapter plugin jars there or pass --plugins DIR (try 'understudy demo' first)");
    }
    Map<String, String> config = readConfig();
    StoreKey key = keyOption.resolve(root);
    PrivacyPolicy policy = readPolicy(policyFile, home);
    ConsentLedger ledger = ConsentLedger.open(home.consent());
    try (PluginHost host = PluginHost.load(dir, trust.hostOptions(home, root))) {
      host.problems().forEach(p -> root.err.println(root.style.yellow("understudy: plugin problem: " + p)));
      List<LoadedProvider<AdapterProvider>> chosen = new ArrayList<>();
      if (adapters.isEmpty()) {
        chosen.addAll(host.adapters());
      } else {
        for (String name : adapters) {
          chosen.add(find(host, name));
        }
      }
      if (chosen.isEmpty()) {
        throw new CliException(ExitCodes.USAGE, "no adapters in " + dir + "; see 'understudy plugins --plugins " + dir + "'");
      }
      ConsentSet consents = ledger.valid();
      List<String> withoutConsent = chosen.stream().map(a -> a.provider().name()).filter(n -> !consents.coversAdapter(n)).toList();
      if (withoutConsent.size() == chosen.size()) {
        throw new CliException(ExitCodes.NO_CONSENT, withoutConsent.stream()
            .map(n -> "adapter '" + n + "' has no consent: run 'understudy consent grant --adapter " + n + "'")
            .collect(Collectors.joining("; ")) + " — nothing was recorded");
      }
      withoutConsent.forEach(n -> root.err.println(root.style.yellow(
          "understudy: adapter '" + n + "' has no consent and is left out: run 'understudy consent grant --adapter " + n + "'")));
      StoreOptions.Builder storeOptions = StoreOptions.builder();
      if (key != null) {
        storeOptions.encryptionKey(key);
        root.err.println("understudy: encrypting the session with key " + key.fingerprint());
      }
      Recording.Builder builder = Recording.builder().storeDirectory(home.sessions(), storeOptions)
          .durability(durability.value).config(config).policy(policy).consent(ledger);
      chosen.forEach(a -> builder.adapter(a.provider(), a.pluginId(), a.pluginVersion()));
      Duration keep = retention != null ? retention : policy.retention().orElse(null);
      if (keep != null) {
        sweep(home, keep);
      }
      Control control = new Control(home.control());
      Recording recording = builder.start();
      int code;
      control.register();
      try {
        code = new CaptureLoop(root, duration, null, control).run(recording);
      } finally {
        control.unregister();
      }
      root.err.println("Session " + recording.sessionIdText() + " — see it with: understudy inspect "
          + recording.sessionIdText().substring(0, 13));
      return code;
    }
  }

  /** The adapter with this name from the plugins directory, else a built-in one. */
  private static LoadedProvider<AdapterProvider> find(PluginHost host, String name) {
    boolean inPlugins = host.adapters().stream().anyMatch(a -> a.provider().name().equals(name));
    if (inPlugins) {
      return host.adapter(name);
    }
    return BuiltInAdapters.find(name).orElseGet(() -> {
      List<String> known = new ArrayList<>(host.adapters().stream().map(a -> a.provider().name()).toList());
      known.addAll(BuiltInAdapters.names());
      throw new CliException(ExitCodes.USAGE, "no adapter named '" + name + "'; available: "
          + (known.isEmpty() ? "none" : String.join(", ", known)));
    });
  }

  private void sweep(Home home, Duration keep) throws IOException {
    ForgetReport report = RetentionSweeper.sweep(SessionStore.open(home.sessions()),
        ExportLedger.at(home.exportLedger()), keep, CaptureClock.system());
    if (!report.nothingRemoved() || !report.skipped().isEmpty()) {
      root.err.println("understudy: retention " + keep + ": " + report.describe());
    }
  }

  /** The policy in {@code policyFile}, else {@code <home>/policy.yaml} if it exists, else the defaults. */
  static PrivacyPolicy readPolicy(Path policyFile, Home home) throws IOException {
    Path file = policyFile != null ? policyFile : Files.isRegularFile(home.policyFile()) ? home.policyFile() : null;
    if (file == null) {
      return PrivacyPolicy.defaults();
    }
    if (!Files.isReadable(file)) {
      throw new CliException(ExitCodes.NOT_FOUND, "cannot read policy file " + file);
    }
    try {
      return PrivacyPolicy.load(file);
    } catch (PolicyException e) {
      throw new CliException(ExitCodes.USAGE, "policy " + e.getMessage() + " — nothing was recorded");
    }
  }

  private Map<String, String> readConfig() throws IOException {
    Map<String, String> config = new LinkedHashMap<>();
    if (configFile != null) {
      if (!Files.isReadable(configFile)) {
        throw new CliException(ExitCodes.NOT_FOUND, "cannot read configuration file " + configFile);
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      p.stringPropertyNames().stream().sorted().forEach(k -> config.put(k, p.getProperty(k)));
    }
    config.putAll(settings);
    return config.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
  }
}
