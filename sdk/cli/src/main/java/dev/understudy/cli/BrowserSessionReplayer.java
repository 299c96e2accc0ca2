package dev.understudy.cli;

import dev.understudy.plugins.browser.BrowserAdapterProvider;
import dev.understudy.plugins.browser.replay.BrowserReplay;
import dev.understudy.plugins.browser.replay.ReplayStep;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replays browser sessions ({@code browser}) in a fresh headless Chromium with {@link BrowserReplay}: one
 * line per action saying whether its target resolved to a unique element and by which locator, the same
 * as tab-separated values in {@code steps.tsv} under the output directory. Exit code
 * {@link ExitCodes#DAMAGED} when a target was not found or an action failed.
 */
final class BrowserSessionReplayer implements SessionReplayer {

  @Override
  public String describe() {
    return "browser sessions (" + BrowserAdapterProvider.NAME + ")";
  }

  @Override
  public boolean canReplay(Set<String> adapters) {
    return adapters.contains(BrowserAdapterProvider.NAME);
  }

  @Override
  public int replay(List<Action> actions, Path out, Understudy root) throws IOException {
    List<ReplayStep> steps;
    try (BrowserReplay replay = BrowserReplay.builder().launch()) {
      steps = replay.replay(actions);
    }
    int failed = print(steps, root);
    StringBuilder tsv = new StringBuilder("index\taction\toutcome\tlocator\tmatches\tdetail\n");
    for (ReplayStep s : steps) {
      tsv.append(s.index()).append('\t').append(clean(s.action())).append('\t').append(s.outcome()).append('\t')
          .append(clean(s.locator())).append('\t').append(s.matches()).append('\t').append(clean(s.detail())).append('\n');
    }
    Files.writeString(out.resolve("steps.tsv"), tsv, StandardCharsets.UTF_8);
    root.out.println("report in " + out.resolve("steps.tsv"));
    return failed > 0 ? ExitCodes.DAMAGED : ExitCodes.OK;
  }

  /**
   * Prints one line per step (outcome, action, the locator that resolved it and how many elements it
   * matched) and a summary line; returns how many steps were not found or failed.
   */
  static int print(List<ReplayStep> steps, Understudy root) {
    Map<ReplayStep.Outcome, Integer> counts = new EnumMap<>(ReplayStep.Outcome.class);
    int unique = 0;
    for (ReplayStep s : steps) {
      counts.merge(s.outcome(), 1, Integer::sum);
      unique += s.resolvedUniquely() ? 1 : 0;
      String label = String.format(Locale.ROOT, "%-18s", s.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      String styled = switch (s.outcome()) {
        case PERFORMED, FOLLOWED -> root.style.green(label);
        case NOT_FOUND, FAILED -> root.style.red(label);
        default -> root.style.yellow(label);
      };
      root.out.println(styled + " " + s.action()
          + (s.locator().isEmpty() ? "" : "  [" + (s.matches() == 1 ? "unique" : s.matches() + " matches") + " by " + s.locator() + "]")
          + (s.detail().isEmpty() ? "" : ": " + s.detail()));
    }
    int failed = counts.getOrDefault(ReplayStep.Outcome.NOT_FOUND, 0) + counts.getOrDefault(ReplayStep.Outcome.FAILED, 0);
    root.out.println("replayed " + steps.size() + " action(s) in headless Chromium: " + unique + " resolved to a unique element, "
        + counts.getOrDefault(ReplayStep.Outcome.AMBIGUOUS, 0) + " ambiguous, " + failed + " not found or failed, "
        + counts.getOrDefault(ReplayStep.Outcome.VALUE_NOT_RECORDED, 0) + " value(s) not recorded");
    return failed;
  }

  private static String clean(String text) {
    return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
