package dev.understudy.cli;

import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One kind of session {@code understudy replay} can replay (editor sessions, and later browser sessions).
 * {@link ReplayCommand} picks the first whose {@link #canReplay} accepts the session's adapters.
 */
interface SessionReplayer {

  /** What it replays, for messages: "editor sessions (lsp-capture, lsp-proxy)". */
  String describe();

  /** Whether it replays a session recorded by these adapters. */
  boolean canReplay(Set<String> adapters);

  /**
   * Replays the session's actions into {@code out} (a new, empty directory the caller created), reporting
   * on {@code root.out}. Returns the exit code.
   */
  int replay(List<Action> actions, Path out, Understudy root) throws IOException;
}
