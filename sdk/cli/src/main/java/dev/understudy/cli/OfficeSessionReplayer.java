package dev.understudy.cli;

import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.OfficeAdapterProvider;
import dev.understudy.plugins.office.uno.PrivateOffice;
import dev.understudy.plugins.office.uno.ReplayDocument;
import dev.understudy.plugins.office.uno.UnoReplay;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replays office sessions ({@code office}, its uno backend): a fresh soffice on an Xvfb display of its own
 * ({@link PrivateOffice}), each recorded Writer or Calc document's UNO commands dispatched into a new
 * document ({@link UnoReplay}), one line per command, and the resulting text written under the output
 * directory and compared with the file the session saved when that file is still there (else printed).
 * soffice and Xvfb end with the replay. Exit code {@link ExitCodes#DAMAGED} when a command failed or a
 * text differs.
 */
final class OfficeSessionReplayer implements SessionReplayer {

  @Override
  public String describe() {
    return "office sessions (" + OfficeAdapterProvider.NAME + ", LibreOffice through its uno backend)";
  }

  @Override
  public boolean canReplay(Set<String> adapters) {
    return adapters.contains(OfficeAdapterProvider.NAME);
  }

  @Override
  public int replay(List<Action> actions, Path out, Understudy root) throws IOException {
    List<ReplayDocument> documents = UnoReplay.documents(actions);
    if (documents.isEmpty()) {
      throw new CliException(ExitCodes.USAGE, "the session has no LibreOffice Writer or Calc actions to replay"
          + " (only its uno backend records UNO commands)");
    }
    for (String tool : OfficeDemo.TOOLS) {
      if (!tool.equals("xdotool") && !OfficeDemo.onPath(root.env, tool)) {
        throw new CliException(ExitCodes.CAPTURE_FAILED, tool + " not found; replaying an office session runs"
            + " LibreOffice on a virtual display. Install it with " + OfficeDemo.INSTALL);
      }
    }
    root.err.println("Replaying " + documents.size() + " LibreOffice document(s) in a fresh soffice on a virtual display...");
    int failed = 0;
    int differ = 0;
    int matched = 0;
    try (PrivateOffice office = PrivateOffice.start("", PrivateOffice.DEFAULT_TIMEOUT);
        UnoReplay replay = UnoReplay.connect(office.connect(), Optional.empty())) {
      int n = 0;
      for (ReplayDocument d : documents) {
        n++;
        root.out.println(root.style.bold("Document " + n + " (" + d.appId() + (d.savedUrl().isEmpty() ? "" : ", saved as "
            + d.savedUrl()) + "): " + d.steps().size() + " command(s)"));
        int[] refused = {0};
        String text = replay.intoNewDocument(d.factory(), d.steps(), (index, step, error) -> {
          String label = error.isEmpty() ? root.style.green("replayed ") : root.style.red("failed   ");
          root.out.println(label + " " + step + error.map(e -> ": " + e).orElse(""));
          refused[0] += error.isPresent() ? 1 : 0;
        });
        failed += refused[0];
        Path file = out.resolve(n + "-" + d.appId() + ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Optional<String> saved = !d.openedUrl().isEmpty() ? Optional.empty() : savedText(replay, d.savedUrl(), out.resolve(n + "-saved-" + d.appId() + extension(d.savedUrl())));
        if (saved.isEmpty()) {
          String why = !d.openedUrl().isEmpty() ? "the session opened it from " + d.openedUrl()
              + ", whose content a new document lacks" : d.savedUrl().isEmpty() ? "the session never saved it" : "the saved file is gone";
          root.out.println(root.style.yellow("not compared") + " (" + why + "); replayed text -> " + file + ":");
          text.lines().forEach(l -> root.out.println("  | " + l));
        } else if (saved.get().equals(text)) {
          matched++;
          root.out.println(root.style.green("matched") + " the text saved in " + d.savedUrl() + " -> " + file);
        } else {
          differ++;
          root.out.println(root.style.red("differs") + " from the text saved in " + d.savedUrl() + " -> " + file);
          root.out.println("  saved:    " + quote(saved.get()));
          root.out.println("  replayed: " + quote(text));
        }
      }
    } catch (BackendException e) {
      throw new CliException(ExitCodes.CAPTURE_FAILED, "the office replay failed: " + e.getMessage());
    }
    root.out.println("replayed " + documents.size() + " document(s) into " + out + ": " + matched + " matched what was saved, "
        + differ + " differ, " + failed + " command(s) failed");
    return failed > 0 || differ > 0 ? ExitCodes.DAMAGED : ExitCodes.OK;
  }

  /**
   * The saved document's text, when the session saved it to a file that is still there. Read from a copy
   * ({@code copy}): the original may still be open, or locked by a LibreOffice that ended without unlocking it.
   */
  private static Optional<String> savedText(UnoReplay replay, String url, Path copy) throws BackendException, IOException {
    if (!url.startsWith("file:")) {
      return Optional.empty();
    }
    Path file;
    try {
      file = Path.of(java.net.URI.create(url));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Files.copy(file, copy);
    return Optional.of(replay.documentText(copy.toUri().toString()));
  }

  private static String extension(String url) {
    int slash = url.lastIndexOf('/');
    int dot = url.lastIndexOf('.');
    return dot > slash ? url.substring(dot) : "";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }
}
