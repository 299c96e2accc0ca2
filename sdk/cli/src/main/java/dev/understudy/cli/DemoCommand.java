package dev.understudy.cli;

import dev.understudy.api.AdapterProvider;
import dev.understudy.core.Recording;
import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.plugin.LoadedProvider;
import dev.understudy.core.plugin.PluginHost;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Records a scripted session with the bundled hello adapter and prints its timeline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Record a short scripted session on embedded defaults and print its timeline.",
      "The hello adapter plugin, bundled with the command, plays a person writing a report and signing",
      "in to publish it; it is loaded through the real plugin host and recorded into the session store."
    })
final class DemoCommand implements Callable<Integer> {

  /** Where the build puts the hello adapter plugin inside this jar. */
  static final String BUNDLED_PLUGIN = "/dev/understudy/cli/demo/hello-adapter.jar";

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;

  @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Pause between the script's steps (default: 100ms).")
  Duration delay = Duration.ofMillis(100);

  @Override
  public Integer call() throws Exception {
    Home home = homeOption.resolve(root);
    Path plugins = Files.createTempDirectory("understudy-demo-plugins");
    Path consentDir = Files.createTempDirectory("understudy-demo-consent");
    try {
      unpackBundledPlugin(plugins);
      try (PluginHost host = PluginHost.load(plugins)) {
        if (!host.problems().isEmpty()) {
          throw new CliException(ExitCodes.INTERNAL, "the bundled demo plugin did not load: " + host.problems());
        }
        LoadedProvider<AdapterProvider> hello = host.adapter("hello");
        root.err.println("Understudy demo: recording a scripted session with the '" + hello.pluginId() + "' plugin into "
            + home.sessions());
        // The demo consents for itself, in a ledger of its own that ends with the demo: one command on a
        // fresh machine, and your own ledger (which 'record' reads) stays untouched.
        ConsentLedger demoLedger = ConsentLedger.open(consentDir);
        Consent consent = demoLedger.grant("hello", Consent.ANY, Instant.now().plus(Duration.ofMinutes(5)),
            "granted by 'understudy demo' for this run only");
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
        printTimeline(home, recording.sessionIdText());
        return ExitCodes.OK;
      }
    } finally {
      deleteTree(plugins);
      deleteTree(consentDir);
    }
  }

  private void printTimeline(Home home, String id) throws IOException {
    SessionStore store = SessionStore.open(home.sessions());
    Timeline timeline = new Timeline(ZoneId.systemDefault());
    root.out.println();
    root.out.println(root.style.bold("Timeline of session " + id));
    root.out.println(timeline.header());
    try (SessionReader reader = store.reader(SessionId.parse(id))) {
      while (reader.hasNext()) {
        root.out.println(timeline.line(reader.next()));
      }
    }
    String prefix = id.substring(0, 13);
    root.out.println();
    root.out.println("Next: understudy sessions | understudy inspect " + prefix + " | understudy verify " + prefix
        + " | understudy export " + prefix + " --format jsonl");
  }

  private static void unpackBundledPlugin(Path dir) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED_PLUGIN)) {
      if (in == null) {
        throw new CliException(ExitCodes.INTERNAL, "the demo plugin is missing from this build (" + BUNDLED_PLUGIN
            + "); rebuild with 'mvn -DskipTests install'");
      }
      Files.copy(in, dir.resolve("hello-adapter.jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
