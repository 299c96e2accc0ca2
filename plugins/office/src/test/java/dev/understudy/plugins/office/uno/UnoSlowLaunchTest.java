package dev.understudy.plugins.office.uno;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.PluginState;
import dev.understudy.core.Recording;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.proto.v1.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adapter.office.uno.launch=true} when LibreOffice starts slower than the runtime lets an adapter's
 * start block: the recording starts anyway, captures once LibreOffice is ready, and a launch that fails
 * becomes a gap record instead of a failed adapter.
 */
class UnoSlowLaunchTest {
  /** Far below how long the slow soffice takes to answer. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;

  @Test
  void aLaunchSlowerThanTheStartTimeoutDoesNotFailTheRecording() throws Exception {
    Path slow = script("slow-soffice", "#!/bin/sh\nsleep 4\nexec soffice \"$@\"\n");
    try (LibreOfficeHarness display = LibreOfficeHarness.start(null)) {
      List<Action> stored = new CopyOnWriteArrayList<>();
      Recording recording = recording(slow, display.display());
      String id = recording.sessionIdText();
      try {
        recording.subscribe(stored::add);
        assertThat(recording.stats().plugins()).filteredOn(p -> p.kind().equals("adapter"))
            .singleElement().satisfies(p -> assertThat(p.state()).isEqualTo(PluginState.RUNNING));
        // The macro recorder's own window shows once the hooks are in the document.
        display.waitForWindow("Record Macro");
        display.focus("LibreOffice Writer");
        display.type("late");
        Awaitility.await("the typed text").atMost(Duration.ofSeconds(30))
            .until(() -> stored.stream().anyMatch(a -> a.hasTextEdit() && a.getTextEdit().getText().equals("late")));
      } finally {
        recording.close();
      }
      assertThat(read(id)).noneMatch(Action::hasGap);
    }
  }

  @Test
  void aLaunchThatFailsLeavesAGapAndTheRecordingGoesOn() throws Exception {
    Path broken = script("broken-soffice", "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n");
    Recording recording = recording(broken, ":9999");
    String id = recording.sessionIdText();
    try {
      assertThat(recording.stats().plugins()).filteredOn(p -> p.kind().equals("adapter"))
          .singleElement().satisfies(p -> assertThat(p.state()).isEqualTo(PluginState.RUNNING));
      Awaitility.await("the gap").atMost(Duration.ofSeconds(30)).until(() -> {
        recording.flush(Duration.ofSeconds(5));
        return read(id).stream().anyMatch(Action::hasGap);
      });
    } finally {
      recording.close();
    }
    Action gap = read(id).stream().filter(Action::hasGap).findFirst().orElseThrow();
    assertThat(gap.getGap().getDetail()).contains("could not start LibreOffice", "exited before accepting connections");
  }

  private Recording recording(Path soffice, String display) throws Exception {
    return Recording.builder().storeDirectory(dir.resolve("store"))
        .adapter(new OfficeAdapterProvider())
        .config("adapter.office.backends", "uno")
        .config("adapter.office.uno.launch", "true")
        .config("adapter.office.uno.soffice", soffice.toString())
        .config("adapter.office.uno.display", display)
        .config("adapter.office.uno.launch-module", "writer")
        .config("adapter.office.uno.quit-on-stop", "true")
        .startTimeout(START_TIMEOUT)
        .stopTimeout(Duration.ofSeconds(30))
        .start();
  }

  private List<Action> read(String id) throws Exception {
    try (SessionReader reader = SessionStore.open(dir.resolve("store")).reader(SessionId.parse(id))) {
      return reader.readAll();
    }
  }

  private Path script(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }
}
