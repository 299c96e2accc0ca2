package dev.understudy.core.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * One consent as the ledger holds it: to be recorded by an adapter (or every adapter, {@code *}) in an
 * app (or every app, {@code *}), from when, until when, by whom, and whether it was revoked.
 * Immutable.
 *
 * @param id short unique id, e.g. {@code c-3f9a1b2c4d5e}
 * @param adapter the adapter's name, or {@code *} for every adapter
 * @param app the app id, or {@code *} for every app
 * @param grantedAt when it was given
 * @param expiresAt when it ends by itself; {@code null} for never
 * @param grantedBy the user name of who gave it
 * @param note free text the person added; may be empty
 * @param revokedAt when it was taken back; {@code null} while it stands
 * @param revokedBy the user name of who took it back; empty while it stands
 */
public record Consent(
    String id,
    String adapter,
    String app,
    Instant grantedAt,
    Instant expiresAt,
    String grantedBy,
    String note,
    Instant revokedAt,
    String revokedBy) {

  /** Matches every adapter or every app. */
  public static final String ANY = "*";

  /** Where a consent stands at a moment. */
  public enum Status {
    /** In force. */
    ACTIVE,
    /** Past its expiry. */
    EXPIRED,
    /** Taken back. */
    REVOKED
  }

  public Consent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(grantedBy, "grantedBy");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(revokedBy, "revokedBy");
  }

  /** Its status at this moment. */
  public Status status(Instant now) {
    if (revokedAt != null) {
      return Status.REVOKED;
    }
    return expiresAt != null && !now.isBefore(expiresAt) ? Status.EXPIRED : Status.ACTIVE;
  }

  /** Whether it covers recording with this adapter (in some app). */
  public boolean coversAdapter(String adapterName) {
    return adapter.equals(ANY) || adapter.equals(adapterName);
  }

  /** Whether it covers an action this adapter captured in this app; an unknown app needs app {@code *}. */
  public boolean covers(String adapterName, String appId) {
    return coversAdapter(adapterName) && (app.equals(ANY) || app.equals(appId));
  }

  /** The scope as people read it: "adapter hello, every app". */
  public String scope() {
    return (adapter.equals(ANY) ? "every adapter" : "adapter " + adapter) + ", "
        + (app.equals(ANY) ? "every app" : "app " + app);
  }

  Consent revoked(Instant at, String by) {
    return new Consent(id, adapter, app, grantedAt, expiresAt, grantedBy, note, at, by);
  }
}
