package dev.understudy.cli;

import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.StoreKey;
import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine.Parameters;

/** The {@code <session>} argument: a session id or a unique prefix of one. */
final class SessionArgs {

  @Parameters(index = "0", paramLabel = "SESSION", description = "Session id, or a unique prefix of one (see 'understudy sessions').")
  String session;

  /** Opens the store without creating it, and resolves the session. */
  Opened open(Home home) throws IOException {
    return open(home, null);
  }

  /** As {@link #open(Home)}, reading encrypted sessions with {@code key} when it is not null. */
  Opened open(Home home, StoreKey key) throws IOException {
    if (!Files.isDirectory(home.sessions())) {
      throw new CliException(ExitCodes.NOT_FOUND, "no sessions in " + home.root() + " (record one with 'understudy demo')");
    }
    SessionStore store = SessionStore.open(home.sessions());
    if (key != null) {
      store = store.withKey(key);
    }
    return new Opened(store, store.resolve(session));
  }

  record Opened(SessionStore store, SessionId id) {}
}
