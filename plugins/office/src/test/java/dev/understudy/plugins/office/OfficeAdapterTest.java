package dev.understudy.plugins.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.testing.RecordingCaptureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfficeAdapterTest {
  private final List<String> log = new ArrayList<>();

  private Backend backend(String name, boolean starts) {
    return new Backend() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start(CaptureContext context) throws BackendException {
        log.add("start " + name);
        if (!starts) {
          throw new BackendException(name + " is not running");
        }
      }

      @Override
      public void stop() {
        log.add("stop " + name);
      }
    };
  }

  @Test
  void goesOnWithoutABackendThatCannotStartAndStopsTheRestInReverse() throws Exception {
    OfficeAdapter adapter = new OfficeAdapter(List.of(backend("a", true), backend("b", false), backend("c", true)));
    adapter.start(RecordingCaptureContext.create());
    assertThat(adapter.running()).containsExactly("a", "c");
    adapter.stop();
    assertThat(log).containsExactly("start a", "start b", "stop b", "start c", "stop c", "stop a");
  }

  @Test
  void failsNamingEveryCauseWhenNoBackendStarts() {
    OfficeAdapter adapter = new OfficeAdapter(List.of(backend("a", false), backend("b", false)));
    assertThatThrownBy(() -> adapter.start(RecordingCaptureContext.create()))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("a: a is not running").hasMessageContaining("b: b is not running");
  }

  @Test
  void rejectsAnUnknownBackendNamingTheKeyAndTheKnownOnes() {
    OfficeAdapterProvider provider = new OfficeAdapterProvider(Backends.of(Map.of("uno", c -> backend("uno", true))));
    assertThatThrownBy(() -> provider.create(PluginConfig.of("adapter.office.", Map.of("backends", "uno,nope"))))
        .hasMessage("adapter.office.backends: unknown backend 'nope'; known: uno");
  }

  @Test
  void runsTheConfiguredBackends() throws Exception {
    OfficeAdapterProvider provider = new OfficeAdapterProvider(Backends.of(Map.of(
        "uno", c -> backend("uno", true), "x11", c -> backend("x11", true))));
    OfficeAdapter adapter = (OfficeAdapter) provider.create(PluginConfig.of("adapter.office.", Map.of("backends", " x11 , uno")));
    adapter.start(RecordingCaptureContext.create());
    assertThat(adapter.running()).containsExactly("x11", "uno");
    adapter.stop();
  }
}
