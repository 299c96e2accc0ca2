package dev.understudy.bench;

import dev.understudy.api.CaptureClock;
import dev.understudy.core.store.ActionIds;
import dev.understudy.core.store.SessionId;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * What a recorder adds to each emitted action, for the writers that do it themselves: the next seq,
 * the time it received the action, and an id derived from them as the runtime derives it. Single thread.
 */
final class Stamper {

  private final SessionId sessionId;
  private final byte[] sessionIdBytes;
  private final String sessionIdText;
  private final CaptureClock clock = CaptureClock.system();
  private long seq;
  private long time;

  Stamper() {
    this.sessionId = SessionId.generate(clock);
    this.sessionIdBytes = sessionId.bytes();
    this.sessionIdText = sessionId.toString();
  }

  /** Moves to the next action: next seq, the current time. */
  void next() {
    seq++;
    time = clock.nowUnixNanos();
  }

  long seq() {
    return seq;
  }

  long timeUnixNano() {
    return time;
  }

  /** The current action's id, 16 bytes. */
  byte[] id() {
    return ActionIds.derive(sessionIdBytes, seq, time);
  }

  /** The current action's id as canonical UUID text, as the JSON lines export writes ids. */
  String idText() {
    ByteBuffer b = ByteBuffer.wrap(id());
    return new UUID(b.getLong(), b.getLong()).toString();
  }

  SessionId sessionId() {
    return sessionId;
  }

  byte[] sessionIdBytes() {
    return sessionIdBytes.clone();
  }

  String sessionIdText() {
    return sessionIdText;
  }
}
