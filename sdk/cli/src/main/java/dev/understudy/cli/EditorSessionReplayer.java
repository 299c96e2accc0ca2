package dev.understudy.cli;

import dev.understudy.plugins.lsp.LspProxyAdapterProvider;
import dev.understudy.plugins.lsp.capture.LspCaptureAdapterProvider;
import dev.understudy.plugins.lsp.replay.EditorReplay;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replays editor sessions ({@code lsp-capture}, {@code lsp-proxy}): rebuilds each document with
 * {@link EditorReplay}, writes it under the output directory at its path, and says per document whether
 * it matches what was saved. Exit code {@link ExitCodes#DAMAGED} when a saved document came out different.
 */
final class EditorSessionReplayer implements SessionReplayer {

  private static final Set<String> ADAPTERS = Set.of(LspCaptureAdapterProvider.NAME, LspProxyAdapterProvider.NAME);

  @Override
  public String describe() {
    return "editor sessions (" + String.join(", ", ADAPTERS.stream().sorted().toList()) + ")";
  }

  @Override
  public boolean canReplay(Set<String> adapters) {
    return adapters.stream().anyMatch(ADAPTERS::contains);
  }

  @Override
  public int replay(List<Action> actions, Path out, Understudy root) throws IOException {
    List<EditorReplay.Document> documents = EditorReplay.replay(actions);
    Map<EditorReplay.Outcome, Integer> counts = new EnumMap<>(EditorReplay.Outcome.class);
    Set<String> written = new HashSet<>();
    for (EditorReplay.Document d : documents) {
      counts.merge(d.outcome(), 1, Integer::sum);
      String where = "";
      if (d.outcome() != EditorReplay.Outcome.NO_OPENING_TEXT) {
        String relative = EditorReplay.relativePath(d.uri());
        for (int n = 2; !written.add(relative); n++) {
          relative = EditorReplay.relativePath(d.uri()) + "." + n;
        }
        Path file = out.resolve(relative).normalize();
        if (!file.startsWith(out)) {
          throw new IllegalStateException("refusing to write outside " + out + ": " + file);
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, d.text(), StandardCharsets.UTF_8);
        where = relative;
      }
      String label = String.format(Locale.ROOT, "%-15s", d.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      root.out.println((d.outcome() == EditorReplay.Outcome.MATCHED ? root.style.green(label)
          : d.outcome() == EditorReplay.Outcome.MISMATCHED ? root.style.red(label) : root.style.yellow(label))
          + " " + d.uri() + (where.isEmpty() ? "" : " -> " + where) + "  (" + d.edits() + " edits, " + d.saves() + " saves)"
          + (d.detail().isEmpty() ? "" : ": " + d.detail()));
    }
    root.out.println("replayed " + documents.size() + " document(s) into " + out + ": "
        + counts.getOrDefault(EditorReplay.Outcome.MATCHED, 0) + " matched what was saved, "
        + counts.getOrDefault(EditorReplay.Outcome.MISMATCHED, 0) + " differ");
    return counts.containsKey(EditorReplay.Outcome.MISMATCHED) ? ExitCodes.DAMAGED : ExitCodes.OK;
  }
}
