package dev.understudy.plugins.office.atspi;

import java.util.Optional;

/**
 * Asks an application about one of its accessible objects. Implementations may block (a D-Bus round
 * trip) but give up after a bounded time; an object or application that is gone is an empty result,
 * never an exception. Called on the backend's worker thread only.
 */
interface Describer {
  /** Role, name, states, application and window of an object, or empty when it cannot be described. */
  Optional<Description> describe(Node node);

  /** The whole text of a text object, or empty. */
  Optional<String> text(Node node);

  /** Forgets what is known about an object (its name changed); the next describe asks again. */
  void forget(Node node);
}
