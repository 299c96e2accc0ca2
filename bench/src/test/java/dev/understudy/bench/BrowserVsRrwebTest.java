package dev.understudy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One round of the browser benchmark on a 20-row page: every recorder runs the task and stores what it saw. */
class BrowserVsRrwebTest {

  @TempDir Path dir;

  @Test
  void oneRoundRecordsTheTaskWithUnderstudyAndRrwebAndReportsTheFigures() throws Exception {
    List<BrowserVsRrweb.Run> runs = BrowserVsRrweb.measure(1, 20, dir.resolve("runs"));

    assertThat(runs).extracting(BrowserVsRrweb.Run::recorder).containsExactly(BrowserVsRrweb.Recorder.values());
    BrowserVsRrweb.Run none = runs.get(0);
    BrowserVsRrweb.Run understudy = runs.get(1);
    BrowserVsRrweb.Run rrweb = runs.get(2);
    BrowserVsRrweb.Run rrwebPageWorld = runs.get(3);
    assertThat(none.bytes()).isZero();
    assertThat(runs).allSatisfy(r -> assertThat(r.taskMs()).isPositive());
    // 30 clicks in the task (26 on buttons): each an invoke, acknowledged after its page event.
    assertThat(understudy.latenciesMs().get("invoke")).hasSizeGreaterThanOrEqualTo(26).allSatisfy(ms -> assertThat(ms).isPositive());
    assertThat(understudy.bytes()).isPositive();
    // rrweb's full snapshot, then at least one event per click, keystroke run and mutation.
    assertThat(rrweb.records()).isGreaterThan(50);
    assertThat(rrweb.bytes()).isPositive();
    // Injected in the page's own world as well, it records the same task.
    assertThat(rrwebPageWorld.records()).isGreaterThan(50);
    assertThat(rrwebPageWorld.bytes()).isPositive();
    // Its own work alone: every event is made, only the first of each document it ran in (the blank tab, the page) is sent.
    BrowserVsRrweb.Run rrwebUnsent = runs.get(4);
    assertThat(rrwebUnsent.records()).isBetween(1L, 2L);
    assertThat(dir.resolve("runs")).doesNotExist();

    String report = BrowserVsRrweb.report(runs, 20);
    assertThat(report).contains("bytes ratio Understudy/rrweb (isolated world, as Understudy)",
        "overhead ratio Understudy/rrweb (isolated world, as Understudy), task", "overhead ratio Understudy/rrweb (page world), task",
        "whole session (load + task)", "its own work", "p95");
  }

  @Test
  void theTaskHasFiftyInteractions() {
    assertThat(BrowserTask.steps(1000)).hasSize(50);
  }
}
