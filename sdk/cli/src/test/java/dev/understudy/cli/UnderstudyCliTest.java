package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnderstudyCliTest {

  @TempDir Path home;
  Path plugins;

  @BeforeEach
  void installHelloPlugin() throws IOException {
    plugins = BundledHelloPlugin.install(home).getParent();
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "hello").exitCode()).isZero();
  }

  private String recordOne() {
    CliRun run = CliRun.run(home, "record", "--duration", "1s", "--set", "adapter.hello.delay-ms=1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return sessionIds().get(0);
  }

  private List<String> sessionIds() {
    try (Stream<Path> dirs = Files.list(home.resolve("sessions"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private byte[] storeBytes() throws IOException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(home.resolve("sessions"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.write(Files.readAllBytes(f));
      }
    }
    return all.toByteArray();
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    CliRun run = CliRun.run(null, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("demo", "record", "sessions", "inspect", "export", "verify", "plugins", "consent", "pause",
        "resume", "replay", "lsp-capture", "Exit codes:", "4  verify found damage", "6  record has no consent");
  }

  @Test
  void demoRecordsScriptedSessionsAndPrintsTheirTimelinesWithoutThePassword() throws IOException {
    CliRun run = CliRun.run(home, "demo", "--delay", "1ms");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Timeline of session", "session_start", "window_switch", ".uno:Bold",
        "button \"Save\" in dialog \"Save As\"", "(value not recorded)", "session_end");
    assertThat(run.err()).contains("● RECORDING", "■ stopped");
    assertThat(run.err()).contains("Plugin 'hello-adapter': signed by key SHA256:");
    // The editor part (EditorDemo): Neovim through the LSP proxy to pylsp, each outcome and cause shown.
    assertThat(run.out()).contains("textDocument/hover", "← shown, showed greet(name)", "textDocument/definition",
        "← accepted, took greet(name)", "textDocument/rename", "(newName=welcome)", "← caused by #", "save  /");
    // The browser part (BrowserDemo): headless Chromium, recorded by the browser adapter, then replayed.
    assertThat(run.out()).contains("button \"Create account\"", "Replay of session", " 0 not found or failed");
    assertThat(sessionIds()).hasSize(3);
    assertThat(new String(storeBytes(), StandardCharsets.ISO_8859_1)).doesNotContain("correct horse", BrowserDemo.PASSWORD);
  }

  @Test
  void sessionsSaysSoWhenThereAreNoneAndListsThemOtherwise() {
    CliRun empty = CliRun.run(home, "sessions");
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.out()).contains("No sessions yet");
    String id = recordOne();
    CliRun listed = CliRun.run(home, "sessions");
    assertThat(listed.out()).contains("SESSION", id, "ended", "browser,notes");
    assertThat(listed.out().lines().filter(l -> l.contains(id)).findFirst().orElseThrow()).contains(" 15 ");
  }

  @Test
  void inspectPrintsATimelineFromASeqWithALimit() {
    String id = recordOne();
    CliRun all = CliRun.run(home, "inspect", id.substring(0, 13));
    assertThat(all.exitCode()).isZero();
    assertThat(all.out().lines().filter(l -> l.matches("^\\d+\\s.*"))).hasSize(17);
    CliRun part = CliRun.run(home, "inspect", id, "--from-seq", "5", "--limit", "2");
    assertThat(part.out().lines().filter(l -> l.matches("^\\d+\\s.*")).map(l -> l.split("\\s+")[0]))
        .containsExactly("5", "6");
  }

  @Test
  void unknownOrAmbiguousSessionIsOneClearLineWithExitThree() {
    CliRun none = CliRun.run(home, "inspect", "abc");
    assertThat(none.exitCode()).isEqualTo(3);
    assertThat(none.errorLines()).singleElement().asString().contains("no sessions in");
    recordOne();
    recordOne();
    CliRun unknown = CliRun.run(home, "verify", "ffff");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.errorLines()).singleElement().asString().contains("'ffff'");
    CliRun ambiguous = CliRun.run(home, "export", "0", "--format", "jsonl");
    assertThat(ambiguous.exitCode()).isEqualTo(3);
    assertThat(ambiguous.errorLines()).singleElement().asString().contains("'0'");
  }

  @Test
  void exportWritesJsonLinesToStandardOutputOrAFileAndRefusesToOverwrite() throws IOException {
    String id = recordOne();
    CliRun stdout = CliRun.run(home, "export", id, "--format", "jsonl");
    assertThat(stdout.exitCode()).isZero();
    List<String> lines = stdout.out().lines().toList();
    assertThat(lines).hasSize(17).allSatisfy(l -> assertThat(l).startsWith("{\"kind\":\"").endsWith("}"));
    assertThat(lines.get(0)).contains("\"session_id\":\"" + id + "\"");

    Path file = home.resolve("out.jsonl");
    assertThat(CliRun.run(home, "export", id, "--format", "jsonl", "-o", file.toString()).exitCode()).isZero();
    assertThat(Files.readAllLines(file)).isEqualTo(lines);
    CliRun again = CliRun.run(home, "export", id, "--format", "jsonl", "-o", file.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.errorLines()).singleElement().asString().contains("--force");
    assertThat(CliRun.run(home, "export", id, "--format", "jsonl", "-o", file.toString(), "--force").exitCode()).isZero();
    try (Stream<Path> left = Files.list(home)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void exportRejectsUnknownFormatsAndMissingDirectoriesWithoutTouchingTheSession() throws IOException {
    String id = recordOne();
    byte[] before = storeBytes();
    CliRun format = CliRun.run(home, "export", id, "--format", "csv");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("expected one of [jsonl]");
    CliRun missing = CliRun.run(home, "export", id, "--format", "jsonl", "-o", home.resolve("no/such/dir/x.jsonl").toString());
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.errorLines()).singleElement().asString().contains("does not exist");
    assertThat(storeBytes()).isEqualTo(before);
    assertThat(CliRun.run(home, "verify", id).exitCode()).isZero();
  }

  @Test
  void verifySaysOkForAnIntactSessionAndExitsFourNamingTheDamage() throws IOException {
    String id = recordOne();
    CliRun ok = CliRun.run(home, "verify", id);
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out()).contains(": OK", "ended cleanly");

    Path segment;
    try (Stream<Path> files = Files.list(home.resolve("sessions").resolve(id))) {
      segment = files.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(segment, bytes);
    CliRun damaged = CliRun.run(home, "verify", id);
    assertThat(damaged.exitCode()).isEqualTo(4);
    assertThat(damaged.out()).contains("DAMAGED", segment.getFileName().toString());
    assertThat(Files.readAllBytes(segment)).as("verify never changes the session").isEqualTo(bytes);
  }

  @Test
  void pluginsListsVersionsCapabilitiesAndProblems() throws IOException {
    Files.writeString(plugins.resolve("broken.jar"), "not a jar");
    CliRun run = CliRun.run(home, "plugins");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("hello-adapter", "adapter hello", "interactions", "text content", "signed by key SHA256:",
        "Refused", "broken.jar: refused: not signed");
    CliRun missing = CliRun.run(home, "plugins", "--plugins", home.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(3);
  }

  @Test
  void recordRejectsBadInputWithOneLineNamingIt() throws IOException {
    CliRun key = CliRun.run(home, "record", "--duration", "1s", "--set", "adapter.hello.dealy-ms=5");
    assertThat(key.exitCode()).isEqualTo(2);
    assertThat(key.errorLines()).singleElement().asString().contains("adapter.hello.dealy-ms", "delay-ms");
    CliRun adapter = CliRun.run(home, "record", "--duration", "1s", "--adapter", "nope");
    assertThat(adapter.exitCode()).isEqualTo(2);
    assertThat(adapter.errorLines()).singleElement().asString().contains("'nope'", "hello");
    CliRun duration = CliRun.run(home, "record", "--duration", "soon");
    assertThat(duration.exitCode()).isEqualTo(2);
    assertThat(duration.err()).contains("'soon' is not a duration");
    CliRun config = CliRun.run(home, "record", "--config", home.resolve("missing.properties").toString());
    assertThat(config.exitCode()).isEqualTo(3);
    CliRun dir = CliRun.run(home, "record", "--plugins", home.resolve("nowhere").toString());
    assertThat(dir.exitCode()).isEqualTo(3);
    assertThat(Files.exists(home.resolve("sessions")) ? sessionIds() : List.of()).as("bad input records nothing").isEmpty();
  }

  @Test
  void recordReadsAConfigFileAndExitsFiveWhenNoAdapterStartsKeepingTheSession() throws IOException {
    Path config = home.resolve("understudy.properties");
    Files.writeString(config, "adapter.hello.script=" + home.resolve("missing-script.txt") + "\n");
    CliRun run = CliRun.run(home, "record", "--config", config.toString(), "--duration", "1s");
    assertThat(run.exitCode()).isEqualTo(5);
    assertThat(run.err()).contains("no adapter started", "missing-script.txt");
    String id = sessionIds().get(0);
    assertThat(CliRun.run(home, "verify", id).exitCode()).as("the session still ends cleanly").isZero();
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.run(null, "frobnicate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'frobnicate'");
  }
}
