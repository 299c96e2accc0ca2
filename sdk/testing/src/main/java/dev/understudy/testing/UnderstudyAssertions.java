package dev.understudy.testing;

import dev.understudy.proto.v1.Action;

/**
 * Entry point for Understudy's AssertJ assertions. Static-import {@code assertThat} next to AssertJ's
 * own: Java picks this overload for an {@link Action}.
 */
public final class UnderstudyAssertions {

  private UnderstudyAssertions() {}

  /** Assertions on one action. */
  public static ActionAssert assertThat(Action actual) {
    return new ActionAssert(actual);
  }
}
