package dev.understudy.api;

/**
 * Attribute keys by which an adapter links an action to the action that caused it ({@code parent_id})
 * without knowing the parent's id: the runtime assigns ids when it writes actions, after {@code emit}
 * has returned.
 *
 * <p>The adapter puts {@link #REF} with a token of its choosing (e.g. {@code "rename:8"}) on the cause,
 * and {@link #PARENT_REF} with the same token on each action it caused, emitted after the cause. When
 * the runtime writes the cause it remembers the id it gave it under that token; when it takes in a
 * caused action it sets {@code parent_id} to that id. Both attributes are removed before anything is
 * stored. A token is scoped to the adapter that emitted it; the runtime remembers the most recent
 * {@value #REMEMBERED} tokens per recording. A caused action whose cause was never written (dropped by
 * the policy, say) keeps an empty {@code parent_id}; so does one whose cause the runtime still holds
 * back (a run of typed text is written only when it ends, so typed text cannot be a cause).
 *
 * <p>Tokens are identifiers, not content: they pass the privacy stages like any attribute value, so
 * keep them short and free of user text.
 */
public final class ActionRefs {
  /** On a cause: the token its effects name. */
  public static final String REF = "understudy.ref";
  /** On an effect: the token its cause carries in {@link #REF}. */
  public static final String PARENT_REF = "understudy.parent_ref";
  /** How many tokens the runtime remembers per recording, the most recent first: {@value}. */
  public static final int REMEMBERED = 4096;

  private ActionRefs() {}
}
