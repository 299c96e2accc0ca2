package dev.understudy.api;

import dev.understudy.proto.v1.Capability;

/**
 * The privacy policy in force, as an adapter may consult it to avoid capturing what would be refused
 * anyway. The runtime enforces the same policy centrally on everything emitted, so an adapter that
 * ignores it loses nothing private. Implementations are immutable and thread-safe.
 */
public interface Policy {

  /** Whether data of this kind may be captured at all in this session. */
  boolean allows(Capability capability);

  /** Hex SHA-256 of the policy's canonical form, recorded in the session start record. */
  String hash();
}
