package dev.understudy.plugins.office.a11y;

import java.util.List;
import java.util.Optional;

/**
 * One accessibility API read as a tree, for snapshots ({@link TreeWalk}): what a node is, never what it
 * holds (no text, no values). Calls may throw for a node that vanished while it was read; the walk then
 * leaves that node out.
 *
 * <p>Threading: called only from the backend's snapshot thread, never from an application callback.
 *
 * @param <N> the API's node handle
 */
public interface TreeSource<N> {
  /** The role in lower-case words, as accessibility APIs spell them ({@code "push button"}). */
  String role(N node) throws Exception;

  /** The accessible name (a label, never a typed value), or empty. */
  String name(N node) throws Exception;

  /** The states that are on, in lower-case words ({@code "focused"}, {@code "checked"}). */
  List<String> states(N node) throws Exception;

  /** {@code x, y, width, height} on the screen, when the node has them. */
  Optional<int[]> bounds(N node) throws Exception;

  /** The first {@code max} children, in order. */
  List<N> children(N node, int max) throws Exception;
}
