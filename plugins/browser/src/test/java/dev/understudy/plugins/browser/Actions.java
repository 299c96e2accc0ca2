package dev.understudy.plugins.browser;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Locator;
import java.util.function.Predicate;

/** Predicates and lookups on recorded actions for the browser tests. */
final class Actions {
  private Actions() {}

  static Predicate<Action> target(String role, String name) {
    return a -> a.hasTarget() && a.getTarget().getRole().equals(role) && a.getTarget().getName().equals(name);
  }

  static Predicate<Action> invoke(String role, String name) {
    return target(role, name).and(Action::hasInvoke);
  }

  static Predicate<Action> value(String role, String name) {
    return target(role, name).and(Action::hasValueChange);
  }

  static String attribute(Action a, String key) {
    return a.getAttributesList().stream().filter(x -> x.getKey().equals(key)).map(x -> x.getValue()).findFirst().orElse("");
  }

  static Locator locator(Action a, Locator.KindCase kind) {
    return a.getTarget().getLocatorsList().stream().filter(l -> l.getKindCase() == kind).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " locator in " + a.getTarget()));
  }
}
