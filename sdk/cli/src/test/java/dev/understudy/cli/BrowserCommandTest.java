package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.plugins.browser.nativehost.ExtensionBundle;
import dev.understudy.proto.v1.Action;
import dev.understudy.testing.Canaries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code understudy browser install} and {@code understudy browser native-host}. */
class BrowserCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HELLO = "{\"type\":\"hello\",\"protocol\":1,\"extension\":\"0.1.0\"}";
  private static final String CLICK = "{\"type\":\"recorder\",\"tab\":1,\"frame\":0,\"message\":{\"v\":1,\"rid\":\"r1234567\",\"seq\":1,"
      + "\"t\":1700000000000,\"type\":\"click\",\"frame\":{\"url\":\"http://127.0.0.1/form\",\"top\":true,\"title\":\"Form\"},"
      + "\"target\":{\"role\":\"button\",\"name\":\"Send\",\"tag\":\"button\",\"secure\":false,\"roleNameCount\":1,"
      + "\"locators\":[{\"kind\":\"css\",\"value\":\"#send\",\"count\":1}],\"shadow\":[],\"context\":[]},\"method\":\"click\",\"button\":0}}";

  @TempDir Path home;
  @TempDir Path elsewhere;

  private static JsonNode json(Path file) throws Exception {
    return JSON.readTree(Files.readString(file));
  }

  private Path launcher() {
    return home.resolve("browser").resolve(BrowserCommand.LAUNCHER);
  }

  @Test
  void installWritesTheManifestTheLauncherAndTheExtensionIntoTheGivenDirectory() throws Exception {
    Path dir = elsewhere.resolve("profile").resolve("NativeMessagingHosts");
    CliRun run = CliRun.run(home, "browser", "install", "--dir", dir.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    JsonNode manifest = json(dir.resolve("dev.understudy.host.json"));
    assertThat(manifest.get("name").asText()).isEqualTo("dev.understudy.host");
    assertThat(manifest.get("type").asText()).isEqualTo("stdio");
    assertThat(manifest.get("path").asText()).isEqualTo(launcher().toString());
    assertThat(manifest.get("allowed_origins").toString()).isEqualTo("[\"chrome-extension://" + ExtensionBundle.CHROMIUM_ID + "/\"]");

    String script = Files.readString(launcher());
    assertThat(script).startsWith("#!/bin/sh\n");
    assertThat(script).contains("exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "'",
        "'dev.understudy.cli.Understudy' 'browser' 'native-host' '--home' '" + home + "' \"$@\"");
    assertThat(Files.getPosixFilePermissions(launcher())).contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(home.resolve("browser/extension/manifest.json")).isRegularFile();
    assertThat(home.resolve("browser/extension/content.js")).isRegularFile();
    assertThat(run.out()).contains(dir.resolve("dev.understudy.host.json").toString(), "--load-extension=" + home.resolve("browser/extension"),
        "understudy consent grant --adapter browser");
  }

  @Test
  void installWritesForChromiumAndChromeInTheUsersConfigurationByDefault() throws Exception {
    CliRun run = CliRun.run(home, Map.of("HOME", elsewhere.toString()), "browser", "install");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(json(elsewhere.resolve(".config/chromium/NativeMessagingHosts/dev.understudy.host.json")).get("path").asText())
        .isEqualTo(launcher().toString());
    assertThat(elsewhere.resolve(".config/google-chrome/NativeMessagingHosts/dev.understudy.host.json")).isRegularFile();
    assertThat(elsewhere.resolve(".mozilla")).doesNotExist();
  }

  @Test
  void installForFirefoxAllowsTheExtensionByIdAndTakesAnotherExtensionIdForChromium() throws Exception {
    String id = "abcdefghijklmnopabcdefghijklmnop";
    CliRun run = CliRun.run(home, Map.of("HOME", elsewhere.toString()), "browser", "install", "--browser", "firefox,chromium",
        "--extension-id", id);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(json(elsewhere.resolve(".mozilla/native-messaging-hosts/dev.understudy.host.json")).get("allowed_extensions").toString())
        .isEqualTo("[\"recorder@understudy.dev\"]");
    assertThat(json(elsewhere.resolve(".config/chromium/NativeMessagingHosts/dev.understudy.host.json")).get("allowed_origins").toString())
        .isEqualTo("[\"chrome-extension://" + id + "/\"]");
  }

  @Test
  void installBakesThePolicyIntoTheLauncher() throws Exception {
    Path policy = Files.writeString(elsewhere.resolve("it's policy.yaml"), "version: 1\n");
    CliRun run = CliRun.run(home, "browser", "install", "--dir", elsewhere.toString(), "--policy", policy.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(launcher())).contains("'--policy' '" + policy.toString().replace("'", "'\\''") + "'");
  }

  @Test
  void installRefusesBadOptions() {
    CliRun badId = CliRun.run(home, "browser", "install", "--dir", elsewhere.toString(), "--extension-id", "not-an-id");
    assertThat(badId.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badId.err()).contains("--extension-id");
    CliRun twoWithDir = CliRun.run(home, "browser", "install", "--dir", elsewhere.toString(), "--browser", "chromium", "--browser", "chrome");
    assertThat(twoWithDir.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(twoWithDir.err()).contains("--dir takes one --browser");
    CliRun unknown = CliRun.run(home, "browser", "install", "--browser", "netscape");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("netscape", "chromium, chrome or firefox");
    assertThat(elsewhere).isEmptyDirectory();
  }

  /** Parses a command line into the command object, so the test can give it the browser's streams. */
  private BrowserCommand.NativeHostCommand nativeHost(StringWriter err, byte[] fromBrowser, ByteArrayOutputStream toBrowser,
      String... options) {
    Understudy root = new Understudy(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), new Style(false));
    List<String> args = new java.util.ArrayList<>(List.of("browser", "native-host", "--home", home.toString()));
    args.addAll(List.of(options));
    args.add("chrome-extension://" + ExtensionBundle.CHROMIUM_ID + "/");
    CommandLine.ParseResult parsed = new CommandLine(root).parseArgs(args.toArray(String[]::new));
    BrowserCommand.NativeHostCommand command =
        (BrowserCommand.NativeHostCommand) parsed.subcommand().subcommand().commandSpec().userObject();
    command.fromBrowser = new ByteArrayInputStream(fromBrowser);
    command.toBrowser = toBrowser;
    return command;
  }

  private List<Action> onlySession() throws Exception {
    SessionStore store = SessionStore.open(home.resolve("sessions"));
    List<SessionSummary> sessions = store.list();
    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0).closedCleanly()).isTrue();
    try (SessionReader reader = store.reader(sessions.get(0).id())) {
      return reader.readAll();
    }
  }

  @Test
  void nativeHostWithoutConsentTellsTheExtensionWhyAndRecordsNothing() throws Exception {
    StringWriter err = new StringWriter();
    ByteArrayOutputStream toBrowser = new ByteArrayOutputStream();
    BrowserCommand.NativeHostCommand command = nativeHost(err, NativeFrames.of(HELLO), toBrowser);
    CliException e = org.assertj.core.api.Assertions.catchThrowableOfType(CliException.class, command::call);
    assertThat(e.exitCode()).isEqualTo(ExitCodes.NO_CONSENT);
    List<String> replies = NativeFrames.parse(toBrowser.toByteArray());
    assertThat(replies).hasSize(1);
    JsonNode status = JSON.readTree(replies.get(0));
    assertThat(status.get("recording").asBoolean()).isFalse();
    assertThat(status.get("error").asText()).contains("understudy consent grant --adapter browser");
    assertThat(home.resolve("sessions")).doesNotExist();
  }

  @Test
  void nativeHostRecordsTheExtensionsMessagesAndEndsWhenTheBrowserClosesThePort() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream toBrowser = new ByteArrayOutputStream();
    byte[] in = NativeFrames.of(HELLO, CLICK, "{\"type\":\"pause\"}", CLICK.replace("\"seq\":1", "\"seq\":2"),
        "{\"type\":\"resume\"}", "garbage", CLICK.replace("\"seq\":1", "\"seq\":3"));

    int code = nativeHost(err, in, toBrowser).call();

    assertThat(code).as(err.toString()).isZero();
    List<JsonNode> replies = NativeFrames.parse(toBrowser.toByteArray()).stream().map(t -> {
      try {
        return JSON.readTree(t);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertThat(replies).extracting(r -> r.get("type").asText() + ":" + r.path("paused").asText(r.path("reason").asText()))
        .containsExactly("status:false", "status:true", "status:false", "error:malformed");
    List<Action> actions = onlySession();
    assertThat(replies.get(0).get("session").asText()).isNotEmpty();
    assertThat(actions).filteredOn(Action::hasInvoke).hasSize(2).allSatisfy(a -> {
      assertThat(a.getTarget().getRole()).isEqualTo("button");
      assertThat(a.getTarget().getName()).isEqualTo("Send");
      assertThat(a.getSource().getAdapterId()).isEqualTo("browser");
    });
    assertThat(actions).filteredOn(Action::hasPause).extracting(a -> a.getPause().getPaused()).containsExactly(true, false);
    assertThat(err.toString()).contains("the browser closed the connection", "2 recorder messages, 1 rejected");
  }

  @Test
  void maskedSitesSetForTheHostReachTheExtensionAndNoValueOfThemIsStored() throws Exception {
    CliRun install = CliRun.run(home, "browser", "install", "--dir", elsewhere.toString(),
        "--set", "adapter.browser.mask-values-hosts=127.0.0.*");
    assertThat(install.exitCode()).as(install.err()).isZero();
    assertThat(Files.readString(launcher())).contains("'--set' 'adapter.browser.mask-values-hosts=127.0.0.*'");

    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    String value = CLICK.replace("\"type\":\"click\"", "\"type\":\"value\"")
        .replace("\"method\":\"click\",\"button\":0", "\"valueKind\":\"text\",\"value\":\"canary-masked-5521\",\"omitted\":false,\"cause\":\"change\"")
        .replace("\"role\":\"button\",\"name\":\"Send\",\"tag\":\"button\"", "\"role\":\"textbox\",\"name\":\"Customer\",\"tag\":\"input\"");
    StringWriter err = new StringWriter();
    ByteArrayOutputStream toBrowser = new ByteArrayOutputStream();
    int code = nativeHost(err, NativeFrames.of(HELLO, value), toBrowser, "--set", "adapter.browser.mask-values-hosts=127.0.0.*").call();

    assertThat(code).as(err.toString()).isZero();
    JsonNode status = JSON.readTree(NativeFrames.parse(toBrowser.toByteArray()).get(0));
    assertThat(status.path("options").path("maskValuesHosts").toString()).isEqualTo("[\"127.0.0.*\"]");
    assertThat(onlySession()).filteredOn(Action::hasValueChange).singleElement()
        .satisfies(a -> assertThat(a.getValueChange().getValueOmitted()).isTrue());
    String stored = Canaries.allBytes(home);
    assertThat(stored).doesNotContain("canary-masked-5521");
  }

  @Test
  void aNativeHostWithAnUnknownSettingRefusesAndSaysWhich() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    ByteArrayOutputStream toBrowser = new ByteArrayOutputStream();
    BrowserCommand.NativeHostCommand command = nativeHost(new StringWriter(), NativeFrames.of(HELLO), toBrowser,
        "--set", "adapter.browser.no-such-key=1");
    CliException e = org.assertj.core.api.Assertions.catchThrowableOfType(CliException.class, command::call);
    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(e.getMessage()).contains("no-such-key");
    assertThat(JSON.readTree(NativeFrames.parse(toBrowser.toByteArray()).get(0)).path("error").asText()).contains("no-such-key");
  }

  @Test
  void aBrokenStreamEndsTheSessionCleanlyAndKeepsWhatWasRecorded() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream toBrowser = new ByteArrayOutputStream();
    String oversized = CLICK.replace("\"name\":\"Send\"", "\"name\":\"" + "x".repeat(3000) + "\"");
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(NativeFrames.of(HELLO, CLICK, oversized));
    in.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // a length with the sign bit set
    in.writeBytes(NativeFrames.of(CLICK.replace("\"seq\":1", "\"seq\":2")));
    BrowserCommand.NativeHostCommand command = nativeHost(err, in.toByteArray(), toBrowser);
    command.maxMessageBytes = 2048;

    int code = command.call();

    assertThat(code).isEqualTo(ExitCodes.CAPTURE_FAILED);
    assertThat(err.toString()).contains("the browser's stream broke", "1 recorder messages, 2 rejected");
    assertThat(NativeFrames.parse(toBrowser.toByteArray())).extracting(t -> JSON.readTree(t).path("reason").asText())
        .containsExactly("", "oversized", "negative-length");
    assertThat(onlySession()).filteredOn(Action::hasInvoke).hasSize(1);
  }

  @Test
  void revokingConsentStopsRecordingAndTellsTheExtension() throws Exception {
    ConsentLedger ledger = ConsentLedger.open(home.resolve("consent"));
    ledger.grant("browser", Consent.ANY, null, "");
    StringWriter err = new StringWriter();
    ByteArrayOutputStream toBrowser = new ByteArrayOutputStream();
    PipedOutputStream browser = new PipedOutputStream();
    BrowserCommand.NativeHostCommand command = nativeHost(err, new byte[0], toBrowser);
    command.fromBrowser = new PipedInputStream(browser, 1 << 16);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
      try {
        return command.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      browser.write(NativeFrames.of(HELLO, CLICK));
      browser.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> NativeFrames.parse(toBrowser.toByteArray()).size() == 1);

      ledger.revokeAdapter("browser");
      await().atMost(Duration.ofSeconds(30)).until(() -> NativeFrames.parse(toBrowser.toByteArray()).stream()
          .anyMatch(t -> t.contains("\"recording\":false")));
      browser.write(NativeFrames.of(CLICK.replace("\"seq\":1", "\"seq\":2")));
    } finally {
      browser.close(); // the browser closes the port
    }
    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    JsonNode last = JSON.readTree(NativeFrames.parse(toBrowser.toByteArray()).get(1));
    assertThat(last.get("error").asText()).contains("consent", "revoked");
    assertThat(onlySession()).filteredOn(Action::hasInvoke).hasSize(1);
  }

  /** The launcher as the browser runs it: a process with the extension's origin as argument. */
  @Test
  void theLauncherRunsTheHostAsAProcess() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    assertThat(CliRun.run(home, "browser", "install", "--dir", elsewhere.toString()).exitCode()).isZero();
    Process p = new ProcessBuilder(launcher().toString(), "chrome-extension://" + ExtensionBundle.CHROMIUM_ID + "/")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      p.getOutputStream().write(NativeFrames.of(HELLO, CLICK));
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      List<String> replies = NativeFrames.parse(out);
      assertThat(replies).hasSize(1);
      assertThat(JSON.readTree(replies.get(0)).get("recording").asBoolean()).isTrue();
      assertThat(onlySession()).filteredOn(Action::hasInvoke).hasSize(1);
    } finally {
      p.destroyForcibly();
    }
  }
}
