package dev.understudy.plugins.office.a11y;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Walks an accessibility tree into the snapshot JSON every desktop backend sends (the agent's format):
 * {@code {"nodes":N,"truncated":B,"root":{"role","name","states":[..],"bounds":[x,y,w,h],"children":[..]}}}.
 * Roles, names, states and bounds only: values and text are never read. A password field's name is left
 * out too, so are nodes not on screen (without the {@code showing} state), and document content (paragraphs, cells, shapes by thousands) is not entered. The walk stops at
 * {@value #MAX_NODES} nodes, {@value #MAX_DEPTH} levels, {@value #MAX_CHILDREN} children of one node or
 * its time budget, and then says {@code "truncated":true}. Stateless.
 */
public final class TreeWalk {
  /** Most nodes in one snapshot: {@value}. */
  public static final int MAX_NODES = 400;
  /** Deepest level walked: {@value}. */
  public static final int MAX_DEPTH = 40;
  /** Most children read of one node: {@value}. */
  public static final int MAX_CHILDREN = 200;
  /** Default time budget of one walk: {@value} ms. */
  public static final long DEFAULT_BUDGET_MILLIS = 3_000;

  /** Roles whose children are document content, not user interface. */
  private static final Set<String> CONTENT = Set.of("document", "document text", "document spreadsheet",
      "document presentation", "document frame", "document web", "document email", "embedded object", "shape");
  /** States on for almost everything, which say nothing. */
  private static final Set<String> NOISE = Set.of("enabled", "visible", "showing", "opaque", "sensitive");

  /**
   * A finished walk.
   *
   * @param rootName the root's name (the window title), or empty
   * @param json the snapshot
   */
  public record Result(String rootName, String json, int nodes, boolean truncated) {}

  private final long deadline;
  private final LongSupplier nanos;
  private int nodes;
  private boolean truncated;

  private TreeWalk(long deadline, LongSupplier nanos) {
    this.deadline = deadline;
    this.nanos = nanos;
  }

  /** Walks the tree under {@code root} within {@value #DEFAULT_BUDGET_MILLIS} ms of the system's clock. */
  public static <N> Result of(TreeSource<N> source, N root) throws Exception {
    return of(source, root, TimeUnit.MILLISECONDS.toNanos(DEFAULT_BUDGET_MILLIS), System::nanoTime);
  }

  /** Walks the tree under {@code root} within {@code budgetNanos} (read on {@code nanos}). */
  public static <N> Result of(TreeSource<N> source, N root, long budgetNanos, LongSupplier nanos) throws Exception {
    TreeWalk w = new TreeWalk(nanos.getAsLong() + budgetNanos, nanos);
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    String rootName = w.node(source, root, 0, tree);
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("nodes", w.nodes).put("truncated", w.truncated);
    out.set("root", tree);
    return new Result(rootName, out.toString(), w.nodes, w.truncated);
  }

  /** The role word used throughout: lower case, words separated by single spaces. */
  public static String roleWords(String role) {
    return role == null || role.isBlank() ? "unknown" : role.strip().replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  /**
   * Fills {@code into} with the node and returns its name as shown (empty when left out), or null when
   * the node is not on screen (closed menus' entries, hidden panels): such a node is left out with
   * everything under it. The root is always kept.
   */
  private <N> String node(TreeSource<N> source, N node, int depth, ObjectNode into) throws Exception {
    List<String> allStates = source.states(node);
    if (depth > 0 && !allStates.contains("showing")) {
      return null;
    }
    nodes++;
    String role = roleWords(source.role(node));
    into.put("role", role);
    String name = role.contains("password") ? "" : source.name(node);
    name = name == null ? "" : name.strip();
    if (!name.isEmpty()) {
      into.put("name", name);
    }
    List<String> states = allStates.stream().filter(s -> !NOISE.contains(s)).toList();
    if (!states.isEmpty()) {
      ArrayNode a = into.putArray("states");
      states.forEach(a::add);
    }
    Optional<int[]> bounds = source.bounds(node);
    if (bounds.isPresent() && bounds.get().length == 4) {
      ArrayNode a = into.putArray("bounds");
      for (int v : bounds.get()) {
        a.add(v);
      }
    }
    if (CONTENT.contains(role)) {
      return name;
    }
    List<N> children = source.children(node, MAX_CHILDREN + 1);
    if (children.size() > MAX_CHILDREN) {
      truncated = true;
      children = children.subList(0, MAX_CHILDREN);
    }
    if (children.isEmpty()) {
      return name;
    }
    ArrayNode kids = into.putArray("children");
    for (N child : children) {
      if (nodes >= MAX_NODES || depth + 1 >= MAX_DEPTH || nanos.getAsLong() - deadline > 0) {
        truncated = true;
        break;
      }
      ObjectNode c = JsonNodeFactory.instance.objectNode();
      try {
        if (node(source, child, depth + 1, c) != null) {
          kids.add(c);
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception | LinkageError e) {
        // A node that vanished while we looked: left out.
      }
    }
    return name;
  }
}
