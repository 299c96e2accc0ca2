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

  /**
   * @throws IllegalArgumentException naming the first pattern that does not compile
   */
  Rules(PatternKind kind, List<String> allow, List<String> deny) {
    this.kind = kind;
    this.allowSources = List.copyOf(allow);
    this.denySources = List.copyOf(deny);
    this.allow = compileAll(kind, allowSources);
    this.deny = compileAll(kind, denySources);
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
    for (Predicate<String> p : deny) {
      if (p.test(value)) {
        return false;
      }
    }
    if (allow.isEmpty()) {
      return true;
    }
    for (Predicate<String> p : allow) {
      if (p.test(value)) {
        return true;
      }
    }
    return false;
  }

  List<String> allowSources() {
    return allowSources;
  }

  List<String> denySources() {
    return denySources;
  }
}
