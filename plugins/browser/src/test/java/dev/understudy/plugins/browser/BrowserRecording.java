package dev.understudy.plugins.browser;

import org.awaitility.Awaitility;

import dev.understudy.api.Policy;
import dev.understudy.core.Recording;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real recording with the browser adapter (launching headless Chromium) into a session store, and a
 * {@link Driver} on the browser's first tab. Everything it starts is ended by {@link #close}.
 */
final class BrowserRecording implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  final BrowserAdapterProvider provider = new BrowserAdapterProvider();
  final Recording recording;
  final Driver driver;
  final Path store;
  final String sessionId;
  private final List<Action> seen = new CopyOnWriteArrayList<>();
  private boolean closed;

  private BrowserRecording(Path store, Map<String, String> config, Policy policy) throws Exception {
    this.store = store;
    Map<String, String> all = new HashMap<>();
    config.forEach((k, v) -> all.put("adapter.browser." + k, v));
    recording = Recording.builder().storeDirectory(store).adapter(provider).config(all).policy(policy)
        .startTimeout(Duration.ofSeconds(40)).stopTimeout(Duration.ofSeconds(30)).start();
    sessionId = recording.sessionIdText();
    Driver d = null;
    try {
      recording.subscribe(seen::add);
      BrowserAdapter adapter = provider.lastAdapter();
      if (adapter == null || adapter.webSocketUrl() == null) {
        throw new AssertionError("the browser adapter did not start: " + recording.stats().plugins());
      }
      d = Driver.firstTab(adapter.webSocketUrl());
    } catch (Exception | AssertionError e) {
      recording.close();
      throw e;
    }
    driver = d;
  }

  static BrowserRecording start(Path store) throws Exception {
    return start(store, Map.of(), PrivacyPolicy.defaults());
  }

  static BrowserRecording start(Path store, Map<String, String> config, Policy policy) throws Exception {
    return new BrowserRecording(store, config, policy);
  }

  RecorderTranslator translator() {
    return provider.lastAdapter().translator();
  }

  /** Every action stored so far, after the privacy pipeline, session records left out. */
  List<Action> actions() {
    List<Action> out = new ArrayList<>();
    for (Action a : seen) {
      if (!a.hasSessionStart() && !a.hasSessionEnd() && !a.hasGap() && !a.hasPause()) {
        out.add(a);
      }
    }
    return out;
  }

  /** Waits for the first stored action matching, and returns it. */
  Action await(String what, Predicate<Action> matching) {
    return Awaitility.await().alias(what).atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> actions().stream().filter(matching).findFirst().orElse(null), a -> a != null);
  }

  /** Waits until n stored actions match, and returns them in order. */
  List<Action> awaitCount(String what, int n, Predicate<Action> matching) {
    return Awaitility.await().alias(what).atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> actions().stream().filter(matching).toList(), l -> l.size() >= n);
  }

  /** Stops recording (the browser ends) and returns everything in the stored session, session records included. */
  List<Action> stop() throws Exception {
    close();
    try (SessionReader reader = SessionStore.open(store).reader(SessionId.parse(sessionId))) {
      return reader.readAll();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      driver.close();
    } finally {
      recording.close();
    }
  }
}
