package dev.understudy.bench;

import com.google.protobuf.ByteString;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionWriter;
import dev.understudy.core.store.StoreOptions;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Ours without the runtime: the benchmark thread stamps each action as the pipeline does and appends
 * it to a {@link SessionWriter}, committing every {@link #GROUP}. Shows what the store costs on its
 * own, on one thread like the peers.
 */
final class StoreWriter implements ActionWriter {

  private final Stamper stamper = new Stamper();
  private final ByteString sessionId = ByteString.copyFrom(stamper.sessionIdBytes());
  private final SessionWriter writer;
  private int sinceCommit;

  StoreWriter(Path root, Durability durability) throws IOException {
    this.writer = SessionStore.open(root)
        .create(stamper.sessionId(), StoreOptions.builder().durability(durability).build());
  }

  @Override
  public boolean write(Action action) throws IOException {
    stamper.next();
    Action.Builder b = action.toBuilder().setTimeUnixNano(stamper.timeUnixNano());
    b.getSourceBuilder().setAdapterId(CapturingAdapter.NAME).setAdapterVersion(CapturingAdapter.VERSION);
    writer.append(b.setSessionId(sessionId)
        .setSeq(stamper.seq())
        .setId(ByteString.copyFrom(stamper.id()))
        .build());
    if (++sinceCommit == GROUP) {
      acknowledge();
    }
    return true;
  }

  @Override
  public void acknowledge() throws IOException {
    writer.commit();
    sinceCommit = 0;
  }

  /** The session's directory name in the store. */
  String sessionIdText() {
    return stamper.sessionIdText();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
