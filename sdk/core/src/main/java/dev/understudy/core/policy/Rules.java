package dev.understudy.core.policy;

import java.util.List;
import java.util.function.Predicate;

/**
 * The allow- and deny-list of one kind of pattern. Deny wins over allow; an empty allow-list allows
 * everything not denied. Immutable.
 */
final class Rules {

  private final PatternKind kind;
  private final List<String> allowSources;
  private final List<String> denySources;
  private final List<Predicate<String>> allow;
  private final List<Predicate<String>> deny;
  private final Guards allowGuards;
  private final Guards denyGuards;

  /**
   * @throws IllegalArgumentException naming the first pattern that does not compile
   */
  Rules(PatternKind kind, List<String> allow, List<String> deny) {
    this.kind = kind;
    this.allowSources = List.copyOf(allow);
    this.denySources = List.copyOf(deny);
    this.allow = compileAll(kind, allowSources);
    this.deny = compileAll(kind, denySources);
    this.allowGuards = Guards.of(this.allow);
    this.denyGuards = Guards.of(this.deny);
  }

  private static List<Predicate<String>> compileAll(PatternKind kind, List<String> sources) {
    return sources.stream().map(kind::compile).toList();
  }

  /**
   * Whether a value may be recorded. An empty value is outside every list, except that a non-empty
   * allow-list of apps refuses an action whose app is not known (fail closed).
   */
  boolean permits(String value) {
    if (value == null || value.isEmpty()) {
      return kind != PatternKind.APP || allow.isEmpty();
    }
    if (denyGuards.anyMatches(value)) {
      return false;
    }
    return allow.isEmpty() || allowGuards.anyMatches(value);
  }

  /**
   * A list's patterns with the literals in front of them looked for in one pass: a pattern whose
   * literal is not in the value is not asked. Up to {@link LiteralSet#MAX} literals; patterns past
   * that check their own.
   */
  private static final class Guards {
    private final Predicate<String>[] patterns;
    /** Per pattern, its literal's bit in {@link #literals}, or 0 when it checks its own or has none. */
    private final long[] bits;
    private final LiteralSet literals;

    @SuppressWarnings("unchecked")
    private Guards(List<Predicate<String>> predicates) {
      patterns = new Predicate[predicates.size()];
      bits = new long[predicates.size()];
      List<String> found = new java.util.ArrayList<>();
      for (int i = 0; i < predicates.size(); i++) {
        Predicate<String> p = predicates.get(i);
        if (p instanceof RequiredLiteral.Guarded g && found.size() < LiteralSet.MAX) {
          bits[i] = 1L << found.size();
          found.add(g.literal());
          patterns[i] = g.pattern();
        } else {
          patterns[i] = p;
        }
      }
      literals = found.isEmpty() ? null : new LiteralSet(found);
    }

    static Guards of(List<Predicate<String>> predicates) {
      return new Guards(predicates);
    }

    boolean anyMatches(String value) {
      long present = literals == null ? 0 : literals.find(value);
      for (int i = 0; i < patterns.length; i++) {
        if ((bits[i] == 0 || (present & bits[i]) != 0) && patterns[i].test(value)) {
          return true;
        }
      }
      return false;
    }
  }

  List<String> allowSources() {
    return allowSources;
  }

  List<String> denySources() {
    return denySources;
  }
}
