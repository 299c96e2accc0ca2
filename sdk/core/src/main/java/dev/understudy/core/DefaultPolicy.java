package dev.understudy.core;

import dev.understudy.api.Policy;
import dev.understudy.proto.v1.Capability;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy that is a set of allowed capabilities. The default allows interactions, text content, file
 * names and titles, and leaves the opt-in ones off: clipboard content, raw keystrokes, screenshots and
 * snapshots. Immutable.
 */
public final class DefaultPolicy implements Policy {

  /** The capabilities allowed unless a person opts in to more. */
  public static final Set<Capability> DEFAULT_ALLOWED =
      EnumSet.of(
          Capability.CAPABILITY_INTERACTIONS,
          Capability.CAPABILITY_TEXT_CONTENT,
          Capability.CAPABILITY_FILE_NAMES,
          Capability.CAPABILITY_TITLES);

  private static final DefaultPolicy DEFAULT = new DefaultPolicy(DEFAULT_ALLOWED);

  private final Set<Capability> allowed;
  private final String hash;

  private DefaultPolicy(Set<Capability> allowed) {
    this.allowed = allowed.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(allowed);
    this.hash = sha256("allow=" + new TreeSet<>(this.allowed));
  }

  /** The default policy ({@link #DEFAULT_ALLOWED}). */
  public static DefaultPolicy defaults() {
    return DEFAULT;
  }

  /** A policy that allows exactly these capabilities. */
  public static DefaultPolicy allowing(Set<Capability> allowed) {
    return new DefaultPolicy(allowed);
  }

  @Override
  public boolean allows(Capability capability) {
    return allowed.contains(capability);
  }

  @Override
  public String hash() {
    return hash;
  }

  static String sha256(String text) {
    return dev.understudy.core.policy.PrivacyPolicy.sha256(text);
  }

  @Override
  public String toString() {
    return "DefaultPolicy" + allowed;
  }
}
