package dev.understudy.core.store;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SessionStore#recover} did.
 *
 * @param id the session
 * @param bytesTruncated bytes cut off torn segment tails
 * @param damage the torn tails it truncated, then the damage it left for readers to skip (corrupt
 *     frames in the middle, lost definitions)
 */
public record RecoveryReport(SessionId id, long bytesTruncated, List<Damage> damage) {

  public RecoveryReport {
    Objects.requireNonNull(id, "id");
    damage = List.copyOf(damage);
  }
}
