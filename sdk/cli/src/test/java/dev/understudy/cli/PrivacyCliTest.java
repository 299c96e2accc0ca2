package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** consent, pause and resume, and record under consent and policy. */
class PrivacyCliTest {

  @TempDir Path home;

  @BeforeEach
  void installHelloPlugin() throws IOException {
    BundledHelloPlugin.install(home);
  }

  private List<String> sessionIds() throws IOException {
    if (!Files.exists(home.resolve("sessions"))) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(home.resolve("sessions"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String idFrom(CliRun grant) {
    return grant.out().replaceAll("(?s).*consent (c-[0-9a-f]+).*", "$1");
  }

  @Test
  void recordWithoutConsentRecordsNothingAndSaysHowToGrantIt() throws IOException {
    CliRun run = CliRun.run(home, "record", "--duration", "1s");
    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(run.errorLines()).singleElement().asString()
        .contains("adapter 'hello' has no consent: run 'understudy consent grant --adapter hello'", "nothing was recorded");
    assertThat(sessionIds()).isEmpty();
  }

  @Test
  void grantListRevokeAndRecordOnlyWhileInForce() throws IOException {
    CliRun grant = CliRun.run(home, "consent", "grant", "--adapter", "hello", "--expires", "30d", "--note", "pilot study");
    assertThat(grant.exitCode()).as(grant.err()).isZero();
    assertThat(grant.out()).contains("Granted consent c-", "adapter hello, every app", "until 20");
    String id = idFrom(grant);
    CliRun list = CliRun.run(home, "consent", "list");
    assertThat(list.out()).contains("ID", "SCOPE", "STATUS", id, "adapter hello, every app", "active", "pilot study");

    CliRun record = CliRun.run(home, "record", "--duration", "1s", "--set", "adapter.hello.delay-ms=1");
    assertThat(record.exitCode()).as(record.err()).isZero();
    assertThat(record.err()).contains("● RECORDING", "under consent " + id, "policy ");
    String session = sessionIds().get(0);
    assertThat(CliRun.run(home, "inspect", session).out()).contains("consent " + id);

    CliRun revoke = CliRun.run(home, "consent", "revoke", id);
    assertThat(revoke.exitCode()).isZero();
    assertThat(revoke.out()).contains("Revoked consent " + id);
    assertThat(CliRun.run(home, "consent", "list").out()).contains("revoked");
    assertThat(CliRun.run(home, "consent", "revoke", id).out()).contains("already revoked");
    assertThat(CliRun.run(home, "record", "--duration", "1s").exitCode()).isEqualTo(6);
  }

  @Test
  void consentRejectsBadInputWithOneClearLine() {
    CliRun noScope = CliRun.run(home, "consent", "grant");
    assertThat(noScope.exitCode()).isEqualTo(2);
    assertThat(noScope.errorLines()).singleElement().asString().contains("--adapter NAME, or --all");
    CliRun star = CliRun.run(home, "consent", "grant", "--adapter", "*");
    assertThat(star.exitCode()).isEqualTo(2);
    assertThat(star.errorLines()).singleElement().asString().contains("use --all");
    CliRun expires = CliRun.run(home, "consent", "grant", "--adapter", "hello", "--expires", "someday");
    assertThat(expires.exitCode()).isEqualTo(2);
    assertThat(expires.errorLines()).singleElement().asString().contains("--expires: 'someday' is not a duration");
    CliRun past = CliRun.run(home, "consent", "grant", "--adapter", "hello", "--expires", "2001-01-01");
    assertThat(past.exitCode()).isEqualTo(2);
    assertThat(past.errorLines()).singleElement().asString().contains("in the past");
    CliRun unknown = CliRun.run(home, "consent", "revoke", "c-0000000000");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.errorLines()).singleElement().asString().contains("no consent with id 'c-0000000000'");
    CliRun nothing = CliRun.run(home, "consent", "revoke");
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(CliRun.run(home, "consent", "list").out()).contains("No consent given yet");
  }

  @Test
  void allAdaptersNeedsTheExplicitFlagAndAppScopeIsShown() {
    CliRun all = CliRun.run(home, "consent", "grant", "--all", "--app", "notes");
    assertThat(all.exitCode()).isZero();
    assertThat(all.out()).contains("every adapter, app notes", "until revoked");
    CliRun byApp = CliRun.run(home, "consent", "revoke", "--app", "notes");
    assertThat(byApp.out()).contains("Revoked consent c-");
  }

  @Test
  void expiresAcceptsDurationsDatesAndDateTimes() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(ConsentCommand.parseExpiry("2h", now)).isEqualTo(now.plusSeconds(7200));
    assertThat(ConsentCommand.parseExpiry("2030-01-02T10:00:00Z", now)).isEqualTo(Instant.parse("2030-01-02T10:00:00Z"));
    assertThat(ConsentCommand.parseExpiry("2030-01-05", now)).isAfter(Instant.parse("2030-01-05T00:00:00Z").minusSeconds(15 * 3600));
  }

  @Test
  void pauseOrResumeWithNoRecordingRunningSaysSo() {
    CliRun pause = CliRun.run(home, "pause");
    assertThat(pause.exitCode()).isEqualTo(3);
    assertThat(pause.errorLines()).singleElement().asString().contains("no recording is running in", "nothing to pause");
    CliRun resume = CliRun.run(home, "resume");
    assertThat(resume.exitCode()).isEqualTo(3);
    assertThat(resume.errorLines()).singleElement().asString().contains("nothing to resume");
  }

  @Test
  void pauseAndResumeReachARunningRecorder() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "hello").exitCode()).isZero();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> record = CompletableFuture.supplyAsync(() -> Understudy.execute(
        new String[] {"record", "--home", home.toString(), "--duration", "3s", "--set", "adapter.hello.delay-ms=150"},
        Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), new Style(false)));
    await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("● RECORDING"));
    CliRun pause = CliRun.run(home, "pause");
    assertThat(pause.exitCode()).as(pause.err()).isZero();
    assertThat(pause.out()).contains("PAUSED");
    await().atMost(Duration.ofSeconds(1)).until(() -> err.toString().contains("❚❚ PAUSED — nothing is captured"));
    CliRun resume = CliRun.run(home, "resume");
    assertThat(resume.exitCode()).isZero();
    await().atMost(Duration.ofSeconds(1)).until(() -> err.toString().contains("● RECORDING — resumed."));
    assertThat(record.get()).as(err.toString()).isZero();
    assertThat(Files.exists(home.resolve("control/paused"))).isFalse();
    String session = sessionIds().get(0);
    assertThat(CliRun.run(home, "inspect", session).out()).contains("capture paused by the person", "capture resumed");
  }

  @Test
  void aBadPolicyFileStopsRecordBeforeAnythingIsRecorded() throws IOException {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "hello").exitCode()).isZero();
    Files.writeString(home.resolve("policy.yaml"), "apps:\n  deny: [notes]\ncapabilities:\n  clipboard: true\n");
    CliRun run = CliRun.run(home, "record", "--duration", "1s");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errorLines()).singleElement().asString().contains("policy.yaml:4: key 'capabilities.clipboard': unknown key");
    assertThat(sessionIds()).isEmpty();
  }

  @Test
  void aPolicyFileDenyingAnAppKeepsItsActionsOut() throws IOException {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "hello").exitCode()).isZero();
    Path policy = home.resolve("strict.yaml");
    Files.writeString(policy, "apps:\n  deny: [browser]\n");
    CliRun run = CliRun.run(home, "record", "--policy", policy.toString(), "--duration", "1s", "--set", "adapter.hello.delay-ms=1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String timeline = CliRun.run(home, "inspect", sessionIds().get(0)).out();
    assertThat(timeline).contains("notes").doesNotContain(" browser ");
  }
}
