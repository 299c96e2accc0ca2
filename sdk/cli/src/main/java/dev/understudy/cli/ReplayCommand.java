package dev.understudy.cli;

import dev.understudy.core.store.SessionReader;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.ComponentKind;
import dev.understudy.proto.v1.PluginInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Replays a recorded session into files: for an editor session, every document rebuilt from the text it
 * was opened with and the edits recorded, checked against what was saved; for a browser session, every action
 * re-executed in a fresh headless Chromium from its locators; for an office session, the UNO commands
 * dispatched into fresh LibreOffice documents. The kind of replay follows the
 * adapters that recorded the session ({@link #REPLAYERS}); other sessions get a clear error.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
      "Replay a session into files. Editor sessions (lsp-capture, lsp-proxy): each document is rebuilt from",
      "the text it was opened with and the recorded edits, written under --out at its path, and checked",
      "against the content hash recorded when it was saved. Exit code 4 when a document differs.",
      "Browser sessions (browser): re-executed in a fresh headless Chromium from the recorded locators alone;",
      "one line per action says whether its target resolved to a unique element, and by which locator",
      "(also in steps.tsv under --out). Exit code 4 when a target was not found or an action failed.",
      "Office sessions (office, LibreOffice through its uno backend): a fresh soffice on a virtual display",
      "(Xvfb) of its own; each Writer or Calc document's recorded UNO commands are dispatched into a new",
      "document, one line per command; its text is written under --out and compared with the file the",
      "session saved, when that file is still there (else printed). Exit code 4 when a command failed or",
      "a text differs."
    })
final class ReplayCommand implements Callable<Integer> {

  /** The kinds of session that can be replayed, tried in order. */
  static final List<SessionReplayer> REPLAYERS = List.of(new EditorSessionReplayer(), new BrowserSessionReplayer(),
      new OfficeSessionReplayer());

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @Mixin SessionArgs sessionArgs;
  @Mixin KeyOption keyOption;

  @Option(names = "--out", paramLabel = "DIR",
      description = "A new directory to write into; never overwritten (default: ./replay-<session id prefix>, numbered if taken).")
  Path out;

  @Override
  public Integer call() throws Exception {
    SessionArgs.Opened opened = sessionArgs.open(homeOption.resolve(root), keyOption.resolve(root));
    List<Action> actions;
    try (SessionReader reader = opened.store().reader(opened.id())) {
      actions = reader.readAll();
      if (!reader.damage().isEmpty()) {
        root.err.println(root.style.yellow("understudy: " + reader.damage().size()
            + " damaged region(s) were skipped; the replay may be incomplete ('understudy verify " + opened.id() + "')"));
      }
    }
    Set<String> adapters = adapters(actions);
    SessionReplayer replayer = REPLAYERS.stream().filter(r -> r.canReplay(adapters)).findFirst()
        .orElseThrow(() -> new CliException(ExitCodes.USAGE, "session " + opened.id() + " was recorded by "
            + (adapters.isEmpty() ? "no adapter" : "adapter(s) " + String.join(", ", adapters))
            + "; replay supports " + REPLAYERS.stream().map(SessionReplayer::describe).collect(Collectors.joining(", "))));
    Path target = outputDirectory(opened.id().toString());
    return replayer.replay(actions, target, root);
  }

  /** The adapters named in the session's start record, and any that stamped an action. */
  static Set<String> adapters(List<Action> actions) {
    Set<String> names = new TreeSet<>();
    for (Action a : actions) {
      if (a.hasSessionStart()) {
        for (PluginInfo p : a.getSessionStart().getPluginsList()) {
          if (p.getComponentKind() == ComponentKind.COMPONENT_KIND_ADAPTER) {
            names.add(p.getName());
          }
        }
      } else if (!a.getSource().getAdapterId().isEmpty()) {
        names.add(a.getSource().getAdapterId());
      }
    }
    return names;
  }

  /** Creates the output directory; an existing non-empty one is refused, never overwritten. */
  private Path outputDirectory(String sessionId) throws IOException {
    Path dir = out;
    if (dir == null) {
      Path base = Path.of("replay-" + sessionId.substring(0, 8));
      dir = base;
      for (int n = 2; Files.exists(dir); n++) {
        dir = Path.of(base + "-" + n);
      }
    } else if (Files.exists(dir) && !(Files.isDirectory(dir) && isEmpty(dir))) {
      throw new CliException(ExitCodes.USAGE, "--out " + dir + " already exists; replay never overwrites: name a new directory");
    }
    return Files.createDirectories(dir).toAbsolutePath().normalize();
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
