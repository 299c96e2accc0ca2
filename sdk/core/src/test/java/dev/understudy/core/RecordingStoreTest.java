package dev.understudy.core;

import static dev.understudy.core.TestAdapters.click;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.core.store.VerifyReport;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import dev.understudy.proto.v1.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime writing through the real session store. */
class RecordingStoreTest {

  @TempDir Path root;

  @Test
  void recordsIntoTheSessionStoreAndReadsBackVerified() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    String id;
    try (Recording recording = Recording.builder().storeDirectory(root).adapter(hello)
        .durability(Durability.DURABILITY_POWER_SAFE).start()) {
      id = recording.sessionIdText();
      for (int i = 0; i < 100; i++) {
        hello.ctx().emitter().emit(click("b" + i).toBuilder().setSource(Source.newBuilder().setAppId("notes")).build());
      }
      assertThat(recording.flush(Duration.ofSeconds(5))).isTrue();
      assertThat(recording.stats().acknowledgedSeq()).isEqualTo(101);
    }
    SessionStore store = SessionStore.open(root);
    SessionId sessionId = store.resolve(id.substring(0, 13));
    assertThat(sessionId.toString()).isEqualTo(id);
    List<Action> actions;
    try (SessionReader reader = store.reader(sessionId)) {
      actions = reader.readAll();
    }
    assertThat(actions).hasSize(102);
    assertThat(actions.get(0).hasSessionStart()).isTrue();
    assertThat(actions.get(0).getSessionStart().getDurability()).isEqualTo(Durability.DURABILITY_POWER_SAFE);
    assertThat(actions.get(1).getSource().getAppId()).isEqualTo("notes");
    assertThat(actions.get(1).getSource().getAdapterId()).isEqualTo("hello");
    assertThat(actions.get(101).hasSessionEnd()).isTrue();
    VerifyReport report = store.verify(sessionId);
    assertThat(report.ok()).as(report.describe()).isTrue();
    SessionSummary summary = store.summary(sessionId);
    assertThat(summary.actionCount()).isEqualTo(100);
  }

  @Test
  void loadsAdaptersProcessorsAndSinksFromAPluginsDirectory(@TempDir Path plugins) throws Exception {
    java.security.KeyPair key = dev.understudy.core.plugin.PluginKeys.generate();
    dev.understudy.testing.PluginJarBuilder.plugin("acme", "2.1.0")
        .extension(dev.understudy.core.plugin.fixture.EchoAdapterProvider.class,
            dev.understudy.core.plugin.fixture.UpperProcessorProvider.class)
        .signedWith(key)
        .buildJar(plugins);
    dev.understudy.core.plugin.PluginHost.Options options = dev.understudy.core.plugin.PluginHost.Options.builder()
        .trustedKeys(dev.understudy.core.plugin.TrustedKeys.of(key.getPublic())).build();
    String id;
    try (Recording recording = Recording.builder().storeDirectory(root).pluginsDirectory(plugins, options).start()) {
      id = recording.sessionIdText();
      assertThat(recording.flush(Duration.ofSeconds(5))).isTrue();
      assertThat(recording.stats().plugins()).extracting(PluginStats::name).contains("echo", "upper");
    }
    SessionStore store = SessionStore.open(root);
    List<Action> actions;
    try (SessionReader reader = store.reader(SessionId.parse(id))) {
      actions = reader.readAll();
    }
    assertThat(actions.get(0).getSessionStart().getPluginsList())
        .anySatisfy(p -> {
          assertThat(p.getPluginId()).isEqualTo("acme");
          assertThat(p.getVersion()).isEqualTo("2.1.0");
          assertThat(p.getName()).isEqualTo("echo");
        });
    assertThat(actions).anySatisfy(a -> {
      assertThat(a.hasFocus()).isTrue();
      assertThat(a.getSource().getAdapterId()).isEqualTo("echo");
      assertThat(a.getSource().getAdapterVersion()).isEqualTo("2.1.0");
    });
  }

  @Test
  void leavesOutPluginsThatAreNotSignedByATrustedKey(@TempDir Path plugins) throws Exception {
    dev.understudy.testing.PluginJarBuilder.plugin("acme", "2.1.0")
        .extension(dev.understudy.core.plugin.fixture.EchoAdapterProvider.class)
        .buildJar(plugins);
    try (Recording recording = Recording.builder().storeDirectory(root).pluginsDirectory(plugins).start()) {
      assertThat(recording.stats().plugins()).extracting(PluginStats::name).doesNotContain("echo");
    }
  }
}
