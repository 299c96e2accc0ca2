package dev.understudy.core;

import static dev.understudy.core.TestAdapters.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.consent.ConsentWatcher;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.Clipboard;
import dev.understudy.proto.v1.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy gate, consent and pause in a real recording written to the session store. */
class RecordingPrivacyTest {

  @TempDir Path root;
  @TempDir Path consentDir;

  private static Action clickIn(String app, String title) {
    return click("b").toBuilder().setSource(Source.newBuilder().setAppId(app).setWindowTitle(title)).build();
  }

  private List<Action> read(String id) throws Exception {
    try (SessionReader reader = SessionStore.open(root).reader(SessionId.parse(id))) {
      return reader.readAll();
    }
  }

  @Test
  void defaultPolicyGateDropsDeniedPlacesAndClearsClipboardContent() throws Exception {
    TestAdapters.Scripted a = new TestAdapters.Scripted("desk",
        EnumSet.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_CLIPBOARD_CONTENT), c -> {}, c -> {});
    String id;
    try (Recording recording = Recording.builder().storeDirectory(root).adapter(a).start()) {
      id = recording.sessionIdText();
      a.ctx().emitter().emit(clickIn("notes", "report.txt"));
      a.ctx().emitter().emit(clickIn("org.keepassxc.KeePassXC", "Passwords"));
      a.ctx().emitter().emit(clickIn("chromium", "Bank - Chromium (Incognito)"));
      a.ctx().emitter().emit(Action.newBuilder().setSource(Source.newBuilder().setAppId("notes"))
          .setClipboard(Clipboard.newBuilder().setContent("canary-4f1e")).build());
      assertThat(recording.flush(Duration.ofSeconds(5))).isTrue();
      assertThat(recording.stats().filtered()).isEqualTo(2);
      assertThat(recording.stats().lost()).isZero();
    }
    List<Action> actions = read(id);
    assertThat(actions.get(0).getSessionStart().getPolicyHash()).isEqualTo(PrivacyPolicy.defaults().hash());
    assertThat(actions).filteredOn(Action::hasInvoke).singleElement()
        .satisfies(x -> assertThat(x.getSource().getAppId()).isEqualTo("notes"));
    Action copy = actions.stream().filter(Action::hasClipboard).findFirst().orElseThrow();
    assertThat(copy.getClipboard().getContent()).isEmpty();
    assertThat(copy.getClipboard().getContentLength()).isEqualTo(11);
    assertThat(copy.getRedactions(0).getRuleId()).isEqualTo("policy-capability");
    assertThat(actions.toString()).doesNotContain("canary-4f1e", "KeePassXC", "Incognito");
  }

  @Test
  void policyFromAFileIsHashedIntoTheSessionStart() throws Exception {
    PrivacyPolicy policy = PrivacyPolicy.parse("apps:\n  deny: [notes]\n", "policy.yaml");
    TestAdapters.Scripted a = TestAdapters.quiet("desk");
    String id;
    try (Recording recording = Recording.builder().storeDirectory(root).policy(policy).adapter(a).start()) {
      id = recording.sessionIdText();
      a.ctx().emitter().emit(clickIn("notes", ""));
      a.ctx().emitter().emit(clickIn("calc", ""));
      recording.flush(Duration.ofSeconds(5));
    }
    List<Action> actions = read(id);
    assertThat(actions.get(0).getSessionStart().getPolicyHash()).isEqualTo(policy.hash()).isNotEqualTo(PrivacyPolicy.defaults().hash());
    assertThat(actions).filteredOn(Action::hasInvoke).extracting(x -> x.getSource().getAppId()).containsExactly("calc");
  }

  @Test
  void adapterWithoutConsentIsNotStarted() throws Exception {
    AtomicBoolean created = new AtomicBoolean();
    TestAdapters.Scripted hello = new TestAdapters.Scripted("hello", EnumSet.of(Capability.CAPABILITY_INTERACTIONS),
        c -> created.set(true), c -> {});
    ConsentLedger ledger = ConsentLedger.open(consentDir);
    ledger.grant("other", Consent.ANY, null, "");
    try (Recording recording = Recording.builder().storeDirectory(root).consent(ledger).adapter(hello).start()) {
      PluginStats stats = recording.stats().plugins().get(0);
      assertThat(stats.state()).isEqualTo(PluginState.NO_CONSENT);
      assertThat(stats.lastError()).isEqualTo("adapter 'hello' has no consent: run 'understudy consent grant --adapter hello'");
      assertThat(recording.consentIds()).isEmpty();
    }
    assertThat(created).isFalse();
  }

  @Test
  void expiredConsentDoesNotStartTheAdapter() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    ConsentLedger then = ConsentLedger.open(consentDir, java.time.Clock.fixed(past, java.time.ZoneOffset.UTC));
    then.grant("hello", Consent.ANY, past.plusSeconds(60), "");
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    try (Recording recording = Recording.builder().storeDirectory(root).consent(ConsentLedger.open(consentDir)).adapter(hello).start()) {
      assertThat(recording.stats().plugins().get(0).state()).isEqualTo(PluginState.NO_CONSENT);
    }
  }

  @Test
  void sessionStartCarriesTheConsentIdsAndAppScopeDropsOtherApps() throws Exception {
    ConsentLedger ledger = ConsentLedger.open(consentDir);
    Consent notes = ledger.grant("hello", "notes", null, "");
    Consent calc = ledger.grant("hello", "calc", null, "");
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    String id;
    try (Recording recording = Recording.builder().storeDirectory(root).consent(ledger).adapter(hello).start()) {
      id = recording.sessionIdText();
      hello.ctx().emitter().emit(clickIn("notes", ""));
      hello.ctx().emitter().emit(clickIn("mail", ""));
      hello.ctx().emitter().emit(clickIn("calc", ""));
      recording.flush(Duration.ofSeconds(5));
    }
    List<Action> actions = read(id);
    List<String> ids = List.of(notes.id(), calc.id()).stream().sorted().toList();
    assertThat(actions.get(0).getSessionStart().getConsentIdsList()).isEqualTo(ids);
    assertThat(actions.get(0).getSessionStart().getConsentId()).isEqualTo(ids.get(0));
    assertThat(actions).filteredOn(Action::hasInvoke).extracting(x -> x.getSource().getAppId()).containsExactly("notes", "calc");
  }

  @Test
  void revokeDuringRecordingStopsCaptureAtTheConsentWatchersNextCheck() throws Exception {
    // "Within a second" is the watcher's period (checked here) plus however long the machine takes to run
    // its thread: the waits below are for the latter and are generous, since a loaded machine can stretch
    // it; what they wait for is the same.
    assertThat(ConsentWatcher.DEFAULT_PERIOD).isLessThanOrEqualTo(Duration.ofMillis(200));
    ConsentLedger ledger = ConsentLedger.open(consentDir);
    Consent consent = ledger.grant("hello", Consent.ANY, null, "");
    CountDownLatch stopped = new CountDownLatch(1);
    TestAdapters.Scripted hello = new TestAdapters.Scripted("hello", EnumSet.of(Capability.CAPABILITY_INTERACTIONS),
        c -> {}, c -> stopped.countDown());
    String id;
    try (Recording recording = Recording.builder().storeDirectory(root).consent(ledger).adapter(hello).start()) {
      id = recording.sessionIdText();
      assertThat(hello.ctx().emitter().emit(clickIn("notes", "before"))).isTrue();
      assertThat(recording.flush(Duration.ofSeconds(30))).isTrue();
      ConsentLedger.open(consentDir).revoke(consent.id()); // as 'understudy consent revoke' would, from outside
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
          .until(() -> !hello.ctx().emitter().emit(clickIn("notes", "after")));
      // Whoever sees emits refused sees why: the state is set before emits are refused.
      assertThat(recording.stats().plugins().get(0).state()).isEqualTo(PluginState.NO_CONSENT);
      assertThat(hello.ctx().emitter().emit(clickIn("notes", "refused"))).isFalse();
      assertThat(stopped.await(30, TimeUnit.SECONDS)).as("the adapter was stopped").isTrue();
      assertThat(recording.flush(Duration.ofSeconds(30))).isTrue();
    }
    List<Action> actions = read(id);
    // At most what was already accepted when the revocation landed follows "before".
    assertThat(actions).filteredOn(Action::hasInvoke).extracting(x -> x.getSource().getWindowTitle())
        .startsWith("before").allMatch(t -> t.equals("before") || t.equals("after"));
    assertThat(actions.get(actions.size() - 1).hasSessionEnd()).isTrue();
  }

  @Test
  void pauseDropsEmitsAsFilteredAndRecordsMarkers() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    String id;
    try (Recording recording = Recording.builder().storeDirectory(root).adapter(hello).start()) {
      id = recording.sessionIdText();
      hello.ctx().emitter().emit(clickIn("notes", "1"));
      recording.pause();
      recording.pause();
      assertThat(recording.isPaused()).isTrue();
      assertThat(hello.ctx().emitter().emit(clickIn("notes", "2"))).isFalse();
      assertThat(hello.ctx().emitter().emit(clickIn("notes", "3"))).isFalse();
      recording.resume();
      assertThat(recording.isPaused()).isFalse();
      hello.ctx().emitter().emit(clickIn("notes", "4"));
      assertThat(recording.flush(Duration.ofSeconds(5))).isTrue();
      assertThat(recording.stats().filtered()).isEqualTo(2);
      assertThat(recording.stats().lost()).isZero();
    }
    List<Action> actions = read(id);
    assertThat(actions).extracting(a -> a.hasPause() ? (a.getPause().getPaused() ? "pause" : "resume")
            : a.hasInvoke() ? a.getSource().getWindowTitle() : a.getKindCase().name())
        .containsExactly("SESSION_START", "1", "pause", "resume", "4", "SESSION_END");
    assertThat(actions).extracting(Action::getSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(actions).noneMatch(Action::hasGap);
  }
}
