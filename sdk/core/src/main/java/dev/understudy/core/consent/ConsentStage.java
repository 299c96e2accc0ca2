package dev.understudy.core.consent;

import dev.understudy.core.privacy.PrivacyStage;
import dev.understudy.proto.v1.Action;
import java.util.Objects;

/**
 * Drops every action no consent in force covers: an adapter whose consent was revoked or expired, or
 * an app outside the apps its consents name. Reads the consents the {@link ConsentWatcher} last saw,
 * so a revocation applies to actions still queued as well as to new ones.
 *
 * <p>Threading: {@link #apply} on the pipeline thread; {@link #update} from the watcher's thread.
 */
public final class ConsentStage implements PrivacyStage {

  private volatile ConsentSet consents;

  /** A stage enforcing these consents until {@link #update} replaces them. */
  public ConsentStage(ConsentSet consents) {
    this.consents = Objects.requireNonNull(consents, "consents");
  }

  /** Replaces the consents in force. Any thread. */
  public void update(ConsentSet consents) {
    this.consents = Objects.requireNonNull(consents, "consents");
  }

  @Override
  public Action apply(Action action) {
    return consents.covers(action.getSource().getAdapterId(), action.getSource().getAppId()) ? action : null;
  }

  @Override
  public String name() {
    return "consent";
  }
}
