package dev.understudy.plugins.office.a11y;

import dev.understudy.api.CaptureContext;
import dev.understudy.proto.v1.Capability;

/**
 * Whether the desktop backends send accessibility-tree observations with actions: only when the
 * person asked for them ({@code adapter.office.}{@value #KEY}{@code =true}; default off) and the
 * policy allows {@code SNAPSHOTS}. Asking without the policy's leave sends nothing, so a session does
 * not fill with refusal gaps. Stateless.
 */
public final class Snapshots {
  /** The configuration key, under {@code adapter.office.}: {@value}. */
  public static final String KEY = "snapshots";

  private Snapshots() {}

  /** Whether observations are to be captured in this session. */
  public static boolean enabled(CaptureContext context) {
    return context.config().getBoolean(KEY, false) && context.policy().allows(Capability.CAPABILITY_SNAPSHOTS);
  }
}
