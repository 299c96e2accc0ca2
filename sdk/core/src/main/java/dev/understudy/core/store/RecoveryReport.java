package dev.understudy.core.store;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SessionStore#recover} did.
 *
 * @param id the session
 * @param bytesTruncated bytes cut off torn segment tails
 * @param damage damage found after truncation (corrupt frames skipped, lost definitions)
 */
public record RecoveryReport(SessionId id, long bytesTruncated, List<Damage> damage) {

  public RecoveryReport {
    Objects.requireNonNull(id, "id");
    damage = List.copyOf(damage);
  }
}
