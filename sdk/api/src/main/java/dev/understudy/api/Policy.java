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

  /**
   * Whether actions in this document (a URL, a file URI or a path) may be recorded. The runtime judges
   * each action's {@code source.document} itself; an adapter asks this for the parts of a document that
   * its source does not name, such as a web page's frames from other sites. Default: {@code true} (a
   * policy without document rules).
   */
  default boolean allowsDocument(String document) {
    return true;
  }

  /** Hex SHA-256 of the policy's canonical form, recorded in the session start record. */
  String hash();
}
