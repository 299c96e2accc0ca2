package dev.understudy.plugins.browser.replay;

import java.util.Objects;

/**
 * What replaying one recorded action did.
 *
 * @param index the action's position in the session (0-based, session records included)
 * @param action a short description of the action: "click button 'Save'"
 * @param outcome how it went
 * @param locator the locator that found the target ("css=#email", "role=button name=Save"), or "" when
 *     there was no target or none matched
 * @param matches how many elements that locator matched when replayed (1 when unique; 0 when none)
 * @param detail why, for outcomes other than {@link Outcome#PERFORMED}; may be ""
 */
public record ReplayStep(int index, String action, Outcome outcome, String locator, int matches, String detail) {

  /** How replaying an action went. */
  public enum Outcome {
    /** The target resolved to exactly one element (or the action had none) and the action was performed. */
    PERFORMED,
    /** The target's locators matched only several elements; the action was performed on the first. */
    AMBIGUOUS,
    /** None of the target's locators matched an element; nothing was done. */
    NOT_FOUND,
    /** A value that was never recorded (secure field, or masked): the field was resolved and left alone. */
    VALUE_NOT_RECORDED,
    /** The action followed from the one before (a navigation after a link click, a submit after a click). */
    FOLLOWED,
    /** A kind of action replay does not perform (scroll, clipboard, file choice, ...). */
    SKIPPED,
    /** The action was attempted and failed (the page threw, the expected page never loaded). */
    FAILED
  }

  public ReplayStep {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(locator, "locator");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether the action's target resolved to exactly one element. */
  public boolean resolvedUniquely() {
    return !locator.isEmpty() && matches == 1;
  }
}
