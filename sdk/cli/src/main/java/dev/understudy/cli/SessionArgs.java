package dev.understudy.cli;

import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine.Parameters;

/** The {@code <session>} argument: a session id or a unique prefix of one. */
final class SessionArgs {

  @Parameters(index = "0", paramLabel = "SESSION", description = "Session id, or a unique prefix of one (see 'understudy sessions').")
  String session;

  /** Opens the store without creating it, and resolves the session. */
  Opened open(Home home) throws IOException {
    if (!Files.isDirectory(home.sessions())) {
      throw new CliException(ExitCodes.NOT_FOUND, "no sessions in " + home.root() + " (record one with 'understudy demo')");
    }
    SessionStore store = SessionStore.open(home.sessions());
    return new Opened(store, store.resolve(session));
  }

  record Opened(SessionStore store, SessionId id) {}
}
