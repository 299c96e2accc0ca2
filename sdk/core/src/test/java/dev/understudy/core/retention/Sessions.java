package dev.understudy.core.retention;

import com.google.protobuf.ByteString;
import dev.understudy.api.CaptureClock;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionWriter;
import dev.understudy.core.store.StoreOptions;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.SessionEnd;
import dev.understudy.proto.v1.SessionStart;
import dev.understudy.proto.v1.Source;
import java.io.IOException;
import java.time.Instant;

/** Small closed sessions for forgetting tests. */
final class Sessions {

  private Sessions() {}

  /** A session id whose time is {@code start}, with random bits after it. */
  static SessionId idAt(Instant start) {
    return SessionId.generate(clockAt(start));
  }

  /** A clock that always reads {@code now}. */
  static CaptureClock clockAt(Instant now) {
    return new CaptureClock() {
      @Override
      public long nowUnixNanos() {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public long nanoTime() {
        return 0;
      }
    };
  }

  /** Writes a closed session: start, one invoke per app, end. */
  static SessionId write(SessionStore store, Instant start, StoreOptions options, String... apps)
      throws IOException {
    SessionId id = idAt(start);
    long t = start.toEpochMilli() * 1_000_000L;
    try (SessionWriter w = store.create(id, options)) {
      long seq = 1;
      w.append(record(id, seq++, t).setSessionStart(SessionStart.newBuilder().setSchemaVersion(1)).build());
      for (String app : apps) {
        w.append(record(id, seq, t + seq).setSource(Source.newBuilder().setAppId(app))
            .setInvoke(Invoke.newBuilder().setCommand(".uno:Bold")).build());
        seq++;
      }
      w.append(record(id, seq, t + seq).setSessionEnd(SessionEnd.getDefaultInstance()).build());
    }
    return id;
  }

  static SessionId write(SessionStore store, Instant start, String... apps) throws IOException {
    return write(store, start, StoreOptions.defaults(), apps);
  }

  private static Action.Builder record(SessionId id, long seq, long time) {
    return Action.newBuilder().setSessionId(ByteString.copyFrom(id.bytes())).setSeq(seq).setTimeUnixNano(time);
  }
}
