package dev.understudy.plugins.office.uno;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.core.Recording;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Capability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

/**
 * A real {@link Recording} with the uno backend as the {@code office} adapter, keeping a handle on the
 * backend so that a test can wait for its accessibility listeners before using toolbars and menus.
 */
final class OfficeRecording implements AutoCloseable {
  private final Recording recording;
  private final Path store;
  private volatile UnoBackend backend;
  private final List<Action> stored = new java.util.concurrent.CopyOnWriteArrayList<>();

  private OfficeRecording(Path store, Map<String, String> config, dev.understudy.api.Policy policy) throws Exception {
    this.store = store;
    AdapterProvider provider = new AdapterProvider() {
      @Override
      public String name() {
        return "office";
      }

      @Override
      public Set<Capability> capabilities() {
        return new OfficeAdapterProvider().capabilities();
      }

      @Override
      public Set<String> configKeys() {
        Set<String> keys = new java.util.HashSet<>(UnoOptions.KEYS);
        keys.add(dev.understudy.plugins.office.a11y.Snapshots.KEY);
        return keys;
      }

      @Override
      public Adapter create(PluginConfig c) {
        UnoBackend b = new UnoBackend(c);
        backend = b;
        return new Adapter() {
          @Override
          public void start(CaptureContext context) throws Exception {
            b.start(context);
          }

          @Override
          public void stop() {
            b.stop();
          }
        };
      }
    };
    Recording.Builder builder = Recording.builder().storeDirectory(store).adapter(provider)
        .startTimeout(Duration.ofSeconds(60)).stopTimeout(Duration.ofSeconds(30));
    if (policy != null) {
      builder.policy(policy);
    }
    config.forEach((k, v) -> builder.config("adapter.office." + k, v));
    this.recording = builder.start();
    recording.subscribe(stored::add);
    recording.stats().plugins().stream().filter(p -> p.kind().equals("adapter")).forEach(p -> {
      if (p.state() != dev.understudy.core.PluginState.RUNNING) {
        recording.close();
        throw new AssertionError("the office adapter did not start: " + p.state() + " " + p.lastError());
      }
    });
  }

  /** Starts recording LibreOffice on {@code connect}. */
  static OfficeRecording start(Path store, String connect) throws Exception {
    return new OfficeRecording(store, Map.of("uno.connect", connect), null);
  }

  static OfficeRecording start(Path store, Map<String, String> config) throws Exception {
    return new OfficeRecording(store, config, null);
  }

  /** Starts recording with this configuration under the given privacy policy. */
  static OfficeRecording start(Path store, Map<String, String> config, dev.understudy.api.Policy policy) throws Exception {
    return new OfficeRecording(store, config, policy);
  }

  Recording recording() {
    return recording;
  }

  UnoBackend backend() {
    return backend;
  }

  /** Waits until the accessibility listeners are placed on the frame (they are placed lazily). */
  void awaitAccessibility(int atLeast) {
    int[] last = {-1};
    Awaitility.await("accessibility listeners on the frame").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300)).until(() -> {
          int now = backend.watchedElements();
          boolean settled = now >= atLeast && now == last[0];
          last[0] = now;
          return settled;
        });
  }

  /** Elements carrying an accessibility listener now. */
  int watchedElements() {
    return backend.watchedElements();
  }

  /**
   * Waits until a dialog that just opened carries the recorder's listeners: more than {@code before}
   * elements watched, and the number settled. A person who types before then (a few hundred ms on a
   * loaded machine) has the dialog's fields captured only from then on; tests wait so as to check them.
   */
  void awaitDialogWalked(int before) {
    awaitAccessibility(before + 5);
  }

  /** Waits until an action matching {@code what} was stored, and returns it. */
  Action awaitAction(String description, java.util.function.Predicate<Action> what) {
    return Awaitility.await(description).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> stored.stream().filter(what).findFirst(), java.util.Optional::isPresent).get();
  }

  /** Stops the recording and returns every stored action of the session. */
  List<Action> stop() throws Exception {
    String id = recording.sessionIdText();
    recording.close();
    try (SessionReader reader = SessionStore.open(store).reader(SessionId.parse(id))) {
      return reader.readAll();
    }
  }

  @Override
  public void close() {
    recording.close();
  }

  static String attribute(Action a, String key) {
    for (Attribute at : a.getAttributesList()) {
      if (at.getKey().equals(key)) {
        return at.getValue();
      }
    }
    return "";
  }
}
