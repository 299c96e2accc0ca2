package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.testing.Canaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets pushed through a real adapter plugin — typed, typed key by key, pasted, in window
 * titles, URLs and file names — then every byte Understudy wrote (the session store, its ledgers, and
 * an export) is searched. Not one canary, nor a long fragment of one, may be found.
 */
class CanaryTest {

  /** Each canary, and how it reaches the adapter. */
  private static final Map<String, String> CANARIES = new LinkedHashMap<>();

  static {
    CANARIES.put("canary.person@example.org", "window title, typed text and a file path");
    CANARIES.put("+49 30 90182734", "window title");
    CANARIES.put("AKIACANARY7Q2W3E4R5T", "typed text");
    CANARIES.put("ghp_CANARYaaaaBBBBccccDDDDeeeeFFFF012345", "typed one key at a time");
    CANARIES.put("4111 1111 1111 1111", "pasted");
    CANARIES.put("CanaryHorseBattery42", "typed into a password field");
    CANARIES.put("CanaryUrlPass77", "password in a URL");
    CANARIES.put("CanaryTok9f8e7d6c5b4a", "token in a URL query");
    CANARIES.put("DE89370400440532013000", "IBAN in a file name");
  }

  @TempDir Path home;
  @TempDir Path exports;

  @Test
  void noCanaryReachesTheStoreTheLedgersOrAnExport() throws IOException {
    BundledHelloPlugin.install(home);
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "hello").exitCode()).isZero();
    // Outside the home: only what Understudy wrote is searched.
    Path script = exports.getParent().resolve(exports.getFileName() + "-script.txt");
    Files.writeString(script, String.join("\n",
        "window mail | Inbox - canary.person@example.org - Mail",
        "focus textbox \"Note\"",
        "type textbox \"Note\" = call me at +49 30 90182734 or write to canary.person@example.org",
        "type textbox \"Settings\" = aws_access_key_id AKIACANARY7Q2W3E4R5T",
        "keys textbox \"GitHub token\" = ghp_CANARYaaaaBBBBccccDDDDeeeeFFFF012345",
        "click button \"Save token\"",
        "paste textbox \"Card number\" = 4111 1111 1111 1111",
        "type password \"Password\" = CanaryHorseBattery42",
        "window browser | Support +49 30 90182734 - Browser",
        "navigate https://canaryuser:CanaryUrlPass77@intranet.example.com/app?access_token=CanaryTok9f8e7d6c5b4a&page=2",
        "open /home/demo/Statement-DE89370400440532013000.pdf",
        "save /home/canary.person@example.org/notes.txt",
        ""), StandardCharsets.UTF_8);

    assertThat(Files.readString(script)).as("every canary is in the script the adapter plays").contains(CANARIES.keySet());

    CliRun record = CliRun.run(home, "record", "--duration", "3s",
        "--set", "adapter.hello.script=" + script, "--set", "adapter.hello.delay-ms=1");
    assertThat(record.exitCode()).as(record.err()).isZero();
    String id;
    try (Stream<Path> sessions = Files.list(home.resolve("sessions"))) {
      id = sessions.map(p -> p.getFileName().toString()).filter(n -> n.length() == 36).findFirst().orElseThrow();
    }

    // The adapter really captured: every step is in the session, with its redactions recorded.
    CliRun inspect = CliRun.run(home, "inspect", id);
    assertThat(inspect.exitCode()).isZero();
    assertThat(inspect.out()).contains("window_switch", "value_change", "clipboard", "navigate", "file_event", "redacted");
    CliRun export = CliRun.run(home, "export", id, "--format", "jsonl", "-o", exports.resolve("session.jsonl").toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    String exported = Files.readString(exports.resolve("session.jsonl"));
    assertThat(exported).contains("\"rule_id\":\"email\"", "\"rule_id\":\"github-token\"", "\"rule_id\":\"policy-capability\"",
        "\"value_omitted\":true", "<EMAIL:");

    String everything = Canaries.allBytes(home) + Canaries.allBytes(exports) + inspect.out() + inspect.err() + record.err()
        + CliRun.run(home, "sessions").out();
    List<String> found = Canaries.find(everything, CANARIES);
    Files.delete(script);
    assertThat(found).as("canaries found in what Understudy wrote").isEmpty();
  }

}
