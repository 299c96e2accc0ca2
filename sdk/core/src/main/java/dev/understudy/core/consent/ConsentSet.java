package dev.understudy.core.consent;

import java.util.List;
import java.util.TreeSet;

/**
 * The consents in force at one moment, as the runtime checks them. Immutable.
 */
public final class ConsentSet {

  private final List<Consent> active;

  ConsentSet(List<Consent> active) {
    this.active = List.copyOf(active);
  }

  /** A set with no consent in it. */
  public static ConsentSet none() {
    return new ConsentSet(List.of());
  }

  /** Whether some consent covers recording with this adapter. */
  public boolean coversAdapter(String adapter) {
    for (Consent c : active) {
      if (c.coversAdapter(adapter)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some consent covers an action this adapter captured in this app. */
  public boolean covers(String adapter, String app) {
    for (Consent c : active) {
      if (c.covers(adapter, app)) {
        return true;
      }
    }
    return false;
  }

  /** The ids of the consents covering any of these adapters, sorted. */
  public List<String> idsFor(Iterable<String> adapters) {
    TreeSet<String> ids = new TreeSet<>();
    for (String a : adapters) {
      active.stream().filter(c -> c.coversAdapter(a)).forEach(c -> ids.add(c.id()));
    }
    return List.copyOf(ids);
  }

  /** The consents in force. */
  public List<Consent> consents() {
    return active;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsentSet && ((ConsentSet) o).active.equals(active);
  }

  @Override
  public int hashCode() {
    return active.hashCode();
  }

  @Override
  public String toString() {
    return "ConsentSet" + active.stream().map(Consent::id).toList();
  }
}
